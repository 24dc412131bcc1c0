// The compact record model: one owned byte buffer, fields and subfields as
// offsets into it. Parsing allocates at most three blocks per record, never
// one per subfield.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "mrrc/constants.hpp"

namespace mrrc {

/// One subfield: the bytes after a 0x1F delimiter, up to the next delimiter.
/// The first byte is the subfield code, the rest the value.
struct SubfieldSpan {
    std::uint32_t offset = 0;  ///< offset of the code byte in the record buffer
    std::uint32_t length = 0;  ///< code byte + value bytes (never 0: empty chunks are skipped)
};

/// Appends the span [offset, offset + length) to `spans`, written in place:
/// a span made on the stack and copied in is read back 8 bytes at once just
/// after its two 4-byte stores, a load that then waits for both to retire (a
/// third of the time of listing a field's spans, in a profile).
inline void append_span(std::vector<SubfieldSpan>& spans, std::uint32_t offset, std::uint32_t length) {
    SubfieldSpan& span = spans.emplace_back();
    span.offset = offset;
    span.length = length;
}

/// Where a subfield's decoded text is, for records decoded from MARC-8.
struct TextSpan {
    static constexpr std::uint32_t kRaw = 0xFFFFFFFFu;  ///< the raw value is its own text (printable ASCII)
    std::uint32_t offset = kRaw;  ///< into Record::text
    std::uint32_t length = 0;
};

/// One directory entry and the field it points at.
struct FieldSpan {
    char tag[3] = {' ', ' ', ' '};
    bool is_control = false;
    char indicator1 = ' ';  ///< as pymarc reads it: missing indicators become spaces
    char indicator2 = ' ';
    std::uint8_t indicator_bytes = 0;  ///< bytes before the first 0x1F (capped at 255)
    bool subfields_pending = false;    ///< spans not listed yet (ParseOptions::defer_subfields)
    std::uint32_t data_offset = 0;     ///< field data (terminator excluded) in the buffer
    std::uint32_t data_length = 0;
    std::uint32_t first_subfield = 0;  ///< index into Record::subfields
    std::uint32_t subfield_count = 0;

    std::string_view tag_view() const noexcept { return {tag, 3}; }
};

/// Facts found while parsing that send the Python layer down its careful path.
enum RecordFlags : std::uint32_t {
    kFlagNone = 0,
    kFlagNonAsciiSubfieldCode = 1u << 0,  ///< a subfield code byte >= 0x80 (pymarc normalises it)
    kFlagIndicatorAnomaly = 1u << 1,      ///< a data field with other than two indicator bytes
    kFlagUtf8 = 1u << 2,                  ///< text is UTF-8 (leader 9 'a' or forced)
    kFlagInvalidUtf8Text = 1u << 5,       ///< a UTF-8 record's value is not valid UTF-8 (lenient decoding)
    kFlagDecoderMessages = 1u << 6,       ///< MARC-8 decoding left messages in Record::messages
    // Oversized reading (ScanOptions::oversized, ParseOptions::oversized):
    kFlagDelimitedRecord = 1u << 7,       ///< the record ends at its 0x1D, not where its leader length says
    kFlagDelimitedField = 1u << 8,        ///< a field was found by 0x1E, not where its directory entry says
    kFlagAscii = 1u << 9,                 ///< every byte of the record is ASCII (the parser sets it): text is its bytes
    kFlagSubfieldsPending = 1u << 10,     ///< a field's spans wait for list_pending_subfields()
    kFlagValidUtf8Text = 1u << 11,        ///< UTF-8, and the parser found every value and control field valid
    // The next two are computed for records that are not UTF-8 only.
    kFlagNonAsciiText = 1u << 3,          ///< a control field or subfield value has a byte >= 0x80
    kFlagControlCharacterText = 1u << 4,  ///< ... or a byte < 0x20 or 0x7F (MARC-8 decoding alters them)
};

/// A parsed ISO 2709 record.
///   Record r; ParseError e; parse_record(bytes, size, {}, r, e);
///   for (auto& f : r.fields) { auto tag = f.tag_view(); }
struct Record {
    std::string buffer;                  ///< the record's bytes, exactly as read
    std::vector<FieldSpan> fields;       ///< in directory order
    std::vector<SubfieldSpan> subfields; ///< all subfields of all data fields, in order
    std::string text;                    ///< MARC-8 records: decoded values (UTF-8, before NFC)
    std::vector<TextSpan> texts;         ///< MARC-8 records: one per subfield; empty otherwise
    std::string messages;                ///< the decoder's messages (pymarc writes them to stderr)
    std::uint32_t flags = kFlagNone;
    std::uint64_t record_index = 0;      ///< position in the stream (0-based)
    std::uint64_t stream_offset = 0;     ///< byte offset of the record in the stream

    std::string_view leader() const noexcept {
        return std::string_view(buffer).substr(0, kLeaderLength);
    }
    std::string_view field_data(const FieldSpan& f) const noexcept {
        return {buffer.data() + f.data_offset, f.data_length};
    }
    char subfield_code(const SubfieldSpan& s) const noexcept { return buffer[s.offset]; }
    std::string_view subfield_value(const SubfieldSpan& s) const noexcept {
        return {buffer.data() + s.offset + 1, s.length - 1u};
    }
    bool has_flag(RecordFlags flag) const noexcept { return (flags & flag) != 0; }
    void clear() noexcept;
    /// Heap bytes held, for memory accounting.
    std::size_t heap_bytes() const noexcept;
};

}  // namespace mrrc
