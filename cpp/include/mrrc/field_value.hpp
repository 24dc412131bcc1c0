// pymarc's Field.value() of a data field, made in C++ from the record's bytes:
// each subfield's value with Python's white space stripped from both ends,
// joined by single spaces.
#pragma once

#include <cstddef>

#include "mrrc/record.hpp"

namespace mrrc {

/// What join_listed_values returns when it cannot say.
constexpr std::size_t kNoValue = static_cast<std::size_t>(-1);

/// Room `out` must have past the field's data_length bytes: short values are
/// copied 16 bytes at a time, and the last copy may run past the end.
constexpr std::size_t kValuePadding = 16;

/// value() of a field whose subfields are listed and read as UTF-8, as bytes
/// for the decoder, written to `out`, which has room for the field's
/// data_length + kValuePadding bytes. Returns the length written, or kNoValue when an
/// invalid sequence at the end of a value leaves the stripping to Python.
std::size_t join_listed_values(const Record& record, const FieldSpan& field, char* out) noexcept;

/// The same for a field whose subfields are pending (its text ASCII), from
/// its bytes without listing them: what reading a field's text costs when
/// nothing else of it is asked for.
std::size_t join_unlisted_values(const Record& record, const FieldSpan& field, char* out) noexcept;

}  // namespace mrrc
