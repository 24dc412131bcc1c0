#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <string>

#include "mrrc/marc8.hpp"
#include "mrrc/marc8_encoder.hpp"

namespace {

std::string encode(const std::string& utf8) {
    std::string out;
    std::uint32_t bad = 0;
    BOOST_REQUIRE(mrrc::encode_marc8(utf8.data(), utf8.size(), out, bad));
    return out;
}

std::string decode(const std::string& marc8) {
    mrrc::Marc8Decoder decoder(true);
    std::string out, messages;
    BOOST_REQUIRE(decoder.decode(marc8.data(), marc8.size(), out, messages));
    BOOST_TEST(messages.empty());
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(marc8_encoder)

BOOST_AUTO_TEST_CASE(latin_with_diacritics) {
    BOOST_TEST(encode("plain") == "plain");
    BOOST_TEST(encode("caf\xc3\xa9") == "caf\xe2" "e");             // precomposed e-acute
    BOOST_TEST(encode("cafe\xcc\x81") == "caf\xe2" "e");            // e + combining acute
    BOOST_TEST(encode("\xc3\x9f") == "\xc7");                       // Eszett
    BOOST_TEST(encode("\xe2\x82\xac") == "\xc8");                   // Euro sign
}

BOOST_AUTO_TEST_CASE(other_scripts_use_escapes_and_return) {
    BOOST_TEST(encode("CO\xe2\x82\x82 is a gas") == "CO\x1b" "b2\x1bs is a gas");  // subscript two
    const std::string cyrillic = encode("\xd0\xb0\xd0\xb1 \xd0\xb2");            // "аб в"
    BOOST_TEST(cyrillic.substr(0, 3) == "\x1b(N");
    BOOST_TEST(cyrillic.substr(cyrillic.size() - 3) == "\x1b(B");
    BOOST_TEST(cyrillic.find(' ') != std::string::npos);  // the space stays in the Cyrillic set
    const std::string cjk = encode("\xe4\xba\xba");  // 人
    BOOST_TEST(cjk == "\x1b$1\x21\x30\x64\x1b(B");
    // A G1 (ANSEL) character cannot be read while G0 is EACC: leave EACC first.
    BOOST_TEST(decode(encode("\xe4\xba\xba\xc2\xb7\xe4\xba\xba")) == "\xe4\xba\xba\xc2\xb7\xe4\xba\xba");
}

BOOST_AUTO_TEST_CASE(round_trips_through_the_decoder) {
    for (const std::string& text : {std::string("Br\xc3\xbc" "cke \xc3\xa0 Z\xc3\xbcrich"),
                                   std::string("\xd0\x9f\xd1\x80\xd0\xb5\xd1\x81\xd1\x82\xd1\x83\xd0\xbf\xd0\xbb\xd0\xb5\xd0\xbd\xd0\xb8\xd0\xb5 \xd0\xb8 \xd0\xbd\xd0\xb0\xd0\xba\xd0\xb0\xd0\xb7\xd0\xb0\xd0\xbd\xd0\xb8\xd0\xb5, 1866"),
                                   std::string("\xe4\xb8\xad\xe5\x9b\xbd \xe5\x9b\xbe\xe4\xb9\xa6"),
                                   std::string("\xce\xb1\xce\xb2\xce\xb3 abc"), std::string("")}) {
        const std::string decoded = decode(encode(text));
        // The decoder gives base + combining marks; compare in that (decomposed) form.
        BOOST_TEST(decode(encode(decoded)) == decoded, text);
    }
}

BOOST_AUTO_TEST_CASE(characters_without_a_marc8_form_are_reported) {
    std::string out;
    std::uint32_t bad = 0;
    BOOST_TEST(!mrrc::encode_marc8("a\xf0\x9f\x98\x80", 5, out, bad));  // an emoji
    BOOST_TEST(bad == 0x1F600u);
    BOOST_TEST(!mrrc::encode_marc8("a\x1e" "b", 3, out, bad));  // a field terminator inside a value
    BOOST_TEST(bad == 0x1Eu);
}

BOOST_AUTO_TEST_CASE(printable_ascii_is_its_own_form_and_a_mixed_value_is_not_cut_short) {
    std::string all;
    for (char c = 0x20; c < 0x7F; ++c) all.push_back(c);
    std::string out;
    std::uint32_t bad = 0;
    BOOST_REQUIRE(mrrc::encode_marc8(all.data(), all.size(), out, bad));
    BOOST_TEST(out == all);
    out.clear();  // the plain start of a value, then a letter that needs ANSEL
    BOOST_REQUIRE(mrrc::encode_marc8("Caf\xc3\xa9 au lait", 13, out, bad));
    BOOST_TEST(out == "Caf\xe2" "e au lait");
    out.clear();
    BOOST_TEST(!mrrc::encode_marc8("ok\x7f", 3, out, bad));  // DEL has no MARC-8 form: the slow path says so
}

BOOST_AUTO_TEST_SUITE_END()
