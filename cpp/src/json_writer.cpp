#include "mrrc/json_writer.hpp"

#include <cstdint>
#include <new>

namespace mrrc {

namespace {

const char kHex[] = "0123456789abcdef";

void unicode_escape(std::string& out, std::uint32_t unit) {
    const char escaped[6] = {'\\', 'u', kHex[(unit >> 12) & 0xF], kHex[(unit >> 8) & 0xF], kHex[(unit >> 4) & 0xF],
                             kHex[unit & 0xF]};
    out.append(escaped, 6);
}

// Python's json string encoding with ensure_ascii: printable ASCII as it is.
void json_string(std::string& out, std::string_view utf8) {
    out.push_back('"');
    std::size_t i = 0;
    while (i < utf8.size()) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
            const std::size_t start = i;
            while (i < utf8.size()) {
                const auto d = static_cast<unsigned char>(utf8[i]);
                if (d < 0x20 || d >= 0x7F || d == '"' || d == '\\') break;
                ++i;
            }
            out.append(utf8.data() + start, i - start);
            continue;
        }
        switch (c) {
            case '"': out.append("\\\""); ++i; continue;
            case '\\': out.append("\\\\"); ++i; continue;
            case '\n': out.append("\\n"); ++i; continue;
            case '\r': out.append("\\r"); ++i; continue;
            case '\t': out.append("\\t"); ++i; continue;
            case '\b': out.append("\\b"); ++i; continue;
            case '\f': out.append("\\f"); ++i; continue;
            default: break;
        }
        std::uint32_t cp = c;
        std::size_t length = 1;
        if (c >= 0xF0 && i + 3 < utf8.size()) {
            cp = ((c & 0x07u) << 18) | ((utf8[i + 1] & 0x3Fu) << 12) | ((utf8[i + 2] & 0x3Fu) << 6) | (utf8[i + 3] & 0x3Fu);
            length = 4;
        } else if (c >= 0xE0 && i + 2 < utf8.size()) {
            cp = ((c & 0x0Fu) << 12) | ((utf8[i + 1] & 0x3Fu) << 6) | (utf8[i + 2] & 0x3Fu);
            length = 3;
        } else if (c >= 0xC0 && i + 1 < utf8.size()) {
            cp = ((c & 0x1Fu) << 6) | (utf8[i + 1] & 0x3Fu);
            length = 2;
        }
        if (cp >= 0x10000) {
            cp -= 0x10000;
            unicode_escape(out, 0xD800 + (cp >> 10));
            unicode_escape(out, 0xDC00 + (cp & 0x3FF));
        } else {
            unicode_escape(out, cp);
        }
        i += length;
    }
    out.push_back('"');
}

}  // namespace

bool write_record_json(const Record& record, std::string_view leader, JsonSeparators separators,
                       std::string& out) noexcept {
    const bool compact = separators == JsonSeparators::kCompact;
    const std::string_view item = compact ? "," : ", ";
    const std::string_view key = compact ? ":" : ": ";
    const std::size_t start = out.size();
    try {
        out.reserve(start + record.buffer.size() * 2 + 64);
        out.append("{\"leader\"").append(key);
        json_string(out, leader);
        out.append(item).append("\"fields\"").append(key).append("[");
        bool first_field = true;
        for (const FieldSpan& f : record.fields) {
            if (!first_field) out.append(item);
            first_field = false;
            out.push_back('{');
            json_string(out, f.tag_view());
            out.append(key);
            if (f.is_control) {
                json_string(out, record.field_data(f));
                out.push_back('}');
                continue;
            }
            out.append("{\"ind1\"").append(key);
            json_string(out, std::string_view(&f.indicator1, 1));
            out.append(item).append("\"ind2\"").append(key);
            json_string(out, std::string_view(&f.indicator2, 1));
            out.append(item).append("\"subfields\"").append(key).append("[");
            for (std::uint32_t i = 0; i < f.subfield_count; ++i) {
                const SubfieldSpan& s = record.subfields[f.first_subfield + i];
                if (i) out.append(item);
                out.push_back('{');
                const char code = record.subfield_code(s);
                json_string(out, std::string_view(&code, 1));
                out.append(key);
                json_string(out, record.subfield_value(s));
                out.push_back('}');
            }
            out.append("]}}");
        }
        out.append("]}");
        return true;
    } catch (const std::bad_alloc&) {
        out.resize(start);
        return false;
    }
}

}  // namespace mrrc
