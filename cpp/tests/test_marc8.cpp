#include <boost/test/unit_test.hpp>

#include <string>

#include "mrrc/marc8.hpp"

namespace {

struct Decoded {
    bool ok;
    std::string text;
    std::string messages;
};

Decoded decode(const std::string& marc8, bool quiet = false) {
    mrrc::Marc8Decoder decoder(quiet);
    Decoded d;
    d.ok = decoder.decode(marc8.data(), marc8.size(), d.text, d.messages);
    return d;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(marc8)

BOOST_AUTO_TEST_CASE(basic_latin_and_ansel) {
    BOOST_TEST(decode("plain text").text == "plain text");
    BOOST_TEST(decode("caf\xe2" "e").text == "cafe\xcc\x81");   // acute before e -> e + U+0301
    BOOST_TEST(decode("\xc7").text == "\xc3\x9f");              // Eszett
    BOOST_TEST(decode("\xc8").text == "\xe2\x82\xac");          // Euro sign
    BOOST_TEST(decode("\xae").text == "\xca\xbc");              // Alif
    BOOST_TEST(decode("e\xe1").text == "e");                    // a mark left at the end is dropped
}

BOOST_AUTO_TEST_CASE(escapes_select_sets) {
    BOOST_TEST(decode("CO\x1b" "b2\x1bs is a gas").text == "CO\xe2\x82\x82 is a gas");  // subscript two
    BOOST_TEST(decode("\x1b(NA\x1b(B").text == "\xd0\xb0");                             // Cyrillic a (0x41)
    BOOST_TEST(decode("ab\x1bZcd").text == "abZcd");       // unknown final byte: ESC dropped
    BOOST_TEST(decode("ab\x1b(").text == "ab\x1b(");        // too short: ESC kept, '(' read
}

BOOST_AUTO_TEST_CASE(eacc_three_byte_characters) {
    const auto d = decode("\x1b$1\x21\x30\x64\x1b(B");
    BOOST_TEST(d.ok);
    BOOST_TEST(d.text == "\xe4\xba\xba");  // EACC 0x213064 is U+4EBA
    const auto cut = decode("\x1b$1\x21\x30");
    BOOST_TEST(cut.ok);
    BOOST_TEST(cut.messages.find("Multi-byte position 6 exceeds length of marc8 string 5") != std::string::npos);
    BOOST_TEST(decode("\x1b$1\x21\x30", true).messages.find("Multi-byte") != std::string::npos);  // even when quiet
}

BOOST_AUTO_TEST_CASE(what_pymarc_rejects) {
    BOOST_TEST(!decode("abc\x1b").ok);        // ESC at the end
    BOOST_TEST(!decode("abc\x1b)").ok);       // G1 designation cut off
    BOOST_TEST(!decode("abc\x1b$,").ok);      // ESC $ , cut off
    BOOST_TEST(!decode("abc\x1b" "b").ok);    // ESC F at the end leaves nothing to read
    BOOST_TEST(decode("abc\x1bs").ok);        // ... except ESC s
}

BOOST_AUTO_TEST_CASE(unknown_codes_and_messages) {
    const auto d = decode("a\x7f" "b");
    BOOST_TEST(d.text == "a b");
    BOOST_TEST(d.messages == "Unable to parse character 0x7f in g0=66 g1=69\n");
    BOOST_TEST(decode("a\x7f" "b", true).messages.empty());
    BOOST_TEST(decode("a\x01\x85" "b").text == "ab");  // control codes dropped
}

BOOST_AUTO_TEST_CASE(random_bytes_never_read_past_the_end) {
    std::uint32_t state = 12345;
    for (int i = 0; i < 20000; ++i) {
        std::string bytes;
        const int length = static_cast<int>(state % 17);
        for (int k = 0; k < length; ++k) {
            state = state * 1103515245u + 12345u;
            const char pool[] = {'\x1b', '(', ')', '$', ',', '-', '1', 'b', 's', '\xe1', '\x21', 'a'};
            bytes.push_back((state >> 16) % 3 ? pool[(state >> 8) % sizeof pool] : static_cast<char>(state >> 24));
        }
        state = state * 1103515245u + 12345u;
        decode(bytes);  // must simply return; ASan builds catch any overrun
    }
    BOOST_TEST(true);
}

BOOST_AUTO_TEST_SUITE_END()
