// A record as MARCMaker text, the way pymarc's str(record) writes it (and so
// TextWriter): "=LDR  " and the leader, then one line per field, "=TAG  "
// followed by a control field's data with blanks as backslashes, or a data
// field's indicators (blank as backslash) and "$" code value for each
// subfield; lines joined by newlines, with one at the end.
#pragma once

#include <string>
#include <string_view>

#include "mrrc/record.hpp"

namespace mrrc {

/// Append the record's text to `out`; its values must be UTF-8 (they are copied
/// as they are). False, with nothing appended, for a tag that is not ASCII
/// (the Python path decides how to show it).
///   std::string text; write_record_text(record, record.leader(), text);
bool write_record_text(const Record& record, std::string_view leader, std::string& out);

}  // namespace mrrc
