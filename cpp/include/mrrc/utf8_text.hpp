// Text already known to be valid UTF-8 turned into code points of one fixed
// width: 1, 2 or 4 bytes each, the three layouts a Python str has. Measured
// first, so that the caller can make its string once at its final length and
// width; a general decoder has to guess both, grow and copy.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mrrc {

/// What valid UTF-8 text holds.
struct Utf8Measure {
    std::size_t code_points = 0;
    /// A code point as large as the largest one's width class: 0x7F (ASCII),
    /// 0xFF (1 byte), 0xFFFF (2 bytes: the largest is at least U+0100) or
    /// 0x10FFFF (4 bytes: at least U+10000). Each is the largest of its class,
    /// so the class of the text's real largest code point is this one's.
    std::uint32_t max_code_point = 0x7F;
};

/// Code points of `size` bytes of valid UTF-8 and their widest class.
Utf8Measure measure_valid_utf8(const char* data, std::size_t size) noexcept;

/// Writes the code points of `size` bytes of valid UTF-8 to `out`, one unit
/// each; every one must fit the unit (measure_valid_utf8 says which does).
void decode_valid_utf8(const char* data, std::size_t size, std::uint8_t* out) noexcept;
void decode_valid_utf8(const char* data, std::size_t size, std::uint16_t* out) noexcept;
void decode_valid_utf8(const char* data, std::size_t size, std::uint32_t* out) noexcept;

}  // namespace mrrc
