#include "mrrc/marc8_writer.hpp"

#include <cstdint>
#include <new>

#include "mrrc/constants.hpp"
#include "mrrc/marc8_encoder.hpp"

namespace mrrc {
namespace {

bool is_ascii(std::string_view text) noexcept {
    for (const char c : text) {
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    }
    return true;
}

/// UTF-8 text as Latin-1 (what str.encode("iso8859-1") gives); false when a
/// character is past U+00FF.
bool append_latin1(std::string_view utf8, std::string& out) {
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
        } else if ((c == 0xC2 || c == 0xC3) && i + 1 < utf8.size()) {
            out.push_back(static_cast<char>(((c & 0x03) << 6) | (static_cast<unsigned char>(utf8[++i]) & 0x3F)));
        } else {
            return false;
        }
    }
    return true;
}

void append_number(std::string& out, std::size_t value, std::size_t width) {
    char digits[8];
    for (std::size_t i = width; i > 0; --i) {
        digits[i - 1] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    out.append(digits, width);
}

}  // namespace

Marc8Write serialize_marc8(const Record& record, std::string_view leader, std::string& out,
                           Iso2709Overflow& overflow, bool allow_oversized) noexcept {
    overflow = Iso2709Overflow();
    if (!is_ascii(leader)) return Marc8Write::kNotEncodable;
    try {
        std::string data, directory, value;
        std::uint32_t unencodable = 0;
        std::size_t largest = 0;
        for (std::size_t i = 0; i < record.fields.size(); ++i) {
            const FieldSpan& f = record.fields[i];
            const std::size_t start = data.size();
            if (!is_ascii(f.tag_view())) return Marc8Write::kNotEncodable;
            if (f.is_control) {
                if (!append_latin1(record.field_data(f), data)) return Marc8Write::kNotEncodable;
            } else {
                if (static_cast<unsigned char>(f.indicator1) >= 0x80 || static_cast<unsigned char>(f.indicator2) >= 0x80)
                    return Marc8Write::kNotEncodable;
                data.push_back(f.indicator1);
                data.push_back(f.indicator2);
                for (std::uint32_t k = 0; k < f.subfield_count; ++k) {
                    const SubfieldSpan& s = record.subfields[f.first_subfield + k];
                    const char* code = record.buffer.data() + s.offset;
                    if (static_cast<unsigned char>(*code) >= 0x80) return Marc8Write::kNotEncodable;
                    data.push_back(kSubfieldDelimiter);
                    data.push_back(*code);
                    value.clear();
                    if (!encode_marc8(code + 1, s.length - 1, value, unencodable)) return Marc8Write::kNotEncodable;
                    data += value;
                }
            }
            data.push_back(kFieldTerminator);
            const std::size_t size = data.size() - start;
            if (size > largest) {
                largest = size;
                if (size > 9999) {
                    overflow.kind = Iso2709Overflow::kFieldTooLong;
                    overflow.field_index = static_cast<int>(i);
                    overflow.length = size;
                }
            }
            if (size <= 9999 && start <= 99999) {
                directory.append(f.tag, 3);
                append_number(directory, size, 4);
                append_number(directory, start, 5);
            } else if (allow_oversized) {
                char slots[9];
                write_number_slot(write_number_slot(slots, size, 4), start, 5);
                directory.append(f.tag, 3);
                directory.append(slots, 9);
            }
        }
        if (overflow.kind != Iso2709Overflow::kNone && !allow_oversized) return Marc8Write::kOverflow;
        directory.push_back(kFieldTerminator);
        data.push_back(kRecordTerminator);
        const std::size_t base_address = kLeaderLength + directory.size();
        const std::size_t length = base_address + data.size();
        if (length > 99999 && overflow.kind == Iso2709Overflow::kNone) {
            overflow.kind = Iso2709Overflow::kRecordTooLong;
            overflow.length = length;
            if (!allow_oversized) return Marc8Write::kOverflow;
        }
        // Leader: byte 9 blank, then positions 0-4 and 12-16 recomputed, as the Python path does.
        std::string text(leader);
        if (text.size() > 9)
            text[9] = ' ';
        else
            text.push_back(' ');  // as text[:9] + " " + text[10:] does to a short leader
        char slot[5];
        out.append(slot, static_cast<std::size_t>(write_number_slot(slot, length, 5) - slot));
        if (text.size() > 5) out.append(text, 5, 7);
        out.append(slot, static_cast<std::size_t>(write_number_slot(slot, base_address, 5) - slot));
        if (text.size() > 17) out.append(text, 17, std::string::npos);
        out += directory;
        out += data;
    } catch (const std::bad_alloc&) {
        return Marc8Write::kNotEncodable;  // the Python path then meets the same shortage, with a Python error
    }
    return Marc8Write::kWritten;
}

}  // namespace mrrc
