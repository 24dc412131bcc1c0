#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <string>

#include "mrrc/parser.hpp"
#include "support.hpp"

using mrrc::Conformance;
using mrrc::ErrorCode;
using mrrc::ParseError;
using mrrc::ParseOptions;
using mrrc::Record;
using mrrc_test::make_record;
using mrrc_test::sample_record;

namespace {

ErrorCode parse(const std::string& bytes, Record& r, ParseError& e, ParseOptions o = {}) {
    mrrc::parse_record(bytes.data(), bytes.size(), o, r, e);
    return e.code;
}

ErrorCode parse_code(const std::string& bytes, ParseOptions o = {}) {
    Record r;
    ParseError e;
    return parse(bytes, r, e, o);
}

std::string with(std::string bytes, std::size_t at, const std::string& replacement) {
    return bytes.replace(at, replacement.size(), replacement);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(parser)

BOOST_AUTO_TEST_CASE(well_formed_record_parses_into_offsets) {
    const std::string bytes = sample_record();
    Record r;
    ParseError e;
    BOOST_TEST((parse(bytes, r, e) == ErrorCode::kOk));
    BOOST_TEST(r.leader() == bytes.substr(0, 24));
    BOOST_REQUIRE(r.fields.size() == 4u);
    BOOST_TEST(r.fields[0].tag_view() == "001");
    BOOST_TEST(r.fields[0].is_control);
    BOOST_TEST(r.field_data(r.fields[0]) == "ocm12345");
    const auto& title = r.fields[2];
    BOOST_TEST(!title.is_control);
    BOOST_TEST(title.indicator1 == '1');
    BOOST_TEST(title.indicator2 == '0');
    BOOST_REQUIRE(title.subfield_count == 3u);
    const auto& b = r.subfields[title.first_subfield + 1];
    BOOST_TEST(r.subfield_code(b) == 'b');
    BOOST_TEST(r.subfield_value(b) == "subtitle /");
    BOOST_TEST(r.has_flag(mrrc::kFlagUtf8));
    BOOST_TEST(!r.has_flag(mrrc::kFlagNonAsciiText));
    BOOST_TEST(r.subfields.size() == 5u);  // one block for every subfield of the record
}

BOOST_AUTO_TEST_CASE(leader_errors) {
    const std::string good = sample_record();
    BOOST_TEST((parse_code(with(good, 3, "\xe9")) == ErrorCode::kLeaderNotAscii));
    BOOST_TEST((parse_code("00012abc") == ErrorCode::kRecordLeaderInvalid));
    BOOST_TEST((parse_code(with(good, 12, "ab1de")) == ErrorCode::kBaseAddressNotNumeric));
    BOOST_TEST((parse_code(with(good, 12, "00000")) == ErrorCode::kBaseAddressNotFound));
    BOOST_TEST((parse_code(with(good, 12, "-0001")) == ErrorCode::kBaseAddressNotFound));
    BOOST_TEST((parse_code(with(good, 12, "99999")) == ErrorCode::kBaseAddressInvalid));
    BOOST_TEST((parse_code(with(good, 0, "x0000")) == ErrorCode::kRecordLengthNotNumeric));
    BOOST_TEST((parse_code(with(good, 0, "99999")) == ErrorCode::kLeaderLengthTooLarge));
}

BOOST_AUTO_TEST_CASE(directory_errors) {
    const std::string good = sample_record();
    BOOST_TEST((parse_code(with(good, 30, "\xff")) == ErrorCode::kDirectoryNotAscii));
    // A base address one byte later leaves a 12n+1 byte directory.
    const std::string base = good.substr(12, 5);
    const std::string shifted = std::to_string(std::stoi(base) + 1);
    BOOST_TEST((parse_code(with(good, 12, std::string(5 - shifted.size(), '0') + shifted)) ==
                ErrorCode::kRecordDirectoryInvalid));
    BOOST_TEST((parse_code(with(good, 24 + 3, "00a9")) == ErrorCode::kDirectoryEntryNotNumeric));
    BOOST_TEST((parse_code(with(good, 24 + 7, "0x000")) == ErrorCode::kDirectoryEntryNotNumeric));
    const std::string no_fields = std::string("00026nam a2200025 a 4500") + "\x1e\x1d";
    BOOST_TEST((parse_code(no_fields) == ErrorCode::kNoFieldsFound));
}

BOOST_AUTO_TEST_CASE(field_errors_carry_their_field_and_subfield) {
    const std::string bad_indicator = make_record({{"001", "x"}, {"245", "\xe9" "0\x1f" "aT"}});
    BOOST_TEST((parse_code(bad_indicator) == ErrorCode::kIndicatorsNotAscii));

    const std::string bad_value = make_record({{"001", "x"}, {"245", "10\x1f" "aok\x1f" "bcaf\xe9"}});
    Record r;
    ParseError e;
    BOOST_TEST((parse(bad_value, r, e) == ErrorCode::kInvalidUtf8));
    BOOST_TEST(e.field_index == 1);
    BOOST_TEST(e.subfield_index == 1);
    BOOST_TEST(bad_value[e.offset_in_record] == '\xe9');

    const std::string bad_control = make_record({{"001", "x\xe9"}, {"245", "10\x1f" "aT"}});
    BOOST_TEST((parse_code(bad_control) == ErrorCode::kInvalidUtf8));
}

BOOST_AUTO_TEST_CASE(text_checks_follow_the_options) {
    const std::string latin1 = make_record({{"245", "10\x1f" "acaf\xe9"}});
    ParseOptions lenient;
    lenient.strict_values = false;  // utf8_handling="replace"
    {
        Record flagged;
        ParseError e;
        BOOST_TEST((parse(latin1, flagged, e, lenient) == ErrorCode::kOk));
        BOOST_TEST(flagged.has_flag(mrrc::kFlagInvalidUtf8Text));
    }
    ParseOptions raw;
    raw.validate_text = false;  // to_unicode=False
    BOOST_TEST((parse_code(latin1, raw) == ErrorCode::kOk));
    // A MARC-8 record (leader 9 blank) is not checked as UTF-8 unless forced.
    const std::string marc8 = make_record({{"245", "10\x1f" "acaf\xe2" "e"}}, ' ');
    Record r;
    ParseError e;
    BOOST_TEST((parse(marc8, r, e) == ErrorCode::kOk));
    BOOST_TEST(r.has_flag(mrrc::kFlagNonAsciiText));
    BOOST_TEST(!r.has_flag(mrrc::kFlagUtf8));
    // Delimiters and terminators are structure, not text: plain ASCII MARC-8 is not flagged.
    const std::string ascii_marc8 = make_record({{"001", "x"}, {"245", "10\x1f" "aPlain\x1f" "btext"}}, ' ');
    BOOST_TEST((parse(ascii_marc8, r, e) == ErrorCode::kOk));
    BOOST_TEST(!r.has_flag(mrrc::kFlagNonAsciiText));
    BOOST_TEST(!r.has_flag(mrrc::kFlagControlCharacterText));
    const std::string escape = make_record({{"245", "10\x1f" "aCO\x1b" "b2\x1b" "s"}}, ' ');
    BOOST_TEST((parse(escape, r, e) == ErrorCode::kOk));
    BOOST_TEST(r.has_flag(mrrc::kFlagControlCharacterText));
    ParseOptions forced;
    forced.force_utf8 = true;
    BOOST_TEST((parse_code(marc8, forced) == ErrorCode::kInvalidUtf8));
}

BOOST_AUTO_TEST_CASE(records_of_ascii_bytes_are_flagged) {
    Record r;
    ParseError e;
    BOOST_TEST((parse(make_record({{"001", "x"}, {"245", "10\x1f" "aPlain"}}), r, e) == ErrorCode::kOk));
    BOOST_TEST(r.has_flag(mrrc::kFlagAscii));
    BOOST_TEST((parse(make_record({{"001", "x"}, {"245", "10\x1f" "acaf\xc3\xa9"}}), r, e) == ErrorCode::kOk));
    BOOST_TEST(!r.has_flag(mrrc::kFlagAscii));
    // The byte before the base address belongs to no check but to the record.
    std::string odd_terminator = make_record({{"001", "x"}});
    odd_terminator[24 + 12] = '\xe9';  // where the directory's 0x1E is
    BOOST_TEST((parse(odd_terminator, r, e) == ErrorCode::kOk));
    BOOST_TEST(!r.has_flag(mrrc::kFlagAscii));
    // A non-ASCII field whose checks the ASCII area would skip is still rejected.
    ParseOptions pymarc_rules;
    BOOST_TEST((parse_code(make_record({{"245", "\xe9" "0\x1f" "aT"}}), pymarc_rules) == ErrorCode::kIndicatorsNotAscii));
}

BOOST_AUTO_TEST_CASE(pymarc_leniency_is_reproduced) {
    // Indicators: missing, one, three.
    Record r;
    ParseError e;
    const std::string odd = make_record({{"100", "\x1f" "aA"}, {"110", "1\x1f" "aB"}, {"245", "123\x1f" "aC"}});
    BOOST_TEST((parse(odd, r, e) == ErrorCode::kOk));
    BOOST_TEST(r.fields[0].indicator1 == ' ');
    BOOST_TEST(r.fields[0].indicator2 == ' ');
    BOOST_TEST(r.fields[1].indicator1 == '1');
    BOOST_TEST(r.fields[1].indicator2 == ' ');
    BOOST_TEST(r.fields[2].indicator1 == '1');
    BOOST_TEST(r.fields[2].indicator2 == '2');
    BOOST_TEST(r.has_flag(mrrc::kFlagIndicatorAnomaly));
    // Empty subfield chunks are skipped.
    const std::string empties = make_record({{"245", "10\x1f\x1f" "aT\x1f"}});
    BOOST_TEST((parse(empties, r, e) == ErrorCode::kOk));
    BOOST_TEST(r.fields[0].subfield_count == 1u);
    // A non-ASCII subfield code is kept and flagged for the Python layer.
    const std::string code = make_record({{"245", "10\x1f\xc3\xa1" "bc"}});
    BOOST_TEST((parse(code, r, e) == ErrorCode::kOk));
    BOOST_TEST(r.has_flag(mrrc::kFlagNonAsciiSubfieldCode));
    // Numbers read like Python's int(): " 0755" is 755.
    std::string spaced = sample_record();
    spaced[0] = ' ';
    BOOST_TEST((parse_code(spaced) == ErrorCode::kOk));
    // A directory entry pointing past the end gives an empty field (a clipped slice).
    std::string far = make_record({{"001", "abc"}, {"500", "  \x1f" "anote"}});
    far.replace(24 + 12 + 7, 5, "90000");
    BOOST_TEST((parse(far, r, e) == ErrorCode::kOk));
    BOOST_TEST(r.fields[1].data_length == 0u);
    // A negative entry length slices relative to the end, as Python does.
    std::string negative = make_record({{"001", "abc"}});
    negative.replace(24 + 3, 4, "-001");
    BOOST_TEST((parse(negative, r, e) == ErrorCode::kOk));
    BOOST_TEST(r.fields[0].data_length == 0u);
}

BOOST_AUTO_TEST_CASE(strict_conformance_rejects_what_pymarc_tolerates) {
    ParseOptions strict;
    strict.conformance = Conformance::kStrict;
    BOOST_TEST((parse_code(sample_record(), strict) == ErrorCode::kOk));
    std::string spaced = sample_record();
    spaced[0] = ' ';
    BOOST_TEST((parse_code(spaced, strict) == ErrorCode::kBaseAddressNotNumeric ||
                parse_code(spaced, strict) == ErrorCode::kRecordLengthNotNumeric));
    std::string no_terminator = sample_record();
    const std::size_t end_of_001 = no_terminator.find("ocm12345") + 8;
    no_terminator[end_of_001] = 'X';
    BOOST_TEST((parse_code(no_terminator, strict) == ErrorCode::kRecordDirectoryInvalid));
    BOOST_TEST((parse_code(no_terminator) == ErrorCode::kOk));
    std::string longer = sample_record();
    char shorter_length[16];
    std::snprintf(shorter_length, sizeof shorter_length, "%05d", std::stoi(longer.substr(0, 5)) - 1);
    longer.replace(0, 5, shorter_length);
    BOOST_TEST((parse_code(longer, strict) == ErrorCode::kRecordLengthInvalid));
}

BOOST_AUTO_TEST_CASE(every_error_code_has_a_name) {
    for (int c = 0; c <= static_cast<int>(ErrorCode::kIoError); ++c) {
        BOOST_TEST(std::string(mrrc::error_code_name(static_cast<ErrorCode>(c))) != "Unknown");
    }
    BOOST_TEST(mrrc::is_fatal(ErrorCode::kTruncatedRecord));
    BOOST_TEST(!mrrc::is_fatal(ErrorCode::kRecordDirectoryInvalid));
}

BOOST_AUTO_TEST_SUITE_END()
