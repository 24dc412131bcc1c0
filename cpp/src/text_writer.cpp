#include "mrrc/text_writer.hpp"

#include <cstdint>
#include <new>

namespace mrrc {

namespace {

constexpr char kBackslash = '\\';

void append_line_start(std::string& out, std::string_view tag) {
    out.push_back('=');
    out.append(tag);
    out.append("  ");
}

void append_indicator(std::string& out, char indicator) {
    out.push_back(indicator == ' ' ? kBackslash : indicator);
}

// Control data with each blank as a backslash (pymarc: data.replace(" ", "\\")).
void append_control_data(std::string& out, std::string_view data) {
    std::size_t run = 0;
    for (std::size_t i = 0; i < data.size(); ++i) {
        if (data[i] == ' ') {
            out.append(data.data() + run, i - run);
            out.push_back(kBackslash);
            run = i + 1;
        }
    }
    out.append(data.data() + run, data.size() - run);
}

}  // namespace

bool write_record_text(const Record& record, std::string_view leader, std::string& out) noexcept {
    for (const FieldSpan& f : record.fields) {
        for (const char c : f.tag_view()) {
            if (static_cast<unsigned char>(c) >= 0x80) return false;  // how Python shows it is Python's to say
        }
    }
    const std::size_t start = out.size();
    try {
        out.reserve(start + record.buffer.size() + 8 * record.fields.size() + 32);
        out.append("=LDR  ");
        out.append(leader);
        out.push_back('\n');
        for (const FieldSpan& f : record.fields) {
            append_line_start(out, f.tag_view());
            if (f.is_control) {
                append_control_data(out, record.field_data(f));
            } else {
                append_indicator(out, f.indicator1);
                append_indicator(out, f.indicator2);
                for (std::uint32_t i = 0; i < f.subfield_count; ++i) {
                    const SubfieldSpan& s = record.subfields[f.first_subfield + i];
                    out.push_back('$');
                    out.push_back(record.subfield_code(s));
                    out.append(record.subfield_value(s));
                }
            }
            out.push_back('\n');
        }
        return true;
    } catch (const std::bad_alloc&) {
        out.resize(start);
        return false;
    }
}

}  // namespace mrrc
