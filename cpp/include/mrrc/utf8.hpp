// UTF-8 validation with the same acceptance rules as Python's strict decoder.
#pragma once

#include <cstddef>

namespace mrrc {

/// Returns `size` when the bytes are valid UTF-8 (no overlong forms, no
/// surrogates, nothing above U+10FFFF); otherwise the offset of the first byte
/// of the first invalid sequence.
std::size_t find_invalid_utf8(const char* data, std::size_t size) noexcept;

/// The same, also setting `non_ascii_code` when a byte >= 0x80 follows a
/// subfield delimiter (0x1F) before the first invalid sequence: in a data area,
/// a subfield code that is not ASCII.
std::size_t find_invalid_utf8(const char* data, std::size_t size, bool& non_ascii_code) noexcept;

/// Length in bytes of the UTF-8 sequence a lead byte announces (1 for ASCII and
/// for bytes that cannot lead a sequence).
std::size_t utf8_sequence_length(unsigned char lead) noexcept;

}  // namespace mrrc
