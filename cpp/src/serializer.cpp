#include "mrrc/serializer.hpp"

#include <cstdint>
#include <new>

namespace mrrc {
namespace {

std::size_t field_size(const Record& record, const FieldSpan& f) noexcept {
    if (f.is_control) return f.data_length + 1;
    std::size_t n = 2 + 1;  // indicators + terminator
    for (std::uint32_t i = 0; i < f.subfield_count; ++i) {
        n += 1 + record.subfields[f.first_subfield + i].length;
    }
    return n;
}

/// Zero-padded decimal of at least `width` digits (wider when it must be,
/// as Python's f"{n:05d}" is).
void append_number(std::string& out, std::size_t value, int width) {
    char digits[24];
    int n = 0;
    do {  // least significant digit first
        digits[n++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value != 0);
    while (n < width) digits[n++] = '0';
    while (n > 0) out.push_back(digits[--n]);
}

}  // namespace

std::size_t serialized_size(const Record& record) noexcept {
    std::size_t data = 0;
    for (const FieldSpan& f : record.fields) data += field_size(record, f);
    return kLeaderLength + record.fields.size() * kDirectoryEntryLength + 1 + data + 1;
}

bool serialize_record(const Record& record, char coding_scheme, std::string& out) noexcept {
    char leader[kLeaderLength];
    const std::string_view own = record.leader();
    own.copy(leader, kLeaderLength);
    if (coding_scheme != '\0') leader[9] = coding_scheme;
    return serialize_record(record, std::string_view(leader, own.size()), out);
}

bool serialize_record(const Record& record, std::string_view leader, std::string& out) noexcept {
    try {
        out.reserve(out.size() + serialized_size(record));
        std::size_t base_address = kLeaderLength + record.fields.size() * kDirectoryEntryLength + 1;
        std::size_t data_size = 0;
        for (const FieldSpan& f : record.fields) data_size += field_size(record, f);
        const auto part = [&leader](std::size_t from, std::size_t count = std::string_view::npos) {
            return from < leader.size() ? leader.substr(from, count) : std::string_view();
        };
        append_number(out, base_address + data_size + 1, 5);
        out.append(part(5, 7));
        append_number(out, base_address, 5);
        out.append(part(17));

        std::size_t offset = 0;
        for (const FieldSpan& f : record.fields) {
            const std::size_t size = field_size(record, f);
            out.append(f.tag, 3);
            append_number(out, size, 4);
            append_number(out, offset, 5);
            offset += size;
        }
        out.push_back(kFieldTerminator);
        for (const FieldSpan& f : record.fields) {
            if (f.is_control) {
                out.append(record.field_data(f));
            } else {
                out.push_back(f.indicator1);
                out.push_back(f.indicator2);
                for (std::uint32_t i = 0; i < f.subfield_count; ++i) {
                    const SubfieldSpan& s = record.subfields[f.first_subfield + i];
                    out.push_back(kSubfieldDelimiter);
                    out.append(record.buffer, s.offset, s.length);
                }
            }
            out.push_back(kFieldTerminator);
        }
        out.push_back(kRecordTerminator);
        return true;
    } catch (const std::bad_alloc&) {
        return false;
    }
}

}  // namespace mrrc
