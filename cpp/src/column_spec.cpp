#include "mrrc/column_spec.hpp"

namespace mrrc {
namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool is_alnum(char c) noexcept { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

class SpecParser {
public:
    SpecParser(std::string_view text, ColumnSpec& spec, ColumnSpecError& error)
        : text_(text), spec_(spec), error_(error) {}

    bool parse() {
        spec_ = ColumnSpec{};
        spec_.text = std::string(text_);
        if (text_.empty()) return fail(0, "an empty specification: expected a tag such as 245 or LDR");
        if (text_.substr(0, 3) == "LDR") {
            spec_.kind = ColumnSpec::Kind::kLeader;
            pos_ = 3;
        } else if (!parse_tag()) {
            return false;
        }
        if (peek() == '/' && !parse_positions()) return false;
        if (peek() == '|' && !parse_indicators()) return false;
        if (peek() == '$' && !parse_codes()) return false;
        if (peek() == '*') {
            spec_.repeated = true;
            ++pos_;
        }
        if (pos_ < text_.size()) return fail(pos_, unexpected_message());
        return true;
    }

private:
    char peek() const noexcept { return pos_ < text_.size() ? text_[pos_] : '\0'; }

    bool fail(std::size_t position, std::string message) {
        error_.position = position;
        error_.message = std::move(message);
        return false;
    }

    std::string unexpected_message() const {
        std::string found = "'" + std::string(1, text_[pos_]) + "'";
        if (spec_.kind == ColumnSpec::Kind::kData && spec_.codes.empty() && is_alnum(text_[pos_])) {
            return "unexpected " + found + ": subfield codes follow a '$', as in 245$abc";
        }
        return "unexpected " + found + ": expected " + expected_next();
    }

    std::string expected_next() const {
        if (spec_.repeated) return "the end";
        if (spec_.kind != ColumnSpec::Kind::kData) return spec_.has_positions ? "'*' or the end" : "'/', '*' or the end";
        if (!spec_.codes.empty()) return "more subfield codes, '*' or the end";
        return "'|' (indicators), '$' (subfield codes), '*' or the end";
    }

    bool parse_tag() {
        if (text_.size() < 3) return fail(text_.size(), "a tag has three characters (as in 001, 245 or 6..)");
        bool wildcard = false;
        for (std::size_t i = 0; i < 3; ++i) {
            const char c = text_[i];
            if (c == '.') {
                wildcard = true;
            } else if (!is_alnum(c)) {
                return fail(i, "'" + std::string(1, c) + "' in a tag: expected a digit, a letter or '.' (any)");
            }
            spec_.tag[i] = c;
        }
        pos_ = 3;
        const bool digits = is_digit(spec_.tag[0]) && is_digit(spec_.tag[1]) && is_digit(spec_.tag[2]);
        const bool control = !wildcard && digits && std::string_view(spec_.tag, 3) < "010";
        spec_.kind = control ? ColumnSpec::Kind::kControl : ColumnSpec::Kind::kData;
        return true;
    }

    bool parse_number(std::uint32_t& value) {
        const std::size_t start = pos_;
        value = 0;
        while (is_digit(peek())) {
            if (pos_ - start >= 5) return fail(pos_, "a character position has at most five digits");
            value = value * 10 + static_cast<std::uint32_t>(peek() - '0');
            ++pos_;
        }
        if (pos_ == start) return fail(pos_, "expected a character position (digits, as in /06 or /07-10)");
        return true;
    }

    bool parse_positions() {
        if (spec_.kind == ColumnSpec::Kind::kData) {
            return fail(pos_, "character positions ('/') apply to LDR and control fields 001-009; "
                              "a data field's parts are subfields, as in 245$a");
        }
        ++pos_;
        spec_.has_positions = true;
        if (!parse_number(spec_.first_position)) return false;
        spec_.last_position = spec_.first_position;
        if (peek() == '-') {
            ++pos_;
            const std::size_t at = pos_;
            if (!parse_number(spec_.last_position)) return false;
            if (spec_.last_position < spec_.first_position) {
                return fail(at, "the range ends before it starts (write the lower position first, as in /07-10)");
            }
        }
        return true;
    }

    bool parse_indicators() {
        if (spec_.kind != ColumnSpec::Kind::kData) {
            return fail(pos_, "indicators ('|') apply to data fields; LDR and control fields 001-009 have none");
        }
        ++pos_;
        for (int i = 0; i < 2; ++i) {
            const char c = peek();
            if (c == '#' || c == ' ') {
                spec_.indicators[i] = ' ';
            } else if (c == '*' || is_alnum(c)) {
                spec_.indicators[i] = c;
            } else {
                return fail(pos_, "expected an indicator: a digit, a letter, '#' (blank) or '*' (any), "
                                  "two of them between '|', as in 650|*0|");
            }
            ++pos_;
        }
        if (peek() != '|') return fail(pos_, "expected '|' after the two indicators, as in 650|*0|");
        ++pos_;
        return true;
    }

    bool parse_codes() {
        if (spec_.kind != ColumnSpec::Kind::kData) {
            return fail(pos_, "subfields ('$') belong to data fields; LDR and control fields 001-009 have none "
                              "(use '/' for character positions)");
        }
        ++pos_;
        while (is_alnum(peek())) {
            if (spec_.codes.find(peek()) != std::string::npos) {
                return fail(pos_, "subfield code '" + std::string(1, peek()) + "' is listed twice");
            }
            spec_.codes.push_back(peek());
            ++pos_;
        }
        if (spec_.codes.empty()) return fail(pos_, "expected subfield codes (letters or digits) after '$'");
        return true;
    }

    std::string_view text_;
    ColumnSpec& spec_;
    ColumnSpecError& error_;
    std::size_t pos_ = 0;
};

}  // namespace

bool parse_column_spec(std::string_view text, ColumnSpec& spec, ColumnSpecError& error) {
    return SpecParser(text, spec, error).parse();
}

}  // namespace mrrc
