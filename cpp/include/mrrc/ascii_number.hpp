// Reads the decimal numbers of leaders and directories exactly as pymarc does
// (Python's int() on the bytes), so malformed numbers fail in the same places.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mrrc {

/// Parse `size` bytes with Python int() rules: optional surrounding ASCII
/// whitespace, an optional sign, decimal digits with single underscores between
/// them. Returns false when Python would raise ValueError.
///   int64_t n; parse_python_int("00755", 5, n)  // n == 755
bool parse_python_int(const char* data, std::size_t size, std::int64_t& out) noexcept;

/// Strict fixed-width form: every byte an ASCII digit (ISO 2709's own rule).
bool parse_fixed_digits(const char* data, std::size_t size, std::int64_t& out) noexcept;

/// True when every byte is below 0x80.
bool is_ascii(const char* data, std::size_t size) noexcept;

}  // namespace mrrc
