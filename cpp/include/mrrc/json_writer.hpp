// Writing a record as MARC-in-JSON, byte for byte as pymarc writes it
// (json.dumps of Record.as_dict(), ASCII-only output).
#pragma once

#include <string>
#include <string_view>

#include "mrrc/record.hpp"

namespace mrrc {

/// Separators between items and after keys: JSONWriter's compact (",", ":")
/// or json.dumps's default (", ", ": ") that Record.as_json() uses.
enum class JsonSeparators : unsigned char { kCompact, kDefault };

/// Append {"leader": ..., "fields": [...]} for the record, with `leader`
/// (UTF-8) as its leader, as Python's json module writes as_dict(): keys in
/// pymarc's order, characters outside printable ASCII as \uXXXX (lower-case
/// hex, surrogate pairs past U+FFFF; \n \r \t \b \f and \" \\ short). Values
/// must be the record's text (UTF-8, or printable ASCII of a MARC-8 record).
/// Returns false only when memory runs out.
///   std::string out; write_record_json(record, record.leader(), JsonSeparators::kCompact, out);
bool write_record_json(const Record& record, std::string_view leader, JsonSeparators separators,
                       std::string& out) noexcept;

}  // namespace mrrc
