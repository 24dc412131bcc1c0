#include "mrrc/serializer.hpp"

#include <cstdint>
#include <algorithm>
#include <cstring>
#include <new>

#include "mrrc/ascii_number.hpp"
#include "mrrc/unlisted_subfields.hpp"

namespace mrrc {
namespace {

std::size_t field_size(const Record& record, const FieldSpan& f) noexcept {
    if (f.is_control) return f.data_length + 1;
    std::size_t n = 2 + 1;  // indicators + terminator
    if (f.subfields_pending) {
        const UnlistedSubfields where(f);
        if (where.as_they_lie(record)) return n + (where.end - where.cut);
        each_unlisted_subfield(record, f, [&](std::size_t, std::size_t length) { n += length; });
        return n;
    }
    for (std::uint32_t i = 0; i < f.subfield_count; ++i) {
        n += 1 + record.subfields[f.first_subfield + i].length;
    }
    return n;
}

/// Digits of a zero-padded decimal of at least `width` digits (wider when it
/// must be, as Python's f"{n:05d}" is).
std::size_t number_width(std::size_t value, std::size_t width) noexcept {
    static constexpr std::size_t kLimit[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    if (width < 7 && value < kLimit[width]) return width;  // the usual case: it fits
    std::size_t digits = 1;
    while (value >= 10) {
        value /= 10;
        ++digits;
    }
    return digits > width ? digits : width;
}

/// Write `value` zero-padded into exactly `width` characters at `p`; returns p + width.
char* write_number(char* p, std::size_t value, std::size_t width) noexcept {
    for (std::size_t i = width; i > 0; --i) {
        p[i - 1] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    return p + width;
}

char* write_bytes(char* p, const char* bytes, std::size_t count) noexcept {
    if (count != 0) std::memcpy(p, bytes, count);  // (an empty view's data() may be null)
    return p + count;
}

// A field's subfields as they lie in the record's bytes when their listing
// was deferred (subfield_count is then 0): no spans need listing to write it.
char* write_unlisted_subfields(char* p, const Record& record, const FieldSpan& f) noexcept {
    if (!f.subfields_pending) return p;
    const char* buffer = record.buffer.data();
    const UnlistedSubfields where(f);
    if (where.as_they_lie(record)) return write_bytes(p, buffer + where.cut, where.end - where.cut);
    each_unlisted_subfield(record, f, [&](std::size_t at, std::size_t length) { p = write_bytes(p, buffer + at, length); });
    return p;
}

struct Layout {
    std::size_t directory = 0;  // directory bytes, terminator included
    std::size_t data = 0;       // field data bytes, record terminator included
    std::size_t largest = 0;    // the longest field and its position (for the ISO 2709 limit)
    std::size_t largest_index = 0;
};

Layout layout(const Record& record) noexcept {
    Layout l;
    std::size_t offset = 0;
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
        const std::size_t size = field_size(record, record.fields[i]);
        l.directory += 3 + number_width(size, 4) + number_width(offset, 5);
        offset += size;
        if (size > l.largest) {
            l.largest = size;
            l.largest_index = i;
        }
    }
    l.directory += 1;
    l.data = offset + 1;
    return l;
}

/// Directory entry numbers, zero-padded: four digits of length and five of
/// offset in the usual case, written without a loop.
char* write_entry_numbers(char* p, std::size_t size, std::size_t offset) noexcept {
    if (size < 10000 && offset < 100000) {
        write_entry_digits(p, static_cast<std::uint32_t>(size), static_cast<std::uint32_t>(offset));
        return p + 9;
    }
    p = write_number(p, size, number_width(size, 4));
    return write_number(p, offset, number_width(offset, 5));
}

}  // namespace

std::size_t serialized_size(const Record& record) noexcept { return serialized_size(record, record.leader()); }

bool serialize_record(const Record& record, char coding_scheme, std::string& out) noexcept {
    char leader[kLeaderLength];
    const std::string_view own = record.leader();
    own.copy(leader, kLeaderLength);
    if (coding_scheme != '\0') leader[9] = coding_scheme;
    return serialize_record(record, std::string_view(leader, own.size()), out);
}

static std::size_t size_with_leader(const Layout& l, std::string_view leader) noexcept {
    const std::size_t base_address = kLeaderLength + l.directory;
    const std::size_t middle = leader.size() > 5 ? std::min<std::size_t>(7, leader.size() - 5) : 0;
    const std::size_t tail = leader.size() > 17 ? leader.size() - 17 : 0;
    return number_width(base_address + l.data, 5) + middle + number_width(base_address, 5) + tail + l.directory +
           l.data;
}

std::size_t serialized_size(const Record& record, std::string_view leader) noexcept {
    return size_with_leader(layout(record), leader);
}

std::size_t serialized_size(const Record& record, std::string_view leader, Iso2709Overflow& overflow) noexcept {
    const Layout l = layout(record);
    const std::size_t size = size_with_leader(l, leader);
    overflow = Iso2709Overflow();
    if (l.largest > 9999) {
        overflow.kind = Iso2709Overflow::kFieldTooLong;
        overflow.field_index = static_cast<int>(l.largest_index);
        overflow.length = l.largest;
    } else if (kLeaderLength + l.directory + l.data > 99999) {  // the record length, as pymarc counts it
        overflow.kind = Iso2709Overflow::kRecordTooLong;
        overflow.length = kLeaderLength + l.directory + l.data;
    }
    return size;
}

void serialize_into(const Record& record, std::string_view leader, char* p) noexcept {
    const auto part = [&leader](std::size_t from, std::size_t count = std::string_view::npos) {
        return from < leader.size() ? leader.substr(from, count) : std::string_view();
    };
    const Layout l = layout(record);
    const std::size_t base_address = kLeaderLength + l.directory;
    const std::size_t length = base_address + l.data;
    const std::string_view middle = part(5, 7), tail = part(17);
    p = write_number(p, length, number_width(length, 5));
    p = write_bytes(p, middle.data(), middle.size());
    p = write_number(p, base_address, number_width(base_address, 5));
    p = write_bytes(p, tail.data(), tail.size());
    std::size_t offset = 0;
    for (const FieldSpan& f : record.fields) {  // the directory
        const std::size_t size = field_size(record, f);
        p = write_bytes(p, f.tag, 3);
        p = write_entry_numbers(p, size, offset);
        offset += size;
    }
    *p++ = kFieldTerminator;
    const char* buffer = record.buffer.data();
    for (const FieldSpan& f : record.fields) {  // the data
        if (f.is_control) {
            p = write_bytes(p, buffer + f.data_offset, f.data_length);
        } else {
            *p++ = f.indicator1;
            *p++ = f.indicator2;
            p = write_unlisted_subfields(p, record, f);
            for (std::uint32_t i = 0; i < f.subfield_count; ++i) {
                const SubfieldSpan& s = record.subfields[f.first_subfield + i];
                *p++ = kSubfieldDelimiter;
                p = write_bytes(p, buffer + s.offset, s.length);
            }
        }
        *p++ = kFieldTerminator;
    }
    *p = kRecordTerminator;
}

namespace {

/// Leader positions 5-11 and 17 onwards, as much of them as `leader` has.
struct LeaderParts {
    std::string_view middle, tail;
    explicit LeaderParts(std::string_view leader) noexcept
        : middle(leader.size() > 5 ? leader.substr(5, 7) : std::string_view()),
          tail(leader.size() > 17 ? leader.substr(17) : std::string_view()) {}
    std::size_t head_size() const noexcept { return 5 + middle.size() + 5 + tail.size(); }
};

constexpr std::size_t kEntrySize = 12;  // tag, 4 digits of length, 5 of offset

}  // namespace

std::size_t field_size_bound(const FieldSpan& f) noexcept {
    // A data field's stored bytes hold its indicators and every kept subfield
    // with its delimiter; indicators are added when fewer than two were read.
    const std::size_t added = !f.is_control && f.indicator_bytes < 2 ? 2 - f.indicator_bytes : 0;
    return f.data_length + added + 1;
}

std::size_t serialized_size_bound(const Record& record, std::string_view leader) noexcept {
    std::size_t data = 1;
    for (const FieldSpan& f : record.fields) data += field_size_bound(f);
    return LeaderParts(leader).head_size() + kEntrySize * record.fields.size() + 1 + data;
}

char* write_number_slot(char* p, std::size_t value, std::size_t width) noexcept {
    std::size_t limit = 1;
    for (std::size_t i = 0; i < width; ++i) limit *= 10;
    return write_number(p, value < limit ? value : 0, width);
}

std::size_t serialize_checked(const Record& record, std::string_view leader, char* out,
                              Iso2709Overflow& overflow, bool allow_oversized) noexcept {
    // Within the limits every number has its standard width, so the directory
    // is 12 bytes an entry and the data can be written in the same pass.
    overflow = Iso2709Overflow();
    const LeaderParts parts(leader);
    const std::size_t directory_size = kEntrySize * record.fields.size() + 1;
    char* entry = out + parts.head_size();
    char* const data_start = entry + directory_size;
    char* p = data_start;
    const char* buffer = record.buffer.data();
    std::size_t largest = 0;
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
        const FieldSpan& f = record.fields[i];
        char* const field_start = p;
        if (f.is_control) {
            p = write_bytes(p, buffer + f.data_offset, f.data_length);
        } else {
            *p++ = f.indicator1;
            *p++ = f.indicator2;
            p = write_unlisted_subfields(p, record, f);
            const SubfieldSpan* s = record.subfields.data() + f.first_subfield;
            for (std::uint32_t k = 0; k < f.subfield_count; ++k, ++s) {
                *p++ = kSubfieldDelimiter;
                p = write_bytes(p, buffer + s->offset, s->length);
            }
        }
        *p++ = kFieldTerminator;
        const std::size_t size = static_cast<std::size_t>(p - field_start);
        const std::size_t offset = static_cast<std::size_t>(field_start - data_start);
        if (size > largest) {
            largest = size;
            if (size > 9999) {  // the longest field so far, and too long
                overflow.kind = Iso2709Overflow::kFieldTooLong;
                overflow.field_index = static_cast<int>(i);
                overflow.length = size;
            }
        }
        if (size <= 9999 && offset <= 99999) {  // past the limits the record is refused below
            entry = write_bytes(entry, f.tag, 3);
            entry = write_entry_numbers(entry, size, offset);
        } else if (allow_oversized) {
            entry = write_bytes(entry, f.tag, 3);
            entry = write_number_slot(write_number_slot(entry, size, 4), offset, 5);
        }
    }
    *p++ = kRecordTerminator;
    const std::size_t total = static_cast<std::size_t>(p - out);
    if (overflow.kind != Iso2709Overflow::kNone && !allow_oversized) return total;
    const std::size_t base_address = kLeaderLength + directory_size;
    const std::size_t length = base_address + static_cast<std::size_t>(p - data_start);
    if (length > 99999 && overflow.kind == Iso2709Overflow::kNone) {
        overflow.kind = Iso2709Overflow::kRecordTooLong;
        overflow.length = length;
        if (!allow_oversized) return total;
    }
    *entry = kFieldTerminator;
    char* head = write_number_slot(out, length, 5);
    head = write_bytes(head, parts.middle.data(), parts.middle.size());
    head = write_number_slot(head, base_address, 5);
    write_bytes(head, parts.tail.data(), parts.tail.size());
    return total;
}

bool serialize_record(const Record& record, std::string_view leader, std::string& out) noexcept {
    const std::size_t start = out.size();
    try {
        out.resize(start + serialized_size(record, leader));
    } catch (const std::bad_alloc&) {
        return false;
    }
    serialize_into(record, leader, &out[start]);
    return true;
}

}  // namespace mrrc
