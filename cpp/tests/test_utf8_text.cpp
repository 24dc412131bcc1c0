#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "mrrc/utf8_text.hpp"

namespace {

// UTF-8 of code point `c` (the test's own encoder, from the encoding's definition).
std::string utf8(char32_t c) {
    std::string out;
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
    return out;
}

std::uint32_t width_class(const std::u32string& text) {
    std::uint32_t top = 0;
    for (char32_t c : text) top = std::max<std::uint32_t>(top, c);
    return top < 0x80 ? 0x7F : top < 0x100 ? 0xFF : top < 0x10000 ? 0xFFFF : 0x10FFFF;
}

// Measures and decodes `text` (encoded here) into units of type Unit; checks both.
template <typename Unit>
void check(const std::u32string& text) {
    std::string bytes;
    for (char32_t c : text) bytes += utf8(c);
    const mrrc::Utf8Measure m = mrrc::measure_valid_utf8(bytes.data(), bytes.size());
    BOOST_TEST(m.code_points == text.size());
    BOOST_TEST(m.max_code_point == width_class(text));
    std::vector<Unit> out(text.size() + 1, Unit{0x5A});
    mrrc::decode_valid_utf8(bytes.data(), bytes.size(), out.data());
    for (std::size_t i = 0; i < text.size(); ++i) BOOST_TEST(out[i] == static_cast<Unit>(text[i]));
    BOOST_TEST(out[text.size()] == Unit{0x5A});  // nothing written past the text
}

}  // namespace

BOOST_AUTO_TEST_SUITE(utf8_text)

BOOST_AUTO_TEST_CASE(each_width_class_is_measured_and_decoded) {
    check<std::uint8_t>(U"");
    check<std::uint8_t>(U"plain ASCII, longer than one eight-byte word");
    check<std::uint8_t>(U"caf\u00e9 na\u00efve \u00ff\u0080");                 // one byte: U+0080-U+00FF
    check<std::uint16_t>(U"\u0100 \u017e \u07ff \u0430\u0431\u0432 text");      // two-byte sequences above U+00FF
    check<std::uint16_t>(U"\u0800 \u4e2d\u6587 \uffff \u00e9");                 // three-byte sequences
    check<std::uint32_t>(U"\U00010000 \U0001F4DA books \U0010FFFF \u00e9 \u4e2d");  // four-byte sequences
}

BOOST_AUTO_TEST_CASE(every_position_within_a_word_is_handled) {
    // A wide character at each offset of a run of ASCII, across the eight-byte steps.
    for (char32_t wide : {U'\u00e9', U'\u0416', U'\u4e2d', U'\U0001F4DA'}) {
        for (std::size_t at = 0; at < 20; ++at) {
            std::u32string text(24, U'a');
            text[at] = wide;
            if (wide < 0x100) check<std::uint8_t>(text);
            else if (wide < 0x10000) check<std::uint16_t>(text);
            else check<std::uint32_t>(text);
        }
    }
}

BOOST_AUTO_TEST_CASE(the_widest_class_present_wins) {
    check<std::uint32_t>(U"\u00e9\u4e2d\U0001F4DA\u0416");
    check<std::uint16_t>(U"\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u0416");  // after a word of one-byte class
}

BOOST_AUTO_TEST_CASE(long_text_is_counted_whole) {
    // Past 255 blocks of 16 bytes, where the per-lane counts are summed.
    check<std::uint8_t>(std::u32string(5000, U'\u00e9') + U"tail");
    check<std::uint16_t>(std::u32string(3001, U'\u0416') + std::u32string(17, U'a'));
    for (std::size_t n = 0; n < 40; ++n) check<std::uint16_t>(std::u32string(n, U'\u4e2d'));
}

BOOST_AUTO_TEST_SUITE_END()
