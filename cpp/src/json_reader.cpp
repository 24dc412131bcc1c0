#include "mrrc/json_reader.hpp"

#include <boost/json/basic_parser_impl.hpp>

#include <cstring>
#include <new>
#include <string>
#include <string_view>

#include "mrrc/tag.hpp"

namespace mrrc {

namespace {

using boost::system::error_code;
using JsonText = boost::json::string_view;

constexpr std::size_t kMaxRecordBytes = 0xFFFFFFFFu;

// Where the parser is: the containers open, innermost last.
enum class Container : std::uint8_t { kRecords, kRecord, kFields, kField, kDataField, kSubfields, kSubfield, kSkip };

// What the next value means (set by the key or array before it).
enum class Expect : std::uint8_t {
    kDocument, kRecord, kLeader, kFields, kField, kFieldValue, kIndicator1, kIndicator2, kSubfields, kSubfield,
    kSubfieldValue, kSkipped, kNothing,
};

// A Boost.JSON parse handler that builds records as the events come, and
// gives up (returns false) at the first thing outside the regular shape.
class RecordBuilder {
public:
    constexpr static std::size_t max_object_size = std::size_t(-1);
    constexpr static std::size_t max_array_size = std::size_t(-1);
    constexpr static std::size_t max_key_size = std::size_t(-1);
    constexpr static std::size_t max_string_size = std::size_t(-1);

    explicit RecordBuilder(std::vector<Record>* out) : out_(out) {}

    bool single_object = false;
    bool irregular = false;

    bool on_document_begin(error_code&) { return true; }
    bool on_document_end(error_code&) { return true; }

    bool on_object_begin(error_code&) {
        switch (take_expect()) {
            case Expect::kDocument:
                single_object = true;
                [[fallthrough]];
            case Expect::kRecord:
                begin_record();
                return open(Container::kRecord);
            case Expect::kField:
                field_keys_ = 0;
                return open(Container::kField);
            case Expect::kFieldValue:
                if (control_) return give_up();  // pymarc would make a control field without data
                return begin_data_field() && open(Container::kDataField);
            case Expect::kSubfield:
                subfield_keys_ = 0;
                return open(Container::kSubfield);
            case Expect::kSkipped:
                return open(Container::kSkip);
            default:
                return give_up();
        }
    }

    bool on_object_end(std::size_t, error_code&) {
        switch (close()) {
            case Container::kRecord:
                if (!has_leader_ || !has_fields_) return give_up();
                record_.flags = kFlagUtf8;
                out_->push_back(std::move(record_));
                break;
            case Container::kField:
                if (field_keys_ != 1) return give_up();
                break;
            case Container::kDataField:
                if (!has_subfields_ || !has_indicator1_ || !has_indicator2_) return give_up();
                end_data_field();
                break;
            case Container::kSubfield:
                if (subfield_keys_ != 1) return give_up();
                break;
            default:
                break;
        }
        return after_value();
    }

    bool on_array_begin(error_code&) {
        switch (take_expect()) {
            case Expect::kDocument: return open(Container::kRecords);
            case Expect::kFields: return open(Container::kFields);
            case Expect::kSubfields: return open(Container::kSubfields);
            case Expect::kSkipped: return open(Container::kSkip);
            default: return give_up();
        }
    }

    bool on_array_end(std::size_t, error_code&) {
        close();
        return after_value();
    }

    bool on_key_part(JsonText part, std::size_t, error_code&) {
        key_.append(part.data(), part.size());
        return true;
    }

    bool on_key(JsonText part, std::size_t, error_code&) {
        key_.append(part.data(), part.size());
        const bool ok = on_whole_key(key_);
        key_.clear();
        return ok;
    }

    bool on_string_part(JsonText part, std::size_t, error_code&) { return string_piece(part); }

    bool on_string(JsonText part, std::size_t, error_code&) {
        if (!string_piece(part)) return false;
        return end_string();
    }

    // Python's int() refuses digit strings past sys.get_int_max_str_digits()
    // (4,300 by default) where pymarc's json.loads meets them: long numbers
    // are left to Python, wherever they are.
    bool on_number_part(JsonText part, error_code&) {
        number_length_ += part.size();
        return number_length_ < kLongNumber ? skippable() : give_up();
    }
    bool on_int64(std::int64_t, JsonText part, error_code&) { return number(part); }
    bool on_uint64(std::uint64_t, JsonText part, error_code&) { return number(part); }
    bool on_double(double, JsonText part, error_code&) { return number(part); }
    bool on_bool(bool, error_code&) { return scalar(); }
    bool on_null(error_code&) { return scalar(); }
    bool on_comment_part(JsonText, error_code&) { return give_up(); }
    bool on_comment(JsonText, error_code&) { return give_up(); }

private:
    bool give_up() {
        irregular = true;
        return false;
    }

    Expect take_expect() {
        const Expect e = expect_;
        expect_ = Expect::kNothing;
        return e;
    }

    bool open(Container c) {
        stack_.push_back(c);
        expect_ = element_of(c);
        return true;
    }

    Container close() {
        const Container c = stack_.back();
        stack_.pop_back();
        return c;
    }

    // What an element of an array means; objects expect keys first.
    static Expect element_of(Container c) {
        switch (c) {
            case Container::kRecords: return Expect::kRecord;
            case Container::kFields: return Expect::kField;
            case Container::kSubfields: return Expect::kSubfield;
            default: return Expect::kNothing;
        }
    }

    // After a value: the next one is another element of the array around it, if any.
    bool after_value() {
        if (stack_.empty()) {
            expect_ = Expect::kNothing;
        } else if (stack_.back() == Container::kSkip) {
            expect_ = Expect::kSkipped;
        } else {
            expect_ = element_of(stack_.back());
        }
        return true;
    }

    bool in_skipped() const { return !stack_.empty() && stack_.back() == Container::kSkip; }

    bool skippable() const { return expect_ == Expect::kSkipped || in_skipped(); }

    static constexpr std::size_t kLongNumber = 640;

    bool number(JsonText part) {
        const std::size_t length = number_length_ + part.size();
        number_length_ = 0;
        return length < kLongNumber ? scalar() : give_up();
    }

    bool scalar() {
        if (!skippable()) return give_up();
        take_expect();
        return after_value();
    }

    bool on_whole_key(const std::string& key) {
        switch (stack_.back()) {
            case Container::kRecord:
                if (key == "leader") return expect_once(has_leader_, Expect::kLeader);
                if (key == "fields") return expect_once(has_fields_, Expect::kFields);
                expect_ = Expect::kSkipped;
                return true;
            case Container::kField: {
                if (++field_keys_ != 1 || !is_ascii(key) || key.size() > kLongTag) return give_up();
                const std::string tag = normalise_tag(key);
                if (tag.size() != 3) return give_up();
                std::memcpy(tag_, tag.data(), 3);
                control_ = is_control_tag(tag);
                value_start_ = record_.buffer.size();  // a control field's text is appended from here
                expect_ = Expect::kFieldValue;
                return true;
            }
            case Container::kDataField:
                if (key == "ind1") return expect_once(has_indicator1_, Expect::kIndicator1);
                if (key == "ind2") return expect_once(has_indicator2_, Expect::kIndicator2);
                if (key == "subfields") return expect_once(has_subfields_, Expect::kSubfields);
                expect_ = Expect::kSkipped;
                return true;
            case Container::kSubfield:
                if (++subfield_keys_ != 1 || key.size() != 1 || static_cast<unsigned char>(key[0]) >= 0x80)
                    return give_up();
                if (!begin_subfield(key[0])) return false;
                expect_ = Expect::kSubfieldValue;
                return true;
            case Container::kSkip:
                expect_ = Expect::kSkipped;
                return true;
            default:
                return give_up();
        }
    }

    bool expect_once(bool& seen, Expect next) {
        if (seen) return give_up();  // Python keeps the last of duplicate keys: let it
        seen = true;
        expect_ = next;
        return true;
    }

    bool string_piece(JsonText part) {
        switch (expect_) {
            case Expect::kLeader:
            case Expect::kIndicator1:
            case Expect::kIndicator2:
                text_.append(part.data(), part.size());
                return text_.size() <= kLeaderLength || give_up();
            case Expect::kFieldValue:
                if (!control_) return give_up();  // pymarc ignores a data field's string: not the usual shape
                [[fallthrough]];
            case Expect::kSubfieldValue:
                for (char c : std::string_view(part.data(), part.size()))
                    if (static_cast<unsigned char>(c) < 0x20) return give_up();
                if (record_.buffer.size() + part.size() > kMaxRecordBytes) return give_up();
                record_.buffer.append(part.data(), part.size());
                return true;
            case Expect::kSkipped:
                return true;
            default:
                return in_skipped() || give_up();
        }
    }

    bool end_string() {
        const Expect was = take_expect();
        switch (was) {
            case Expect::kLeader:
                if (text_.size() != kLeaderLength || !is_ascii(text_)) return give_up();
                record_.buffer.replace(0, kLeaderLength, text_);
                break;
            case Expect::kIndicator1:
            case Expect::kIndicator2: {
                const bool first = was == Expect::kIndicator1;
                if (text_.size() != 1 || static_cast<unsigned char>(text_[0]) >= 0x80) return give_up();
                record_.buffer[field_.data_offset + (first ? 0 : 1)] = text_[0];
                (first ? field_.indicator1 : field_.indicator2) = text_[0];
                break;
            }
            case Expect::kFieldValue:
                add_control_field();
                break;
            case Expect::kSubfieldValue:
                end_subfield();
                break;
            default:
                break;
        }
        text_.clear();
        return after_value();
    }

    void begin_record() {
        record_.clear();
        record_.buffer.assign(kLeaderLength, ' ');
        has_leader_ = has_fields_ = false;
    }

    void add_control_field() {
        FieldSpan f;
        std::memcpy(f.tag, tag_, 3);
        f.is_control = true;
        f.data_offset = static_cast<std::uint32_t>(value_start_);
        f.data_length = static_cast<std::uint32_t>(record_.buffer.size() - value_start_);
        record_.fields.push_back(f);
    }

    static constexpr std::size_t kLongTag = 64;  // longer digit strings meet Python's int() limit: let it judge

    bool begin_data_field() {
        if (record_.buffer.size() + 2 > kMaxRecordBytes) return give_up();
        field_ = FieldSpan();
        std::memcpy(field_.tag, tag_, 3);
        field_.indicator_bytes = 2;
        field_.data_offset = static_cast<std::uint32_t>(record_.buffer.size());
        field_.first_subfield = static_cast<std::uint32_t>(record_.subfields.size());
        record_.buffer.append("  ");
        has_subfields_ = has_indicator1_ = has_indicator2_ = false;
        return true;
    }

    bool begin_subfield(char code) {
        if (record_.buffer.size() + 2 > kMaxRecordBytes) return give_up();
        record_.buffer.push_back(kSubfieldDelimiter);
        value_start_ = record_.buffer.size();
        record_.buffer.push_back(code);
        return true;
    }

    void end_subfield() {
        SubfieldSpan s;
        s.offset = static_cast<std::uint32_t>(value_start_);
        s.length = static_cast<std::uint32_t>(record_.buffer.size() - value_start_);
        record_.subfields.push_back(s);
    }

    void end_data_field() {
        field_.subfield_count = static_cast<std::uint32_t>(record_.subfields.size() - field_.first_subfield);
        field_.data_length = static_cast<std::uint32_t>(record_.buffer.size() - field_.data_offset);
        record_.fields.push_back(field_);
    }

    std::vector<Record>* out_;
    std::vector<Container> stack_;
    Expect expect_ = Expect::kDocument;
    std::string key_;
    std::string text_;
    Record record_;
    FieldSpan field_;
    char tag_[3] = {' ', ' ', ' '};
    bool control_ = false;
    bool has_leader_ = false, has_fields_ = false;
    bool has_subfields_ = false, has_indicator1_ = false, has_indicator2_ = false;
    int field_keys_ = 0, subfield_keys_ = 0;
    std::size_t number_length_ = 0;
    std::size_t value_start_ = 0;
};

}  // namespace

JsonOutcome read_marc_json(const char* data, std::size_t size, std::vector<Record>& records,
                           bool& single_object) noexcept {
    try {
        boost::json::basic_parser<RecordBuilder> parser(boost::json::parse_options{}, &records);
        error_code ec;
        const std::size_t used = parser.write_some(false, data, size, ec);
        const bool rest_is_space =  // JSON's whitespace only after the value, as Python's json allows
            std::string_view(data + used, size - used).find_first_not_of(" \t\n\r") == std::string_view::npos;
        if (!ec && parser.done() && rest_is_space && !parser.handler().irregular) {
            single_object = parser.handler().single_object;
            return JsonOutcome::kRecords;
        }
    } catch (const std::bad_alloc&) {
        records.clear();
        return JsonOutcome::kOutOfMemory;
    }
    records.clear();
    return JsonOutcome::kIrregular;
}

std::size_t read_marc_json_lines(const char* data, std::size_t size, bool last, std::uint64_t first_line_number,
                                 std::vector<JsonLine>& out) noexcept {
    std::size_t at = 0;
    std::uint64_t line_number = first_line_number;
    std::vector<Record> one;
    while (at < size) {
        const void* newline = std::memchr(data + at, '\n', size - at);
        if (newline == nullptr && !last) break;  // the rest waits for more input
        const std::size_t end = newline ? static_cast<std::size_t>(static_cast<const char*>(newline) - data) : size;
        std::string_view line(data + at, end - at);
        const bool blank = line.find_first_not_of(" \t\r") == std::string_view::npos;
        if (!blank) {
            try {
                out.emplace_back();
            } catch (const std::bad_alloc&) {
                return at;  // the caller sees no progress for this line and reports memory
            }
            JsonLine& item = out.back();
            item.line_number = line_number;
            item.offset = at;
            item.length = line.size();
            bool single = false;
            one.clear();
            item.outcome = read_marc_json(line.data(), line.size(), one, single);
            if (item.outcome == JsonOutcome::kRecords && (!single || one.size() != 1))
                item.outcome = JsonOutcome::kIrregular;  // a line holds one record object
            if (item.outcome == JsonOutcome::kRecords) item.record = std::move(one.front());
        }
        ++line_number;
        at = newline ? end + 1 : size;
    }
    return at;
}

}  // namespace mrrc
