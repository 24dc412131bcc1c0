#include "mrrc/xml_writer.hpp"

#include <cstdint>
#include <new>

namespace mrrc {

namespace {

constexpr std::string_view kNamespaceAttributes =
    " xmlns=\"http://www.loc.gov/MARC21/slim\""
    " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
    " xsi:schemaLocation=\"http://www.loc.gov/MARC21/slim"
    " http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd\"";

// The code point of the UTF-8 sequence at text[i] (advancing i); a malformed
// sequence gives U+FFFD for its first byte.
std::uint32_t next_code_point(std::string_view text, std::size_t& i) noexcept {
    const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
    const unsigned char lead = byte(i);
    std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (length == 1 || i + length > text.size()) {
        ++i;
        return 0xFFFD;
    }
    std::uint32_t value = lead & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        value = (value << 6) | (byte(i + k) & 0x3F);
    }
    i += length;
    return value;
}

class XmlOut {
public:
    XmlOut(std::string& out, bool ascii) : out_(out), ascii_(ascii) {}

    void raw(std::string_view text) { out_.append(text); }

    // ElementTree's _escape_cdata (text) or _escape_attrib (attribute values),
    // then its us-ascii "xmlcharrefreplace" when ascii.
    void escaped(std::string_view text, bool attribute) {
        std::size_t run = 0;  // start of the bytes not yet copied
        std::size_t i = 0;
        while (i < text.size()) {
            const unsigned char c = static_cast<unsigned char>(text[i]);
            const char* entity = nullptr;
            switch (c) {
                case '&': entity = "&amp;"; break;
                case '<': entity = "&lt;"; break;
                case '>': entity = "&gt;"; break;
                case '"': entity = attribute ? "&quot;" : nullptr; break;
                case '\r': entity = attribute ? "&#13;" : nullptr; break;
                case '\n': entity = attribute ? "&#10;" : nullptr; break;
                case '\t': entity = attribute ? "&#09;" : nullptr; break;
                default: break;
            }
            if (entity != nullptr) {
                out_.append(text.data() + run, i - run);
                out_.append(entity);
                run = ++i;
            } else if (c >= 0x80 && ascii_) {
                out_.append(text.data() + run, i - run);
                character_reference(next_code_point(text, i));
                run = i;
            } else {
                ++i;
            }
        }
        out_.append(text.data() + run, text.size() - run);
    }

    // <name attributes>text</name>, or <name attributes /> for empty text.
    void text_element(std::string_view open_tag, std::string_view close_tag, std::string_view text) {
        raw(open_tag);
        if (text.empty()) {
            raw(" />");
            return;
        }
        raw(">");
        escaped(text, false);
        raw(close_tag);
    }

    void attribute(std::string_view name, std::string_view value) {
        raw(" ");
        raw(name);
        raw("=\"");
        escaped(value, true);
        raw("\"");
    }

private:
    void character_reference(std::uint32_t code_point) {
        char digits[12];
        int n = 0;
        do {
            digits[n++] = static_cast<char>('0' + code_point % 10);
            code_point /= 10;
        } while (code_point != 0);
        out_.append("&#");
        while (n > 0) out_.push_back(digits[--n]);
        out_.push_back(';');
    }

    std::string& out_;
    bool ascii_;
};

void write_fields(const Record& record, XmlOut& xml) {
    for (const FieldSpan& f : record.fields) {
        if (f.is_control) {
            xml.raw("<controlfield");
            xml.attribute("tag", f.tag_view());
            xml.text_element("", "</controlfield>", record.field_data(f));
            continue;
        }
        xml.raw("<datafield");
        xml.attribute("ind1", std::string_view(&f.indicator1, 1));
        xml.attribute("ind2", std::string_view(&f.indicator2, 1));
        xml.attribute("tag", f.tag_view());
        if (f.subfield_count == 0) {
            xml.raw(" />");
            continue;
        }
        xml.raw(">");
        for (std::uint32_t i = 0; i < f.subfield_count; ++i) {
            const SubfieldSpan& s = record.subfields[f.first_subfield + i];
            const char code = record.subfield_code(s);
            xml.raw("<subfield");
            xml.attribute("code", std::string_view(&code, 1));
            xml.text_element("", "</subfield>", record.subfield_value(s));
        }
        xml.raw("</datafield>");
    }
}

}  // namespace

bool write_record_xml(const Record& record, std::string_view leader, const XmlWriteOptions& options,
                      std::string& out) noexcept {
    const std::size_t start = out.size();
    try {
        out.reserve(start + record.buffer.size() * 2 + 256);
        XmlOut xml(out, options.ascii);
        xml.raw("<record");
        if (options.namespace_attributes) xml.raw(kNamespaceAttributes);
        xml.raw(">");
        xml.text_element("<leader", "</leader>", leader);
        write_fields(record, xml);
        xml.raw("</record>");
        return true;
    } catch (const std::bad_alloc&) {
        out.resize(start);
        return false;
    }
}

}  // namespace mrrc
