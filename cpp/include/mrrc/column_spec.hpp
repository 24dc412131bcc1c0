// Column specifications: which part of each record a column of a table holds,
// written as a MARC address (a small language inspired by MARCspec and
// traject; the grammar is in docs/dataframes.md).
//
//   001            a control field's data           008/07-10   characters 7 to 10 of it
//   LDR/06         a leader position                245          a data field's value()
//   245$a          the first $a (field.get("a"))    245$abnp     those subfields joined as value() joins them
//   650|*0|$a      only fields whose second indicator is 0 (* any, # blank)
//   650$a*         every match, as a list           6..$a        a tag with wildcards
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace mrrc {

/// One column's address, parsed.
struct ColumnSpec {
    enum class Kind : unsigned char {
        kLeader,       ///< LDR
        kControl,      ///< a control field (tag 001-009)
        kData,         ///< a data field, or a tag with wildcards
    };
    std::string text;             ///< the specification as written
    Kind kind = Kind::kData;
    char tag[3] = {'0', '0', '0'};  ///< '.' matches any character
    bool has_positions = false;   ///< LDR/.. and control fields: a character range
    std::uint32_t first_position = 0;
    std::uint32_t last_position = 0;  ///< inclusive
    char indicators[2] = {'*', '*'};  ///< '*' any; otherwise the value (blank is ' ')
    std::string codes;            ///< subfield codes; empty: the whole field (value())
    bool repeated = false;        ///< '*': every match, as a list

    bool tag_matches(const char* field_tag) const noexcept {
        for (int i = 0; i < 3; ++i) {
            if (tag[i] != '.' && tag[i] != field_tag[i]) return false;
        }
        return true;
    }
};

/// Why a specification was rejected: the character position (0-based) and what was expected.
struct ColumnSpecError {
    std::size_t position = 0;
    std::string message;
};

/// Parse one column specification. False with `error` filled when it is malformed.
///   ColumnSpec spec; ColumnSpecError error;
///   if (!parse_column_spec("650|*0|$a*", spec, error)) report(error.position, error.message);
bool parse_column_spec(std::string_view text, ColumnSpec& spec, ColumnSpecError& error);

}  // namespace mrrc
