#include "mrrc/xml_reader.hpp"

#include "mrrc/tag.hpp"

#include <algorithm>
#include <climits>
#include <cstring>
#include <new>
#include <string_view>

namespace mrrc {

namespace {

constexpr std::string_view kMarcNamespace = "http://www.loc.gov/MARC21/slim";
// As xml.sax does: libexpat reports a namespaced name as "uri name".
constexpr char kNamespaceSeparator[] = " ";
constexpr std::string_view kDefaultLeader = "          22        4500";  // pymarc's Record()
constexpr std::size_t kMaxRecordBytes = 0xFFFFFFFFu;
constexpr std::size_t kMaxParseChunk = 1u << 30;  // libexpat takes an int length

enum class Element : std::uint8_t { kOther, kRecord, kLeader, kControlField, kDataField, kSubfield };

Element classify(std::string_view local) noexcept {
    if (local == "record") return Element::kRecord;
    if (local == "leader") return Element::kLeader;
    if (local == "controlfield") return Element::kControlField;
    if (local == "datafield") return Element::kDataField;
    if (local == "subfield") return Element::kSubfield;
    return Element::kOther;
}

const char* find_attribute(const char** attributes, std::string_view name) noexcept {
    for (; attributes[0] != nullptr; attributes += 2)
        if (name == attributes[0]) return attributes[1];
    return nullptr;
}

std::size_t code_points(std::string_view utf8) noexcept {
    return static_cast<std::size_t>(std::count_if(
        utf8.begin(), utf8.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool one_ascii_character(std::string_view text) noexcept {
    return text.size() == 1 && static_cast<unsigned char>(text[0]) < 0x80;
}

// The field between its start tag and the end tag that adds it to a record
// (pymarc's XmlHandler._field). Subfield codes and texts are kept in one
// buffer, so a field costs no allocation per subfield.
struct PendingField {
    struct Piece {
        std::size_t code_offset, code_length, text_offset, text_length;
    };
    std::string tag;
    bool ascii_tag = false;
    std::string normalised_tag;  // valid when ascii_tag
    bool control = false;        // pymarc's control_field, when ascii_tag
    bool from_datafield = false;
    bool has_indicator1 = false, has_indicator2 = false;
    std::string indicator1, indicator2;
    std::string bytes;
    std::vector<Piece> pieces;
    bool codes_fit = true;  // every code one ASCII character
    bool has_data = false;
    std::string data;

    void begin(std::string_view tag_text, bool datafield, const char* ind1, const char* ind2) {
        tag.assign(tag_text);
        ascii_tag = is_ascii(tag);
        // Beyond 64 characters a digit tag meets Python's int() limit: leave it to Python.
        ascii_tag = ascii_tag && tag.size() <= 64;
        if (ascii_tag) {
            normalised_tag = normalise_tag(tag);
            control = is_control_tag(normalised_tag);
        }
        from_datafield = datafield;
        has_indicator1 = ind1 != nullptr;
        has_indicator2 = ind2 != nullptr;
        indicator1.assign(ind1 ? ind1 : " ");
        indicator2.assign(ind2 ? ind2 : " ");
        bytes.clear();
        pieces.clear();
        codes_fit = true;
        has_data = false;
        data.clear();
    }

    // pymarc's add_subfield does nothing on a control field.
    bool takes_subfields() const noexcept { return !(ascii_tag && control); }

    void add_subfield(std::string_view code, std::string_view text) {
        Piece piece{bytes.size(), code.size(), bytes.size() + code.size(), text.size()};
        bytes.append(code);
        bytes.append(text);
        pieces.push_back(piece);
        codes_fit = codes_fit && one_ascii_character(code);
    }

    std::string_view code_of(const Piece& p) const noexcept { return std::string_view(bytes).substr(p.code_offset, p.code_length); }
    std::string_view text_of(const Piece& p) const noexcept { return std::string_view(bytes).substr(p.text_offset, p.text_length); }

    // True when the compact model holds exactly what pymarc's Field would.
    bool fits_model() const noexcept {
        if (!ascii_tag || normalised_tag.size() != 3) return false;
        if (control) return has_data;
        return !has_data && codes_fit && one_ascii_character(indicator1) && one_ascii_character(indicator2);
    }

    LooseField to_loose() const {
        LooseField out;
        out.tag = tag;
        out.from_datafield = from_datafield;
        out.has_indicator1 = has_indicator1;
        out.has_indicator2 = has_indicator2;
        out.indicator1 = indicator1;
        out.indicator2 = indicator2;
        out.subfields.reserve(pieces.size());
        for (const Piece& p : pieces) out.subfields.emplace_back(code_of(p), text_of(p));
        out.has_data = has_data;
        out.data = data;
        return out;
    }
};

}  // namespace

struct XmlReader::State {
    expat::Api api;
    XmlReadOptions options;
    expat::Parser parser = nullptr;
    std::vector<XmlItem> items;
    XmlError error;
    bool failed = false;
    std::uint64_t records = 0;

    // pymarc's handler state: _record, _field, _subfield_code, _text.
    bool have_record = false;
    XmlItem record;
    bool have_field = false;
    PendingField field;
    std::string subfield_code;
    bool have_code = false;  // the code is not empty
    std::string text;
    // The elements open (those that count: all, or the MARCXML ones when
    // strict). Text is kept only while the innermost one's end would use it.
    std::vector<Element> open;
    bool keep_text = false;
    bool leader_given = false;  // a </leader> replaced the default leader of this record

    State(const expat::Api& a, const XmlReadOptions& o) : api(a), options(o) {}

    void fail(XmlFailure failure, const char* message) noexcept {
        if (failed) return;
        failed = true;
        error.failure = failure;
        error.message = message;
        error.record_index = records;
        if (parser != nullptr) {
            error.line = api.get_error_line_number(parser);
            error.column = api.get_error_column_number(parser);
        }
    }

    bool counts(std::string_view name, std::string_view& local) const noexcept {
        const std::size_t at = name.rfind(kNamespaceSeparator[0]);
        const std::string_view uri = at == std::string_view::npos ? std::string_view() : name.substr(0, at);
        local = at == std::string_view::npos ? name : name.substr(at + 1);
        return !options.strict || uri == kMarcNamespace;
    }

    void update_keep_text() noexcept {
        if (open.empty()) {
            keep_text = false;
            return;
        }
        switch (open.back()) {
            case Element::kLeader: keep_text = have_record; break;
            case Element::kControlField: keep_text = have_record && have_field; break;
            case Element::kSubfield: keep_text = have_field && have_code; break;
            default: keep_text = false;
        }
    }

    void begin_record() {
        record.record.clear();
        record.loose.reset();
        if (options.all_loose) {
            record.loose = std::make_unique<LooseRecord>();
        } else {
            record.record.buffer.assign(kDefaultLeader);
        }
        have_record = true;
    }

    // Move the record built so far into loose form.
    void loosen() {
        if (record.loose) return;
        auto loose = std::make_unique<LooseRecord>();
        const Record& r = record.record;
        if (leader_given) loose->leaders.emplace_back(r.leader());
        for (const FieldSpan& f : r.fields) {
            LooseField out;
            out.tag.assign(f.tag, 3);
            if (f.is_control) {
                out.has_data = true;
                out.data.assign(r.field_data(f));
            } else {
                out.from_datafield = true;
                out.has_indicator1 = out.has_indicator2 = true;
                out.indicator1.assign(1, f.indicator1);
                out.indicator2.assign(1, f.indicator2);
                for (std::uint32_t i = 0; i < f.subfield_count; ++i) {
                    const SubfieldSpan& s = r.subfields[f.first_subfield + i];
                    out.subfields.emplace_back(std::string(1, r.subfield_code(s)), r.subfield_value(s));
                }
            }
            loose->fields.push_back(std::move(out));
        }
        record.record.clear();
        record.loose = std::move(loose);
    }

    bool grow(std::size_t extra) noexcept {
        if (record.record.buffer.size() + extra > kMaxRecordBytes) {
            fail(XmlFailure::kRecordTooLarge, "a record holds more than 4 GiB of data");
            return false;
        }
        return true;
    }

    void add_field() {
        if (!record.loose && !field.fits_model()) loosen();
        if (record.loose) {
            record.loose->fields.push_back(field.to_loose());
            return;
        }
        Record& r = record.record;
        FieldSpan f;
        std::memcpy(f.tag, field.normalised_tag.data(), 3);
        f.is_control = field.control;
        f.data_offset = static_cast<std::uint32_t>(r.buffer.size());
        if (field.control) {
            if (!grow(field.data.size())) return;
            r.buffer.append(field.data);
        } else {
            if (!grow(2 + field.bytes.size() + field.pieces.size())) return;
            f.indicator1 = field.indicator1[0];
            f.indicator2 = field.indicator2[0];
            f.indicator_bytes = 2;
            r.buffer.push_back(f.indicator1);
            r.buffer.push_back(f.indicator2);
            f.first_subfield = static_cast<std::uint32_t>(r.subfields.size());
            f.subfield_count = static_cast<std::uint32_t>(field.pieces.size());
            for (const PendingField::Piece& p : field.pieces) {
                r.buffer.push_back(kSubfieldDelimiter);
                SubfieldSpan s;
                s.offset = static_cast<std::uint32_t>(r.buffer.size());
                s.length = static_cast<std::uint32_t>(1 + p.text_length);
                r.buffer.append(field.bytes, p.code_offset, 1);
                r.buffer.append(field.bytes, p.text_offset, p.text_length);
                r.subfields.push_back(s);
            }
        }
        f.data_length = static_cast<std::uint32_t>(r.buffer.size() - f.data_offset);
        r.fields.push_back(f);
    }

    void set_leader() {
        if (record.loose) {
            if (!options.all_loose && code_points(text) != kLeaderLength)
                return fail(XmlFailure::kLeaderInvalid, "Unable to extract record leader");
            record.loose->leaders.push_back(text);
            return;
        }
        if (code_points(text) != kLeaderLength) return fail(XmlFailure::kLeaderInvalid, "Unable to extract record leader");
        if (text.size() != kLeaderLength) {  // 24 characters, not all ASCII
            loosen();
            record.loose->leaders.push_back(text);
            return;
        }
        record.record.buffer.replace(0, kLeaderLength, text);
        leader_given = true;
    }

    void emit_record() {
        if (!record.loose) record.record.flags = kFlagUtf8;
        record.record.record_index = records++;
        items.push_back(std::move(record));
        record = XmlItem();
        leader_given = false;
        have_record = false;
    }

    void on_start(const char* name, const char** attributes) {
        std::string_view local;
        if (!counts(name, local)) return;
        const Element element = classify(local);
        text.clear();
        open.push_back(element);
        switch (element) {
            case Element::kRecord:
                begin_record();
                leader_given = false;
                break;
            case Element::kControlField:
            case Element::kDataField: {
                const char* tag = find_attribute(attributes, "tag");
                if (tag == nullptr) return fail(XmlFailure::kMissingTag, "tag");
                const bool datafield = element == Element::kDataField;
                field.begin(tag, datafield, datafield ? find_attribute(attributes, "ind1") : nullptr,
                            datafield ? find_attribute(attributes, "ind2") : nullptr);
                have_field = true;
                break;
            }
            case Element::kSubfield: {
                const char* code = find_attribute(attributes, "code");
                if (code == nullptr) return fail(XmlFailure::kMissingCode, "code");
                subfield_code.assign(code);
                have_code = !subfield_code.empty();
                break;
            }
            default:
                break;
        }
        update_keep_text();
    }

    void on_end(const char* name) {
        std::string_view local;
        if (!counts(name, local)) return;
        const Element element = open.empty() ? classify(local) : open.back();
        if (!open.empty()) open.pop_back();
        switch (element) {
            case Element::kRecord:
                if (have_record) emit_record();
                break;
            case Element::kLeader:
                if (have_record) set_leader();
                break;
            case Element::kControlField:
                if (have_record && have_field) {
                    field.has_data = true;
                    field.data.swap(text);
                    add_field();
                    have_field = false;
                }
                break;
            case Element::kDataField:
                if (have_record && have_field) {
                    add_field();
                    have_field = false;
                }
                break;
            case Element::kSubfield:
                if (have_field && have_code) {
                    if (field.takes_subfields()) field.add_subfield(subfield_code, text);
                    have_code = false;
                }
                break;
            default:
                break;
        }
        text.clear();
        update_keep_text();
    }

    void on_text(const char* data, int length) {
        if (!keep_text) return;
        if (text.size() + static_cast<std::size_t>(length) > kMaxRecordBytes)
            return fail(XmlFailure::kRecordTooLarge, "a record holds more than 4 GiB of data");
        text.append(data, static_cast<std::size_t>(length));
    }

    // libexpat calls these from C: nothing may propagate out of them.
    template <typename Body>
    static void guarded(void* self, Body body) {
        auto* state = static_cast<State*>(self);
        if (state->failed) return;
        try {
            body(*state);
        } catch (...) {
            state->fail(XmlFailure::kOutOfMemory, "out of memory while reading MARCXML");
        }
    }
    static void start(void* self, const char* name, const char** attributes) {
        guarded(self, [&](State& state) { state.on_start(name, attributes); });
    }
    static void end(void* self, const char* name) {
        guarded(self, [&](State& state) { state.on_end(name); });
    }
    static void characters(void* self, const char* data, int length) {
        guarded(self, [&](State& state) { state.on_text(data, length); });
    }
};

XmlReader::XmlReader(const expat::Api& api, const XmlReadOptions& options)
    : state_(std::make_unique<State>(api, options)) {
    State& s = *state_;
    if (!api.complete() ||
        (s.parser = api.parser_create_mm(nullptr, nullptr, kNamespaceSeparator)) == nullptr) {
        s.fail(XmlFailure::kParserUnavailable, "libexpat could not create a parser");
        return;
    }
    if (!options.encoding.empty()) api.set_encoding(s.parser, options.encoding.c_str());
    if (api.set_hash_salt != nullptr) api.set_hash_salt(s.parser, api.hash_salt);
    api.set_user_data(s.parser, &s);
    api.set_element_handler(s.parser, &State::start, &State::end);
    api.set_character_data_handler(s.parser, &State::characters);
}

XmlReader::~XmlReader() {
    if (state_ && state_->parser != nullptr) state_->api.parser_free(state_->parser);
}

bool XmlReader::feed(const char* data, std::size_t size, bool last) noexcept {
    State& s = *state_;
    if (s.failed) return false;
    do {
        const std::size_t piece = std::min(size, kMaxParseChunk);
        const bool final_piece = last && piece == size;
        if (s.api.parse(s.parser, data, static_cast<int>(piece), final_piece ? 1 : 0) == expat::kStatusError &&
            !s.failed) {
            const int code = s.api.get_error_code(s.parser);
            const char* message = s.api.error_string(code);
            s.fail(XmlFailure::kSyntax, message != nullptr ? message : "XML error");
            s.error.expat_code = code;
        }
        data += piece;
        size -= piece;
    } while (size > 0 && !s.failed);
    return !s.failed;
}

std::vector<XmlItem>& XmlReader::items() noexcept { return state_->items; }
const XmlError& XmlReader::error() const noexcept { return state_->error; }
bool XmlReader::failed() const noexcept { return state_->failed; }
std::uint64_t XmlReader::records_read() const noexcept { return state_->records; }

}  // namespace mrrc
