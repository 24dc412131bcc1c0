// Python's view of UTF-8 text, for C++ that must give the strings pymarc gives.
#pragma once

#include <cstddef>
#include <string_view>

namespace mrrc {

/// Length of the UTF-8 sequence that starts with `lead`, by its high bits
/// alone (1 for stray bytes; utf8.hpp's utf8_sequence_length also refuses
/// the leads no valid sequence has).
inline std::size_t lead_byte_length(unsigned char lead) noexcept {
    return lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
}

/// Python's str.isspace() for an ASCII byte.
inline bool is_ascii_python_space(unsigned char c) noexcept {
    return c == 0x20 || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
}

/// Python's str.strip() (no argument) on UTF-8 text: the bytes left once the
/// white space str.isspace() knows is gone from both ends.
std::string_view strip_python_space(std::string_view utf8) noexcept;

/// str.strip() of what a UTF-8 decoder makes of `bytes`, whatever its error
/// handler, done on the bytes: true, with `bytes` narrowed, when every
/// character it passes and each end left is ASCII or one valid sequence (so
/// that no handler reads them otherwise); false, `bytes` unchanged, when an
/// invalid sequence stands there and the decoded text must be stripped instead.
bool strip_python_space_checked(std::string_view& bytes) noexcept;

/// The same, returning at once when both ends are printable ASCII (most values).
inline bool strip_python_space_checked_fast(std::string_view& bytes) noexcept {
    if (!bytes.empty()) {
        const auto first = static_cast<unsigned char>(bytes.front()), last = static_cast<unsigned char>(bytes.back());
        if (first > 0x20 && first < 0x80 && last > 0x20 && last < 0x80) return true;
    }
    return strip_python_space_checked(bytes);
}

}  // namespace mrrc
