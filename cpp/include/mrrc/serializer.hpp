// Writing a parsed record back to ISO 2709 with its directory and lengths recomputed.
#pragma once

#include <string>
#include <string_view>

#include "mrrc/record.hpp"

namespace mrrc {

/// Append the record's ISO 2709 form to `out`, laid out as pymarc 5.x's
/// Record.as_marc() lays it out: fields in record order, directory rebuilt
/// contiguously, data fields rebuilt from their indicators and non-empty
/// subfields, lengths zero-padded to at least their width. `coding_scheme`
/// replaces leader byte 9 when not '\0' (pymarc writes 'a').
/// Returns false only when memory runs out.
///   std::string out; serialize_record(record, 'a', out);
bool serialize_record(const Record& record, char coding_scheme, std::string& out) noexcept;

/// As above with a leader supplied by the caller (any length, as pymarc
/// accepts a str leader): positions 5-11 and 17 onwards are copied from it.
bool serialize_record(const Record& record, std::string_view leader, std::string& out) noexcept;

/// Bytes serialize_record would append (with the record's own leader, or the
/// one given), computed without writing.
std::size_t serialized_size(const Record& record) noexcept;
std::size_t serialized_size(const Record& record, std::string_view leader) noexcept;

/// The first ISO 2709 limit a record passes: its numbers would need more
/// digits than the format gives them, so the bytes would be corrupt.
struct Iso2709Overflow {
    enum Kind : unsigned char { kNone, kFieldTooLong, kRecordTooLong };
    Kind kind = kNone;
    int field_index = -1;    ///< kFieldTooLong: the field's position in the record
    std::size_t length = 0;  ///< the length that does not fit (a record's: leader, directory and data)
};

/// As serialized_size(record, leader), also telling whether a field
/// (indicators, subfields and terminator) passes 9,999 bytes or the whole
/// record 99,999 (the first found of the longest field, then the record).
///   Iso2709Overflow overflow; std::size_t n = serialized_size(record, leader, overflow);
///   if (overflow.kind != Iso2709Overflow::kNone) refuse();
std::size_t serialized_size(const Record& record, std::string_view leader, Iso2709Overflow& overflow) noexcept;

/// Write exactly serialized_size(record, leader) bytes at `out` (for callers
/// that own the destination, e.g. a Python bytes object).
void serialize_into(const Record& record, std::string_view leader, char* out) noexcept;

/// Room that serialize_checked needs at `out`: an upper bound found from the
/// fields' stored lengths alone, without visiting subfields.
std::size_t serialized_size_bound(const Record& record, std::string_view leader) noexcept;
/// The same bound for one field (its terminator included).
std::size_t field_size_bound(const FieldSpan& field) noexcept;

/// The writers' one-pass form: write the record at `out` (which has room for
/// serialized_size_bound bytes) and return how many bytes it takes, the same
/// bytes serialize_into writes. When the record passes an ISO 2709 limit,
/// `overflow` says which (as serialized_size does) and the bytes at `out` are
/// not a record: the caller discards them; unless `allow_oversized`, when
/// they are the record written with ruby-marc's convention (see
/// write_number_slot), still 12 bytes a directory entry.
///   std::size_t n = serialize_checked(record, leader, buffer.grow(bound), overflow);
std::size_t serialize_checked(const Record& record, std::string_view leader, char* out,
                              Iso2709Overflow& overflow, bool allow_oversized = false) noexcept;

/// A number in its fixed slot of `width` digits (4 for a field length, 5 for
/// an offset, base address or record length), zero-padded; one that does not
/// fit is written as `width` zeros (ruby-marc's MARC::Writer allow_oversized
/// convention, which oversized reading reads back). Returns p + width.
char* write_number_slot(char* p, std::size_t value, std::size_t width) noexcept;

}  // namespace mrrc
