#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <cstring>
#include <random>
#include <string>

#include "mrrc/ascii_number.hpp"
#include "mrrc/byte_search.hpp"

namespace {

std::size_t naive_non_ascii(const std::string& s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (static_cast<unsigned char>(s[i]) >= 0x80) return i;
    }
    return s.size();
}

std::size_t naive_delimiter(const std::string& s, std::size_t from, std::size_t end) {
    const void* hit = from < end ? std::memchr(s.data() + from, 0x1F, end - from) : nullptr;
    return hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - s.data()) : end;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(byte_search)

BOOST_AUTO_TEST_CASE(first_non_ascii_finds_the_first_high_byte_at_every_position) {
    // Every size up to 100 (each tail of the 32-, 16- and 8-byte steps), from
    // an odd address, with high bytes before and after the range unseen.
    for (std::size_t size = 0; size <= 100; ++size) {
        std::string ascii(size + 2, 'a');
        ascii.front() = ascii.back() = '\xc3';
        const char* range = ascii.data() + 1;
        BOOST_TEST(mrrc::first_non_ascii(range, size) == size);
        for (std::size_t at = 0; at < size; ++at) {
            std::string s = ascii;
            s[1 + at] = '\x80';
            if (at + 3 < size) s[1 + at + 3] = '\xff';  // a later one does not count
            BOOST_TEST(mrrc::first_non_ascii(s.data() + 1, size) == at);
        }
    }
}

BOOST_AUTO_TEST_CASE(delimiters_found_as_memchr_finds_them) {
    std::mt19937 random(17);
    for (int round = 0; round < 300; ++round) {
        std::string s(1 + random() % 300, 'x');
        for (char& c : s) {
            const unsigned roll = random() % 16;
            c = roll == 0 ? '\x1f' : roll == 1 ? '\x1e' : roll == 2 ? '\xe9' : static_cast<char>('a' + roll);
        }
        // Every range a field can have, at every place in the buffer (the last 64 bytes included).
        for (int probe = 0; probe < 40; ++probe) {
            const std::size_t x = random() % (s.size() + 1), y = random() % (s.size() + 1);
            const std::size_t from = std::min(x, y), end = std::max(x, y);
            mrrc::DelimiterCursor delimiters(s.data(), s.size(), from, end);
            std::size_t expected = naive_delimiter(s, from, end);
            for (;;) {
                const std::size_t at = delimiters.next();
                BOOST_TEST(at == expected);
                if (at >= end) break;
                expected = naive_delimiter(s, at + 1, end);
            }
            BOOST_TEST(delimiters.next() == end);  // and it stays there
        }
        BOOST_TEST(mrrc::first_non_ascii(s.data(), s.size()) == naive_non_ascii(s));
    }
}

BOOST_AUTO_TEST_CASE(four_digits_accepts_digits_only) {
    const unsigned char interesting[] = {0x00, 0x20, 0x2F, '0', '1', '5', '9', 0x3A, 0x3F, 0x40, 0x69, 0xB0,
                                         0xB9, 0xF9, 0xFA, 0xFF};
    for (unsigned char a : interesting)
        for (unsigned char b : interesting)
            for (unsigned char c : interesting)
                for (unsigned char d : interesting) {
                    const char bytes[4] = {static_cast<char>(a), static_cast<char>(b), static_cast<char>(c),
                                           static_cast<char>(d)};
                    bool digits = true;
                    std::uint32_t expected = 0;
                    for (char byte : bytes) {
                        digits = digits && byte >= '0' && byte <= '9';
                        expected = expected * 10 + static_cast<std::uint32_t>(byte - '0');
                    }
                    std::uint32_t value = 12345;
                    BOOST_TEST(mrrc::parse_four_digits(bytes, value) == digits);
                    if (digits) BOOST_TEST(value == expected);
                }
    std::int64_t n = 0;
    BOOST_TEST(mrrc::parse_fixed_digits("99999", 5, n));
    BOOST_TEST(n == 99999);
    BOOST_TEST(!mrrc::parse_fixed_digits("9999:", 5, n));
    BOOST_TEST(mrrc::parse_python_int(" 123", 4, n));  // not four digits: Python's rules
    BOOST_TEST(n == 123);
}

BOOST_AUTO_TEST_SUITE_END()
