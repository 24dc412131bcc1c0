#include "mrrc/parser.hpp"

#include <algorithm>
#include <cstring>
#include <cstdint>
#include <limits>
#include <new>
#include <string>

#include "mrrc/ascii_number.hpp"
#include "mrrc/byte_search.hpp"
#include "mrrc/marc8.hpp"
#include "mrrc/unlisted_subfields.hpp"
#include "mrrc/utf8.hpp"

namespace mrrc {
namespace {

using Index = std::int64_t;

/// Python's slice clipping for data[start:stop] on a sequence of `size` bytes.
void python_slice(Index size, Index start, Index stop, Index& begin, Index& end) noexcept {
    auto clip = [size](Index i) {
        if (i < 0) i += size;
        return std::clamp<Index>(i, 0, size);
    };
    begin = clip(start);
    end = std::max(begin, clip(stop));
}

std::uint32_t non_ascii_at(const char* data, std::size_t size) noexcept {
    return static_cast<std::uint32_t>(first_non_ascii(data, size));
}

/// 001-009: pymarc's control fields, from the directory's three tag bytes.
bool control_tag(const char* tag) noexcept {
    return tag[0] == '0' && tag[1] == '0' && tag[2] >= '0' && tag[2] <= '9';
}

bool has_control_byte(const char* data, std::size_t size) noexcept {
    for (std::size_t i = 0; i < size; ++i) {
        const auto c = static_cast<unsigned char>(data[i]);
        if (c < 0x20 || c == 0x7F) return true;
    }
    return false;
}

// The subfield spans of a data field from its first delimiter `cut` to `end`.
void list_spans(Record& record, FieldSpan& f, DelimiterCursor& delimiters, std::size_t cut, std::size_t end) {
    each_subfield(delimiters, cut, end, [&](std::size_t at, std::size_t length) {
        append_span(record.subfields, static_cast<std::uint32_t>(at + 1), static_cast<std::uint32_t>(length - 1));
        ++f.subfield_count;
    });
}

class Parser {
public:
    Parser(const ParseOptions& options, Record& record, ParseError& error)
        : options_(options), record_(record), error_(error),
          data_(record.buffer.data()), size_(static_cast<Index>(record.buffer.size())) {}

    bool run() {
        record_.fields.clear();
        record_.subfields.clear();
        record_.text.clear();
        record_.texts.clear();
        record_.messages.clear();
        record_.flags &= kFlagDelimitedRecord;  // how the bytes were cut, not what parsing finds
        if (!leader() || !directory_and_fields()) return false;
        if (utf8_ && options_.validate_text && !utf8_checks_deferred() && !record_.has_flag(kFlagInvalidUtf8Text))
            record_.flags |= kFlagValidUtf8Text;  // (what the checks above found; the Python layer's decoding relies on it)
        return true;
    }

private:
    bool fail(ErrorCode code, Index begin, Index end, const char* message) noexcept {
        error_.set(code, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end),
                   message);
        return false;
    }

    bool fail_at(ErrorCode code, Index at, Index begin, Index end, const char* message) noexcept {
        error_.set_at(code, static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(begin),
                      static_cast<std::uint32_t>(end), message);
        return false;
    }

    bool strict() const noexcept { return options_.conformance == Conformance::kStrict; }

    bool read_number(Index begin, Index width, std::int64_t& out) const noexcept {
        const char* p = data_ + begin;
        return strict() ? parse_fixed_digits(p, width, out) : parse_python_int(p, width, out);
    }

    bool leader() {
        const Index lead = std::min<Index>(size_, kLeaderLength);
        const std::uint32_t bad = non_ascii_at(data_, lead);
        if (bad < lead) return fail_at(ErrorCode::kLeaderNotAscii, bad, 0, lead, "leader byte is not ASCII");
        if (size_ < static_cast<Index>(kLeaderLength))
            return fail(ErrorCode::kRecordLeaderInvalid, 0, size_, "record is shorter than its 24-byte leader");
        utf8_ = data_[9] == 'a' || options_.force_utf8;
        if (utf8_) record_.flags |= kFlagUtf8;
        marc8_ = !utf8_ && options_.decode_marc8 && options_.validate_text;

        if (!read_number(12, 5, base_address_))
            return fail(ErrorCode::kBaseAddressNotNumeric, 12, 17, "base address (leader 12-16) is not a number");
        if (base_address_ <= 0)
            return fail(ErrorCode::kBaseAddressNotFound, 12, 17, "base address (leader 12-16) is not positive");
        if (base_address_ >= size_)
            return fail(ErrorCode::kBaseAddressInvalid, 12, 17, "base address is at or past the end of the record");
        if (options_.oversized) return check_data_area();  // the scanner delimited the record
        std::int64_t declared = 0;
        if (!read_number(0, 5, declared))
            return fail(ErrorCode::kRecordLengthNotNumeric, 0, 5, "record length (leader 0-4) is not a number");
        if (size_ < declared)
            return fail(ErrorCode::kLeaderLengthTooLarge, 0, 5, "record length in the leader exceeds the data");
        if (strict() && declared != size_)
            return fail(ErrorCode::kRecordLengthInvalid, 0, 5, "record length in the leader differs from the data");
        return check_data_area();
    }

    bool check_data_area() {
        // One pass over the whole data area: when it is ASCII, no value in it needs
        // a check of its own (ASCII indicators, valid UTF-8, nothing for MARC-8 to
        // decode but control bytes); when it is valid UTF-8, every value that does
        // not cut a character in two is valid too (see already_valid).
        const auto area = static_cast<std::size_t>(size_ - base_address_);
        area_is_ascii_ = first_non_ascii(data_ + base_address_, area) == area;
        // The leader and the directory must be ASCII to parse; with the byte
        // before the base address, the whole record is.
        if (area_is_ascii_ && static_cast<unsigned char>(data_[base_address_ - 1]) < 0x80) record_.flags |= kFlagAscii;
        if (utf8_ && options_.validate_text) {
            const char* text = data_ + base_address_;
            bool non_ascii_code = true;  // (looked for only where fields may wait)
            area_is_utf8_ = area_is_ascii_ || (options_.defer_subfields ? find_invalid_utf8(text, area, non_ascii_code)
                                                                       : find_invalid_utf8(text, area)) == area;
            area_plain_utf8_ = area_is_utf8_ && !area_is_ascii_ && !non_ascii_code;
        }
        return true;
    }

    /// Bytes from `begin` on lie in the data area, and it is ASCII.
    bool ascii_in_area(Index begin) const noexcept { return area_is_ascii_ && begin >= base_address_; }

    /// The data field [begin, end), at least three bytes, has nothing to check
    /// or decode before its subfields are listed (see ParseOptions::defer_subfields).
    bool nothing_to_check(Index begin, Index end) const noexcept {
        const auto* p = reinterpret_cast<const unsigned char*>(data_);
        if (p[begin] == kSubfieldDelimiter || p[begin + 1] == kSubfieldDelimiter || p[begin + 2] != kSubfieldDelimiter)
            return false;  // not two indicators
        if (ascii_in_area(begin)) return true;
        return area_plain_utf8_ && begin >= base_address_ && p[begin] < 0x80 && p[begin + 1] < 0x80 &&
               !(end < size_ && (p[end] & 0xC0) == 0x80);  // (the value before `end` would be cut)
    }

    bool directory_and_fields() {
        Index dir_begin = 0, dir_end = 0;
        python_slice(size_, kLeaderLength, base_address_ - 1, dir_begin, dir_end);
        const std::uint32_t bad = non_ascii_at(data_ + dir_begin, dir_end - dir_begin);
        if (bad < dir_end - dir_begin)
            return fail_at(ErrorCode::kDirectoryNotAscii, dir_begin + bad, dir_begin, dir_end, "directory byte is not ASCII");
        const Index dir_size = dir_end - dir_begin;
        if (dir_size % kDirectoryEntryLength != 0)
            return fail(ErrorCode::kRecordDirectoryInvalid, dir_begin, dir_end,
                        "directory length is not a multiple of 12");
        if (strict() && data_[base_address_ - 1] != kFieldTerminator)
            return fail(ErrorCode::kRecordDirectoryInvalid, base_address_ - 1, base_address_,
                        "directory does not end with a field terminator");
        const Index entries = dir_size / kDirectoryEntryLength;
        next_field_ = base_address_;
        record_.fields.reserve(static_cast<std::size_t>(entries));
        const bool spans_wait = options_.defer_subfields && utf8_ && (area_is_ascii_ || area_plain_utf8_);
        if (!spans_wait) record_.subfields.reserve(static_cast<std::size_t>(entries) * 3);  // (else so does their block)
        const bool quick = spans_wait && !options_.oversized && !strict() && options_.validate_text;
        for (Index i = 0; i < entries; ++i) {
            const Index entry = dir_begin + i * kDirectoryEntryLength;
            if (quick && quick_field(entry)) continue;
            if (!field(static_cast<std::int32_t>(i), entry)) return false;
        }
        if (entries == 0) return fail(ErrorCode::kNoFieldsFound, dir_begin, dir_end, "directory has no entries");
        error_.field_index = static_cast<std::int32_t>(entries - 1);  // (as field() leaves it)
        return true;
    }

    // The entry of nearly every field of a UTF-8 record whose data area is
    // ASCII or plain UTF-8, read as field() would read it, with nothing to
    // check: digits, a field inside the record, a control field that is
    // already valid or a data field whose subfields can wait. False (and
    // nothing done) for any other, which field() then reads.
    bool quick_field(Index entry) {
        std::uint32_t length = 0, offset = 0;
        if (!parse_entry_numbers(data_ + entry + 3, length, offset)) return false;
        const Index begin = base_address_ + offset, end = begin + length - 1;
        if (length < 1 || end > size_) return false;
        const char* tag = data_ + entry;
        const bool control = control_tag(tag);
        if (control ? !already_valid(begin, end) : !(end - begin >= 3 && nothing_to_check(begin, end))) return false;
        FieldSpan& f = record_.fields.emplace_back();  // (room for every entry is reserved; see field())
        f.tag[0] = tag[0];
        f.tag[1] = tag[1];
        f.tag[2] = tag[2];
        f.is_control = control;
        f.data_offset = static_cast<std::uint32_t>(begin);
        f.data_length = static_cast<std::uint32_t>(end - begin);
        if (!control) wait_for_subfields(f, begin);
        return true;
    }

    // A data field of two indicators at `begin` whose spans are listed when
    // asked for (nothing_to_check() said so).
    void wait_for_subfields(FieldSpan& f, Index begin) noexcept {
        f.indicator_bytes = 2;
        f.indicator1 = data_[begin];
        f.indicator2 = data_[begin + 1];
        f.first_subfield = static_cast<std::uint32_t>(record_.subfields.size());
        f.subfields_pending = true;
        record_.flags |= kFlagSubfieldsPending;
    }

    // The entry's numbers when they are not plain digits: Python's int() rules
    // (kPymarc) or digits only (kStrict). False when the record fails here.
    bool read_numbers(Index entry, std::int64_t& length, std::int64_t& offset) noexcept {
        // Oversized reading: a number that is not one cannot be right either.
        if (!read_number(entry + 3, 4, length)) {
            if (!options_.oversized)
                return fail(ErrorCode::kDirectoryEntryNotNumeric, entry + 3, entry + 7, "directory entry length is not a number");
            length = 0;
        }
        if (!read_number(entry + 7, 5, offset)) {
            if (!options_.oversized)
                return fail(ErrorCode::kDirectoryEntryNotNumeric, entry + 7, entry + 12, "directory entry offset is not a number");
            offset = -1;
        }
        return true;
    }

    bool field(std::int32_t index, Index entry) {
        error_.field_index = index;
        std::int64_t length = 0, offset = 0;
        std::uint32_t digits_length = 0, digits_offset = 0;
        if (parse_entry_numbers(data_ + entry + 3, digits_length, digits_offset)) {  // plain digits, as nearly always
            length = digits_length;
            offset = digits_offset;
        } else if (!read_numbers(entry, length, offset)) {
            return false;
        }
        Index begin = base_address_ + offset, end = begin + length - 1;
        if (offset < 0 || length < 1 || end > size_)  // (inside the record, the slice is the entry as written)
            python_slice(size_, base_address_ + offset, base_address_ + offset + length - 1, begin, end);
        if (options_.oversized) delimit_field(offset, length, begin, end);
        if (strict() && !options_.oversized) {  // (oversized reading checks the field its own way)
            const Index last = base_address_ + offset + length - 1;
            if (length < 1 || last >= size_ || base_address_ + offset < base_address_ ||
                data_[last] != kFieldTerminator)
                return fail(ErrorCode::kRecordDirectoryInvalid, entry, entry + kDirectoryEntryLength,
                            "directory entry points outside the data or at a field without terminator");
        }
        // Written where it stays: a FieldSpan made on the stack and copied in is
        // read back 16 bytes at once just after its narrow stores, which stalls
        // the load until they retire (half the loop's time in a profile).
        FieldSpan& f = record_.fields.emplace_back();  // (room for every entry is reserved)
        f.tag[0] = data_[entry];  // (three stores: std::copy calls memmove here)
        f.tag[1] = data_[entry + 1];
        f.tag[2] = data_[entry + 2];
        f.data_offset = static_cast<std::uint32_t>(begin);
        f.data_length = static_cast<std::uint32_t>(end - begin);
        f.is_control = control_tag(f.tag);
        const char* text = data_ + begin;
        const Index text_size = end - begin;
        if (f.is_control) {
            note_text(text, text_size);
            if (utf8_ && options_.validate_text && !utf8_checks_deferred() && !already_valid(begin, end)) {
                const std::size_t at = find_invalid_utf8(text, text_size);
                if (at < static_cast<std::size_t>(text_size)) {
                    record_.fields.pop_back();  // (a record that fails keeps the fields before this one)
                    return fail_at(ErrorCode::kInvalidUtf8, begin + at, begin, end, "control field is not valid UTF-8");
                }
            }
        } else if (!subfields(f, begin, end)) {
            record_.fields.pop_back();
            return false;
        }
        return true;
    }

    // Oversized reading: where the field really is when its entry cannot be
    // right (see ParseOptions::oversized). `next_field_` is where the previous
    // entry's field ended, past its terminator.
    void delimit_field(std::int64_t offset, std::int64_t length, Index& begin, Index& end) noexcept {
        const Index data_end = size_;
        Index start = base_address_ + offset;
        const bool offset_fits = next_field_ - base_address_ <= 99999;
        const bool at_field_start =
            start >= base_address_ && start < data_end && (start == base_address_ || data_[start - 1] == kFieldTerminator);
        if (!offset_fits || !at_field_start) start = next_field_;
        Index stop = start + length - 1;  // where the terminator should be
        const bool length_right = length >= 1 && stop < data_end && data_[stop] == kFieldTerminator &&
                                  !std::memchr(data_ + start, kFieldTerminator, static_cast<std::size_t>(length - 1));
        if (!length_right) {
            const void* hit = start < data_end ? std::memchr(data_ + start, kFieldTerminator,
                                                             static_cast<std::size_t>(data_end - start))
                                               : nullptr;
            if (!hit) {  // no terminator to go by: the entry as pymarc reads it
                next_field_ = std::max(next_field_, end + 1);
                return;
            }
            stop = static_cast<const char*>(hit) - data_;
        }
        if (start != begin || stop != end) {
            begin = start;
            end = stop;
            record_.flags |= kFlagDelimitedField;
        }
        next_field_ = stop + 1;
    }

    // [begin, end) is known valid UTF-8 when the data area is and the slice lies
    // inside it without starting or ending in the middle of a character.
    bool already_valid(Index begin, Index end) const noexcept {
        if (ascii_in_area(begin)) return true;
        auto continuation = [this](Index at) {
            return at < size_ && (static_cast<unsigned char>(data_[at]) & 0xC0) == 0x80;
        };
        return area_is_utf8_ && begin >= base_address_ && !continuation(begin) && !continuation(end);
    }

    // Records that are not UTF-8 have their text decoded from MARC-8: note
    // whether any of it lies outside printable ASCII (where decoding is more
    // than a copy).
    void note_text(const char* text, Index size) noexcept {
        if (utf8_) return;
        if (!ascii_in_area(text - data_) && non_ascii_at(text, size) < size) record_.flags |= kFlagNonAsciiText;
        if (has_control_byte(text, size)) record_.flags |= kFlagControlCharacterText;
    }

    // pymarc decodes each value with a new MARC-8 converter; do the same, keeping
    // the text beside the record (printable ASCII is its own text).
    bool decode_marc8(Index begin, Index end, std::int32_t chunk_index) {
        TextSpan span;
        const char* value = data_ + begin;
        const auto size = static_cast<std::size_t>(end - begin);
        if (!is_plain_marc8(value, size)) {
            Marc8Decoder decoder(options_.marc8_quiet);
            const std::size_t offset = record_.text.size();
            const std::size_t said = record_.messages.size();
            const bool decoded = decoder.decode(value, size, record_.text, record_.messages);
            if (record_.messages.size() != said) record_.flags |= kFlagDecoderMessages;
            if (!decoded) {
                error_.subfield_index = chunk_index;
                return fail_at(ErrorCode::kInvalidMarc8, begin, begin, end, "MARC-8 value ends inside an escape sequence");
            }
            span.offset = static_cast<std::uint32_t>(offset);
            span.length = static_cast<std::uint32_t>(record_.text.size() - offset);
        }
        record_.texts.push_back(span);
        return true;
    }

    // After a non-ASCII subfield code pymarc's decoding takes a path the Python
    // layer reproduces; text checks from there on are left to it.
    bool utf8_checks_deferred() const noexcept {
        return (record_.flags & kFlagNonAsciiSubfieldCode) != 0;
    }

    bool subfields(FieldSpan& f, Index begin, Index end) {
        const char* p = data_;
        if (options_.defer_subfields && utf8_ && end - begin >= 3 && nothing_to_check(begin, end)) {
            wait_for_subfields(f, begin);  // two indicators, as nearly always: no delimiter search yet
            return true;
        }
        DelimiterCursor delimiters(data_, static_cast<std::size_t>(size_), static_cast<std::size_t>(begin),
                                   static_cast<std::size_t>(end));
        const auto cut = static_cast<Index>(delimiters.next());
        const Index indicators = cut - begin;
        const std::uint32_t bad = ascii_in_area(begin) ? static_cast<std::uint32_t>(indicators)
                                                       : non_ascii_at(p + begin, indicators);
        if (bad < indicators)
            return fail_at(ErrorCode::kIndicatorsNotAscii, begin + bad, begin, cut, "indicator byte is not ASCII");
        f.indicator_bytes = static_cast<std::uint8_t>(std::min<Index>(indicators, 255));
        if (indicators != 2) record_.flags |= kFlagIndicatorAnomaly;
        f.indicator1 = indicators >= 1 ? p[begin] : ' ';
        f.indicator2 = indicators >= 2 ? p[begin + 1] : ' ';
        f.first_subfield = static_cast<std::uint32_t>(record_.subfields.size());
        if (options_.lists_subfields && utf8_ && !options_.lists_subfields(options_.lists_subfields_context, f.tag) &&
            (ascii_in_area(cut) || first_non_ascii(p + cut, static_cast<std::size_t>(end - cut)) ==
                                       static_cast<std::size_t>(end - cut))) {
            return true;  // nothing to decode or reject in ASCII, and the caller needs no subfields here
        }
        if (utf8_ && ascii_in_area(begin)) {  // ASCII read as UTF-8: valid text, codes below 0x80; only spans
            if (options_.defer_subfields && indicators < 255) {  // (the cut is found again from indicator_bytes)
                f.subfields_pending = true;
                record_.flags |= kFlagSubfieldsPending;
                return true;
            }
            list_spans(record_, f, delimiters, static_cast<std::size_t>(cut), static_cast<std::size_t>(end));
            return true;
        }
        std::int32_t chunk_index = 0;
        Index chunk = cut;
        while (chunk < end) {
            const Index start = chunk + 1;  // past the delimiter
            const auto stop = static_cast<Index>(delimiters.next());  // the delimiter after `chunk`
            if (stop > start) {
                if (static_cast<unsigned char>(p[start]) >= 0x80) record_.flags |= kFlagNonAsciiSubfieldCode;
                note_text(p + start + 1, stop - start - 1);
                if (utf8_ && options_.validate_text && !utf8_checks_deferred() && !already_valid(start + 1, stop)) {
                    const std::size_t at = find_invalid_utf8(p + start + 1, stop - start - 1);
                    if (at < static_cast<std::size_t>(stop - start - 1)) {
                        if (options_.strict_values) {
                            error_.subfield_index = chunk_index;
                            return fail_at(ErrorCode::kInvalidUtf8, start + 1 + at, start + 1, stop,
                                           "subfield value is not valid UTF-8");
                        }
                        record_.flags |= kFlagInvalidUtf8Text;  // decoded with replacement or omission
                    }
                }
                if (marc8_ && !utf8_checks_deferred() && !decode_marc8(start + 1, stop, chunk_index)) return false;
                append_span(record_.subfields, static_cast<std::uint32_t>(start),
                            static_cast<std::uint32_t>(stop - start));
                ++f.subfield_count;
            }
            ++chunk_index;
            chunk = stop;
        }
        return true;
    }

    const ParseOptions& options_;
    Record& record_;
    ParseError& error_;
    const char* data_;
    Index size_;
    bool utf8_ = false;
    bool marc8_ = false;
    bool area_is_ascii_ = false;
    bool area_is_utf8_ = false;
    bool area_plain_utf8_ = false;  // the data area is valid UTF-8 with ASCII subfield codes, and not ASCII
    std::int64_t base_address_ = 0;
    Index next_field_ = 0;  // oversized reading: the end of the previous entry's field
};

}  // namespace

bool parse_buffer(const ParseOptions& options, Record& record, ParseError& error) noexcept {
    error.code = ErrorCode::kOk;
    error.field_index = error.subfield_index = -1;
    if (record.buffer.size() > std::numeric_limits<std::uint32_t>::max()) {
        error.set(ErrorCode::kRecordTooLarge, 0, 0, "record is larger than 4 GiB");
        return false;
    }
    try {
        return Parser(options, record, error).run();
    } catch (const std::bad_alloc&) {
        record.fields.clear();  // (one may be half made; no try block in the field loop for it)
        error.set(ErrorCode::kOutOfMemory, 0, 0, "out of memory while parsing the record");
        return false;
    }
}

namespace {

void list_pending(Record& record, FieldSpan& f) {
    // Room for the spans first: growing from nothing one push at a time would
    // allocate three or four blocks for a field such as a 245. A subfield takes
    // at least two bytes; the room grows geometrically for the fields listed after.
    std::vector<SubfieldSpan>& spans = record.subfields;
    const std::size_t want = std::min<std::size_t>(f.data_length / 2 + 1, 32);
    if (spans.capacity() - spans.size() < want) spans.reserve(std::max(spans.size() + want, 2 * spans.capacity()));
    f.first_subfield = static_cast<std::uint32_t>(record.subfields.size());
    f.subfield_count = 0;
    each_unlisted_subfield(record, f, [&](std::size_t at, std::size_t length) {
        append_span(record.subfields, static_cast<std::uint32_t>(at + 1), static_cast<std::uint32_t>(length - 1));
        ++f.subfield_count;
    });
    f.subfields_pending = false;
}

}  // namespace

void list_pending_subfields(Record& record) {
    if (!record.has_flag(kFlagSubfieldsPending)) return;
    std::vector<SubfieldSpan>& spans = record.subfields;
    spans.reserve(spans.size() + record.fields.size() * 3);
    // Fields lie in directory order as a rule: one cursor walks them all, so
    // that neighbours share its 64-byte windows. A field whose first delimiter
    // the cursor has passed (entries out of order, or sharing bytes) starts it
    // again there.
    const char* data = record.buffer.data();
    const std::size_t size = record.buffer.size();
    DelimiterCursor delimiters(data, size, size, size);  // started at the first pending field
    std::size_t next = size;  // every delimiter before it has been passed
    for (FieldSpan& f : record.fields) {
        if (!f.subfields_pending) continue;
        const UnlistedSubfields where(f);
        if (next > where.cut) {
            delimiters = DelimiterCursor(data, size, where.cut, size);
            next = delimiters.next();
        }
        while (next < where.cut) next = delimiters.next();
        const std::size_t first = spans.size();
        for (std::size_t at = where.cut; at < where.end;) {  // a delimiter at `at`, and `next` is it
            next = delimiters.next();
            const std::size_t stop = std::min(next, where.end);
            if (stop > at + 1)
                append_span(spans, static_cast<std::uint32_t>(at + 1), static_cast<std::uint32_t>(stop - at - 1));
            at = stop;
        }
        f.first_subfield = static_cast<std::uint32_t>(first);  // (set once: stores to `f` could alias the spans)
        f.subfield_count = static_cast<std::uint32_t>(spans.size() - first);
        f.subfields_pending = false;
    }
    record.flags &= ~static_cast<std::uint32_t>(kFlagSubfieldsPending);
}

void list_pending_subfields(Record& record, std::size_t field_index) {
    if (record.has_flag(kFlagSubfieldsPending) && record.fields[field_index].subfields_pending)
        list_pending(record, record.fields[field_index]);
}

bool parse_record(const char* data, std::size_t size, const ParseOptions& options, Record& out,
                  ParseError& error) noexcept {
    try {
        out.buffer.assign(data, size);
        out.flags = kFlagNone;  // new bytes: nothing is known of how they were cut
    } catch (const std::bad_alloc&) {
        error.set(ErrorCode::kOutOfMemory, 0, 0, "out of memory while copying the record");
        return false;
    }
    return parse_buffer(options, out, error);
}

}  // namespace mrrc
