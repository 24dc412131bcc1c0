#include <boost/test/unit_test.hpp>

#include <string>

#include "mrrc/utf8.hpp"

namespace {
std::size_t bad_at(const std::string& s) { return mrrc::find_invalid_utf8(s.data(), s.size()); }
}  // namespace

BOOST_AUTO_TEST_SUITE(utf8)

BOOST_AUTO_TEST_CASE(valid_text_passes) {
    for (const std::string& s : {std::string(""), std::string("plain ascii text that is long enough"),
                                std::string("caf\xc3\xa9"), std::string("\xe2\x82\xac 20"),
                                std::string("\xf0\x9f\x93\x9a books"), std::string("\xef\xbf\xbf"),
                                std::string("\xf4\x8f\xbf\xbf")}) {
        BOOST_TEST(bad_at(s) == s.size());
    }
}

BOOST_AUTO_TEST_CASE(invalid_sequences_are_found_where_they_start) {
    BOOST_TEST(bad_at("abc\xe9z") == 3u);                 // Latin-1 byte
    BOOST_TEST(bad_at("abcdefghij\x80") == 10u);           // stray continuation after the ASCII fast path
    BOOST_TEST(bad_at("\xc0\xaf") == 0u);                  // overlong
    BOOST_TEST(bad_at("\xe0\x80\xaf") == 0u);              // overlong 3-byte
    BOOST_TEST(bad_at("x\xed\xa0\x80") == 1u);             // surrogate
    BOOST_TEST(bad_at("\xf4\x90\x80\x80") == 0u);          // above U+10FFFF
    BOOST_TEST(bad_at("ok\xe2\x82") == 2u);                // truncated at the end
    BOOST_TEST(bad_at("\xe2\x28\xa1") == 0u);              // bad continuation
}

BOOST_AUTO_TEST_SUITE_END()
