#include "mrrc/text_writer.hpp"

#include "mrrc/constants.hpp"

namespace mrrc {

bool write_record_text(const Record& record, std::string_view leader, std::string& out) {
    std::size_t size = 7 + leader.size();
    for (const FieldSpan& f : record.fields) {
        for (const char c : f.tag_view()) {
            if (static_cast<unsigned char>(c) >= 0x80) return false;
        }
        size += 8 + f.data_length;
    }
    out.reserve(out.size() + size);
    out += "=LDR  ";
    out += leader;
    out.push_back('\n');
    const char* buffer = record.buffer.data();
    for (const FieldSpan& f : record.fields) {
        out.push_back('=');
        out.append(f.tag, 3);
        out += "  ";
        if (f.is_control) {
            const std::string_view data = record.field_data(f);
            for (const char c : data) out.push_back(c == ' ' ? '\\' : c);
        } else {
            out.push_back(f.indicator1 == ' ' ? '\\' : f.indicator1);
            out.push_back(f.indicator2 == ' ' ? '\\' : f.indicator2);
            for (std::uint32_t k = 0; k < f.subfield_count; ++k) {
                const SubfieldSpan& s = record.subfields[f.first_subfield + k];
                out.push_back('$');
                out.append(buffer + s.offset, s.length);  // the code, then the value
            }
        }
        out.push_back('\n');
    }
    return true;
}

}  // namespace mrrc
