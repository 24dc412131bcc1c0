// The decimal numbers of leaders and directories: read exactly as pymarc does
// (Python's int() on the bytes), so malformed numbers fail in the same places,
// and a directory entry's two numbers written.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace mrrc {

/// Four ASCII digits at `data` as a number, tested all at once (false for anything else).
inline bool parse_four_digits(const char* data, std::uint32_t& out) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(data);
    const std::uint32_t word = std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16 |
                               std::uint32_t{p[3]} << 24;
    // A digit's high nibble is 3, and stays 3 when 6 is added (its low nibble is at
    // most 9). A byte of 0xFA or more carries into the next, but fails itself.
    if (((word & 0xF0F0F0F0u) | (((word + 0x06060606u) & 0xF0F0F0F0u) >> 4)) != 0x33333333u) return false;
    out = (p[0] - 48u) * 1000u + (p[1] - 48u) * 100u + (p[2] - 48u) * 10u + (p[3] - 48u);
    return true;
}

/// A directory entry's length (4 digits) and offset (5 digits) from the 9 bytes
/// at `data`, the first eight tested and converted together; false unless all
/// nine are digits (then each number is read on its own, by Python's rules).
inline bool parse_entry_numbers(const char* data, std::uint32_t& length, std::uint32_t& offset) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(data);
    std::uint64_t word = 0;
    for (int k = 7; k >= 0; --k) word = word << 8 | p[k];  // byte k at bits 8k (one load where bytes are little-endian)
    if (((word & 0xF0F0F0F0F0F0F0F0u) | (((word + 0x0606060606060606u) & 0xF0F0F0F0F0F0F0F0u) >> 4)) !=
        0x3333333333333333u)  // (as in parse_four_digits)
        return false;
    const unsigned last = p[8] - static_cast<unsigned>('0');
    if (last > 9) return false;
    std::uint64_t digits = word - 0x3030303030303030u;
    digits = (digits * 10 + (digits >> 8)) & 0x00FF00FF00FF00FFu;      // pairs of digits (<= 99) in 16-bit lanes
    digits = (digits * 100 + (digits >> 16)) & 0x0000FFFF0000FFFFu;    // groups of four (<= 9999) in 32-bit lanes
    length = static_cast<std::uint32_t>(digits & 0xFFFF);
    offset = static_cast<std::uint32_t>(digits >> 32) * 10 + last;
    return true;
}

/// A directory entry's length (< 10000, 4 digits) and offset (< 100000, 5
/// digits), zero-padded, as the 9 bytes at `out`. The first eight digits (the
/// length's four and the offset's first four) are made together in one 64-bit
/// word (SWAR: pairs, then digits, each split off by a multiplication and a
/// shift that divide exactly in that range).
inline void write_entry_digits(char* out, std::uint32_t length, std::uint32_t offset) noexcept {
    const std::uint32_t offset_tens = offset / 10;
    std::uint64_t v = length | std::uint64_t{offset_tens} << 32;          // four digits a 32-bit lane
    const std::uint64_t hundreds = ((v * 10486) >> 20) & 0x0000007F0000007FULL;  // x / 100 for x < 43,699
    v = hundreds | (v - hundreds * 100) << 16;                             // two-digit groups, 16-bit lanes
    const std::uint64_t tens = ((v * 103) >> 10) & 0x000F000F000F000FULL;  // x / 10 for x < 179
    v = (tens | (v - tens * 10) << 8) + 0x3030303030303030ULL;              // a digit a byte, the first lowest
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    std::memcpy(out, &v, sizeof v);
#else
    for (int k = 0; k < 8; ++k) out[k] = static_cast<char>(v >> (8 * k));
#endif
    out[8] = static_cast<char>('0' + (offset - offset_tens * 10));
}

/// Strict fixed-width form: every byte an ASCII digit (ISO 2709's own rule).
/// Inline: the parser reads two of these per directory entry (4 and 5 digits).
inline bool parse_fixed_digits(const char* data, std::size_t size, std::int64_t& out) noexcept {
    if (size == 4 || size == 5) {
        std::uint32_t value = 0;
        if (!parse_four_digits(data, value)) return false;
        if (size == 5) {
            const unsigned digit = static_cast<unsigned char>(data[4]) - static_cast<unsigned>('0');
            if (digit > 9) return false;
            value = value * 10 + digit;
        }
        out = value;
        return true;
    }
    std::int64_t value = 0;
    for (std::size_t i = 0; i < size; ++i) {
        const unsigned digit = static_cast<unsigned char>(data[i]) - static_cast<unsigned>('0');
        if (digit > 9) return false;
        value = value * 10 + digit;
    }
    out = value;
    return size > 0;
}

/// Python int() for what is not plain digits (see parse_python_int).
bool parse_python_int_general(const char* data, std::size_t size, std::int64_t& out) noexcept;

/// Parse `size` bytes with Python int() rules: optional surrounding ASCII
/// whitespace, an optional sign, decimal digits with single underscores between
/// them. Returns false when Python would raise ValueError.
///   int64_t n; parse_python_int("00755", 5, n)  // n == 755
inline bool parse_python_int(const char* data, std::size_t size, std::int64_t& out) noexcept {
    // Nearly every number in real records is plain digits: take the short path.
    if (size > 0 && size <= 18 && parse_fixed_digits(data, size, out)) return true;
    return parse_python_int_general(data, size, out);
}

/// True when every byte is below 0x80.
bool is_ascii(const char* data, std::size_t size) noexcept;

}  // namespace mrrc
