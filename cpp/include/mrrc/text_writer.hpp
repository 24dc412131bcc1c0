// Writing records as MARCMaker text, byte for byte as pymarc's str(record)
// and TextWriter write it (`mrrc dump`).
#pragma once

#include <string>
#include <string_view>

#include "mrrc/record.hpp"

namespace mrrc {

/// Append the record as pymarc's str(record) gives it (UTF-8): "=LDR  " and
/// `leader`, then one line per field in record order, each line ended by
/// "\n". A control field is "=TAG  " and its data with every blank written as
/// a backslash; a data field is "=TAG  ", its two indicators (a blank or a
/// backslash written as a backslash), then "$", code and value for each
/// subfield, values as they are. The record's values must be its text (a
/// UTF-8 record, or a MARC-8 one whose values are printable ASCII). Returns
/// false, with nothing appended, when memory runs out or a tag is not ASCII
/// (the Python path then says what to do).
///   std::string out; write_record_text(record, record.leader(), out);
bool write_record_text(const Record& record, std::string_view leader, std::string& out) noexcept;

}  // namespace mrrc
