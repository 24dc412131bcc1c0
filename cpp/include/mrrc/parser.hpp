// Parsing one ISO 2709 record from a byte span.
#pragma once

#include <cstddef>

#include "mrrc/error.hpp"
#include "mrrc/record.hpp"

namespace mrrc {

/// How strictly the structure is checked.
enum class Conformance : unsigned char {
    /// Accept exactly what pymarc 5.x accepts, failing with its error at the
    /// same check: numbers read like Python's int(), field and directory
    /// terminators not required, out-of-range fields clipped like Python slices.
    kPymarc,
    /// ISO 2709 as written: digits only, lengths consistent, every field inside
    /// the data area and ended by 0x1E, directory ended by 0x1E.
    kStrict,
};

struct ParseOptions {
    Conformance conformance = Conformance::kPymarc;
    bool force_utf8 = false;      ///< treat text as UTF-8 whatever leader 9 says
    bool validate_text = true;    ///< check UTF-8 of UTF-8 records (pymarc's to_unicode)
    bool decode_marc8 = false;    ///< decode the values of records that are not UTF-8 from MARC-8
    bool marc8_quiet = false;     ///< leave out pymarc's "Unable to parse character" messages
    bool strict_values = true;    ///< invalid UTF-8 in a data-field value is an error (utf8_handling="strict"); otherwise it is flagged
    /// Oversized reading (MARCReader(oversized="scan")): the leader's record
    /// length is not checked (the scanner delimited the record), and a field
    /// whose directory entry cannot be right is delimited by field terminators
    /// instead (kFlagDelimitedField): an offset that cannot be right (past
    /// 99,999 where the fields run in directory order, or not at a field's
    /// start) is replaced by the end of the previous entry's field; a length
    /// that does not end on 0x1E, or passes over one, by the next 0x1E. Fields
    /// whose entries are right are read exactly as without the option.
    bool oversized = false;
    /// For callers that need the subfields of some fields only (columnar
    /// extraction): a data field of a UTF-8 record for which this returns false
    /// and whose bytes after the indicators are all ASCII (so valid UTF-8 with
    /// ASCII codes) is checked as usual but its subfields are not listed
    /// (subfield_count 0). Null: every data field's subfields are listed.
    bool (*lists_subfields)(const void* context, const char* tag) noexcept = nullptr;
    const void* lists_subfields_context = nullptr;
    /// For readers whose records may never have their subfields looked at (the
    /// Python reader): a data field of a UTF-8 record that has nothing to check
    /// or decode has its spans listed later, by list_pending_subfields
    /// (subfields_pending, and kFlagSubfieldsPending on the record). That is a
    /// field with two ASCII indicators whose bytes lie in the data area when
    /// the area is ASCII, or when its text is checked (validate_text) and the
    /// area is valid UTF-8 with no subfield code that is not ASCII and the
    /// field does not end inside a character (then every value in it is valid).
    /// Everything else is checked as usual.
    bool defer_subfields = false;
};

/// Parse `size` bytes (one record, record terminator included) into `out`,
/// which takes a copy of the bytes. Returns false and fills `error` (offsets
/// relative to the record) on failure; never throws.
///   Record r; ParseError e;
///   if (!parse_record(p, n, ParseOptions{}, r, e)) report(e.message);
bool parse_record(const char* data, std::size_t size, const ParseOptions& options, Record& out,
                  ParseError& error) noexcept;

/// Parse the bytes already in `record.buffer` (so a caller can fill the buffer
/// without a second copy).
bool parse_buffer(const ParseOptions& options, Record& record, ParseError& error) noexcept;

/// List the spans of every field whose listing was deferred, as parsing would
/// have listed them (appended to record.subfields: a field's own stay
/// contiguous). Needed before anything but the ISO 2709 serialiser (which
/// reads pending fields from their bytes) reads a deferred record's
/// subfields; does nothing for other records. Throws std::bad_alloc.
void list_pending_subfields(Record& record);

/// The same for one field (index into record.fields), the others left pending.
void list_pending_subfields(Record& record, std::size_t field_index);

}  // namespace mrrc
