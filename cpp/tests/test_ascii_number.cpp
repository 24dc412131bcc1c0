#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <cstdio>
#include <random>
#include <string>

#include "mrrc/ascii_number.hpp"

using mrrc::parse_fixed_digits;
using mrrc::parse_python_int;

namespace {
bool py_int(const std::string& s, std::int64_t& out) { return parse_python_int(s.data(), s.size(), out); }

std::string entry_digits(std::uint32_t length, std::uint32_t offset) {
    char out[10] = {};
    mrrc::write_entry_digits(out, length, offset);
    return std::string(out, 9);
}
std::string printed(std::uint32_t length, std::uint32_t offset) {
    char out[16];
    std::snprintf(out, sizeof out, "%04u%05u", static_cast<unsigned>(length), static_cast<unsigned>(offset));
    return out;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(ascii_number)

BOOST_AUTO_TEST_CASE(accepts_what_python_int_accepts) {
    std::int64_t n = 0;
    BOOST_TEST(py_int("00755", n)); BOOST_TEST(n == 755);
    BOOST_TEST(py_int(" 0755", n)); BOOST_TEST(n == 755);
    BOOST_TEST(py_int("+12", n)); BOOST_TEST(n == 12);
    BOOST_TEST(py_int("-5", n)); BOOST_TEST(n == -5);
    BOOST_TEST(py_int("1_2", n)); BOOST_TEST(n == 12);
    BOOST_TEST(py_int("\t12\n", n)); BOOST_TEST(n == 12);
    BOOST_TEST(py_int("\x0b" "1", n)); BOOST_TEST(n == 1);
}

BOOST_AUTO_TEST_CASE(rejects_what_python_int_rejects) {
    std::int64_t n = 0;
    for (const char* bad : {"", "  ", "+", "1__2", "_12", "12_", "0x1", "\x1e" "12", "12\x1f", "ab", "1 2", "--1"}) {
        BOOST_TEST(!py_int(bad, n), "accepted " << bad);
    }
    BOOST_TEST(!py_int(std::string("\xa0" "12"), n));
}

BOOST_AUTO_TEST_CASE(fixed_digits_are_strict) {
    std::int64_t n = 0;
    BOOST_TEST(parse_fixed_digits("01234", 5, n)); BOOST_TEST(n == 1234);
    BOOST_TEST(!parse_fixed_digits(" 1234", 5, n));
    BOOST_TEST(!parse_fixed_digits("+1234", 5, n));
    BOOST_TEST(!parse_fixed_digits("", 0, n));
}

BOOST_AUTO_TEST_CASE(ascii_check) {
    BOOST_TEST(mrrc::is_ascii("abc\x1f", 4));
    BOOST_TEST(!mrrc::is_ascii("ab\xc3\xa9", 4));
}

BOOST_AUTO_TEST_CASE(entry_numbers_are_both_fixed_digit_numbers) {
    std::mt19937 random(9);
    const char alphabet[] = "0123456789 +-_/:\xfa\xff";
    for (int round = 0; round < 20000; ++round) {
        char entry[9];
        for (char& c : entry) c = random() % 4 ? static_cast<char>('0' + random() % 10) : alphabet[random() % 19];
        std::int64_t length = 0, offset = 0;
        const bool digits = parse_fixed_digits(entry, 4, length) && parse_fixed_digits(entry + 4, 5, offset);
        std::uint32_t fast_length = 7, fast_offset = 7;
        BOOST_TEST(mrrc::parse_entry_numbers(entry, fast_length, fast_offset) == digits);
        if (digits) {
            BOOST_TEST(fast_length == length);
            BOOST_TEST(fast_offset == offset);
        }
    }
    std::uint32_t length = 0, offset = 0;
    BOOST_TEST(mrrc::parse_entry_numbers("999999999", length, offset));
    BOOST_TEST(length == 9999u);
    BOOST_TEST(offset == 99999u);
}

BOOST_AUTO_TEST_CASE(entry_digits_are_written_as_printf_writes_them) {
    // Every length against a spread of offsets, every offset against a spread of lengths.
    bool all_equal = true;
    for (std::uint32_t length = 0; length < 10000; ++length)
        for (std::uint32_t offset : {0u, 1u, 9u, 10u, 99u, 4321u, 10000u, 54321u, 99999u})
            all_equal = all_equal && entry_digits(length, offset) == printed(length, offset);
    for (std::uint32_t offset = 0; offset < 100000; ++offset)
        for (std::uint32_t length : {0u, 1u, 10u, 999u, 1000u, 4567u, 9999u})
            all_equal = all_equal && entry_digits(length, offset) == printed(length, offset);
    BOOST_TEST(all_equal);
    BOOST_TEST(entry_digits(1234, 56789) == "123456789");
    BOOST_TEST(entry_digits(0, 0) == "000000000");
    BOOST_TEST(entry_digits(9999, 99999) == "999999999");
}

BOOST_AUTO_TEST_SUITE_END()
