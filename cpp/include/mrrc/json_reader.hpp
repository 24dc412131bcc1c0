// Reading MARC-in-JSON into the record model with Boost.JSON's parser.
//
// The documents pymarc's JSONReader takes (a list of record objects, or one)
// are read here when every record has the regular shape: a 24-character
// ASCII "leader" string, "fields" a list of one-key objects, a control field
// tag with a string, a data field tag with an object holding "ind1" and
// "ind2" (one ASCII character each) and "subfields" (one-key objects, one
// ASCII character to a string). Anything else in a record — numbers, lists
// where strings go, objects with several keys, duplicate keys, missing keys,
// control characters, tags that are not three ASCII characters — and any
// JSON Boost.JSON refuses make the reader answer kIrregular, and the caller
// runs pymarc's own steps on Python's json instead, which gives pymarc's
// records or exception exactly. Keys of a record or data field that pymarc
// does not read are skipped, whatever they hold.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "mrrc/record.hpp"

namespace mrrc {

enum class JsonOutcome : std::uint8_t {
    kRecords = 0,   ///< every record was read
    kIrregular,     ///< not the regular shape, or not JSON Boost.JSON accepts: let pymarc's steps decide
    kOutOfMemory,
};

/// Read a whole MARC-in-JSON document. `single_object` tells whether it was
/// one record object rather than a list. Records are flagged UTF-8.
///   std::vector<Record> records; bool single;
///   if (read_marc_json(text, n, records, single) == JsonOutcome::kRecords) use(records);
JsonOutcome read_marc_json(const char* data, std::size_t size, std::vector<Record>& records,
                           bool& single_object) noexcept;

/// One line of newline-delimited MARC-in-JSON, read as read_marc_json reads a single record object.
struct JsonLine {
    std::uint64_t line_number = 0;  ///< 1-based, in the whole stream
    JsonOutcome outcome = JsonOutcome::kRecords;
    Record record;                  ///< when kRecords
    std::size_t offset = 0;         ///< the line's bytes in the buffer given (for the caller's slow path)
    std::size_t length = 0;
};

/// Read every complete line of `data` (lines end with '\n'; a final line
/// without one is read only when `last`). Blank lines (only whitespace) are
/// skipped. Returns the bytes consumed; lines are appended to `out`.
std::size_t read_marc_json_lines(const char* data, std::size_t size, bool last, std::uint64_t first_line_number,
                                 std::vector<JsonLine>& out) noexcept;

}  // namespace mrrc
