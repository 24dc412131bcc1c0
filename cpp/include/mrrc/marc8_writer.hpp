// Writing a record as ISO 2709 in MARC-8 (MARCWriter(encoding="marc8")),
// from the UTF-8 record the readers built: subfield values through the MARC-8
// encoder, the rest as the Python writer encodes it.
#pragma once

#include <string>
#include <string_view>

#include "mrrc/record.hpp"
#include "mrrc/serializer.hpp"

namespace mrrc {

enum class Marc8Write : unsigned char {
    kWritten,       ///< appended to `out`
    kOverflow,      ///< past an ISO 2709 limit: `overflow` says which; nothing appended
    kNotEncodable,  ///< something has no form here (the Python path raises its exact error); nothing appended
};

/// Append the record's MARC-8 ISO 2709 form to `out`, as Record.as_marc(encoding="marc8")
/// lays it out: leader byte 9 blank, control fields as Latin-1, indicators,
/// subfield codes, tags and leader as ASCII, values encoded by encode_marc8,
/// the directory and lengths recomputed. The record's text must be UTF-8.
///   std::string out; Iso2709Overflow o;
///   if (serialize_marc8(record, record.leader(), out, o) != Marc8Write::kWritten) ...;
/// With `allow_oversized` a record past the limits is written too (kWritten,
/// `overflow` still saying which limit), numbers that do not fit as zeros
/// (write_number_slot).
Marc8Write serialize_marc8(const Record& record, std::string_view leader, std::string& out,
                           Iso2709Overflow& overflow, bool allow_oversized = false) noexcept;

}  // namespace mrrc
