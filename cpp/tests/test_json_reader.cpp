#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "mrrc/json_reader.hpp"
#include "mrrc/serializer.hpp"

using mrrc::JsonOutcome;
using mrrc::Record;

namespace {

const std::string kRecord =
    R"({"leader":"00000nam a2200000 a 4500","fields":[{"001":"ocm1"},)"
    R"({"245":{"subfields":[{"a":"Caf\u00e9 \ud83d\ude00"},{"c":""}],"ind1":"1","ind2":"0"}},{"500":{"ind1":" ","ind2":" ","subfields":[]}}]})";

JsonOutcome read(const std::string& text, std::vector<Record>& records, bool& single) {
    records.clear();
    return mrrc::read_marc_json(text.data(), text.size(), records, single);
}

std::string value(const Record& r, std::size_t field, std::size_t subfield) {
    const auto& f = r.fields.at(field);
    return std::string(r.subfield_value(r.subfields.at(f.first_subfield + subfield)));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(json_reader)

BOOST_AUTO_TEST_CASE(regular_records_land_in_the_model) {
    std::vector<Record> records;
    bool single = false;
    BOOST_REQUIRE(read("[" + kRecord + ", " + kRecord + "]\n", records, single) == JsonOutcome::kRecords);
    BOOST_TEST(!single);
    BOOST_REQUIRE_EQUAL(records.size(), 2u);
    const Record& r = records[1];
    BOOST_TEST(r.leader() == "00000nam a2200000 a 4500");
    BOOST_REQUIRE_EQUAL(r.fields.size(), 3u);
    BOOST_TEST(r.field_data(r.fields[0]) == "ocm1");
    BOOST_TEST(r.fields[1].indicator1 == '1');
    BOOST_TEST(r.fields[1].indicator2 == '0');
    BOOST_TEST(value(r, 1, 0) == "Caf\xc3\xa9 \xf0\x9f\x98\x80");
    BOOST_TEST(value(r, 1, 1) == "");
    BOOST_TEST(r.fields[2].subfield_count == 0u);
    std::string iso;
    BOOST_REQUIRE(mrrc::serialize_record(r, '\0', iso));
    BOOST_TEST(iso.find("10\x1f" "aCaf") != std::string::npos);
    BOOST_REQUIRE(read(kRecord, records, single) == JsonOutcome::kRecords);
    BOOST_TEST(single);
}

BOOST_AUTO_TEST_CASE(keys_pymarc_does_not_read_are_skipped) {
    std::vector<Record> records;
    bool single = false;
    const std::string text = R"({"extra":[1,{"x":null}],"leader":"00000nam a2200000 a 4500","fields":)"
                             R"([{"1":"x"},{"0245":{"ind1":"a","more":true,"ind2":"b","subfields":[{"a":"v"}]}}]})";
    BOOST_REQUIRE(read(text, records, single) == JsonOutcome::kRecords);
    BOOST_TEST(records[0].fields[0].tag_view() == "001");
    BOOST_TEST(records[0].fields[1].tag_view() == "245");
}

BOOST_AUTO_TEST_CASE(anything_else_is_left_to_pymarcs_steps) {
    const char* cases[] = {
        R"([{"leader":"short","fields":[]}])",                                              // leader length
        R"([{"fields":[]}])",                                                               // no leader
        R"([{"leader":"00000nam a2200000 a 4500"}])",                                       // no fields
        R"([{"leader":"00000nam a2200000 a 4500","leader":"00000nam a2200000 a 4500","fields":[]}])",  // duplicate
        R"([{"leader":"00000nam a2200000 a 4500","fields":[{"001":"a","002":"b"}]}])",      // two keys
        R"([{"leader":"00000nam a2200000 a 4500","fields":[{"001":{"ind1":" "}}]}])",       // control tag, object
        R"([{"leader":"00000nam a2200000 a 4500","fields":[{"245":"text"}]}])",             // data tag, string
        R"([{"leader":"00000nam a2200000 a 4500","fields":[{"245":{"ind1":" ","ind2":" "}}]}])",  // no subfields
        R"([{"leader":"00000nam a2200000 a 4500","fields":[{"245":{"ind1":"","ind2":" ","subfields":[]}}]}])",
        R"([{"leader":"00000nam a2200000 a 4500","fields":[{"245":{"ind1":" ","ind2":" ","subfields":[{"ab":"x"}]}}]}])",
        R"([{"leader":"00000nam a2200000 a 4500","fields":[{"245":{"ind1":" ","ind2":" ","subfields":[{"a":1}]}}]}])",
        R"([{"leader":"00000nam a2200000 a 4500","fields":[{"1234":"x"}]}])",               // long tag
        R"([{"leader":"00000nam a2200000 a 4500","fields":[{"001":"a\u001fb"}]}])",         // control character
        R"([{"leader":"00000nam a2200000 a 4500","fields":[]}] x)",                          // extra data
        R"([{"leader":"00000nam a2200000 a 4500","fields":[{"001":"\ud800"}]}])",           // lone surrogate
        R"("text")", R"(5)", R"([5])", R"([[]])", R"({})", "", "[",
    };
    for (const char* text : cases) {
        std::vector<Record> records;
        bool single = false;
        BOOST_TEST((read(text, records, single) == JsonOutcome::kIrregular), text);
        BOOST_TEST(records.empty());
    }
}

BOOST_AUTO_TEST_CASE(lines_are_read_one_record_each) {
    const std::string text = kRecord + "\n\n  \n" + R"({"leader":"x","fields":[]})" + "\n" + kRecord + "\n" + kRecord;
    std::vector<mrrc::JsonLine> lines;
    const std::size_t used = mrrc::read_marc_json_lines(text.data(), text.size(), false, 1, lines);
    BOOST_REQUIRE_EQUAL(lines.size(), 3u);  // the last line waits for its newline
    BOOST_TEST(lines[0].line_number == 1u);
    BOOST_TEST((lines[1].outcome == JsonOutcome::kIrregular));
    BOOST_TEST(lines[1].line_number == 4u);
    BOOST_TEST(lines[2].line_number == 5u);
    BOOST_TEST(used == text.size() - kRecord.size());
    lines.clear();
    mrrc::read_marc_json_lines(text.data() + used, text.size() - used, true, 6, lines);
    BOOST_REQUIRE_EQUAL(lines.size(), 1u);
    BOOST_TEST(lines[0].record.fields.size() == 3u);
}

BOOST_AUTO_TEST_SUITE_END()
