#include <boost/test/unit_test.hpp>

#include <cerrno>
#include <cstdio>
#include <string>
#include <vector>

#include "expat_support.hpp"
#include "mrrc/parser.hpp"
#include "mrrc/serializer.hpp"
#include "mrrc/xml_reader.hpp"
#include "mrrc/xml_threaded_reader.hpp"
#include "mrrc/xml_writer.hpp"
#include "support.hpp"

using mrrc::XmlFailure;
using mrrc::XmlItem;
using mrrc::XmlReader;
using mrrc::XmlReadOptions;

namespace {

struct Outcome {
    std::vector<XmlItem> items;
    mrrc::XmlError error;
    bool failed = false;
};

// Feed `xml` in pieces of `step` bytes (0: all at once).
Outcome read_xml(const std::string& xml, XmlReadOptions options = {}, std::size_t step = 0) {
    XmlReader reader(mrrc_test::system_expat(), options);
    Outcome out;
    const std::size_t piece = step == 0 ? xml.size() : step;
    for (std::size_t at = 0; at < xml.size(); at += piece) {
        const std::size_t n = std::min(piece, xml.size() - at);
        if (!reader.feed(xml.data() + at, n, false)) break;
    }
    reader.feed(nullptr, 0, true);
    for (auto& item : reader.items()) out.items.push_back(std::move(item));
    out.error = reader.error();
    out.failed = reader.failed();
    return out;
}

std::string value(const mrrc::Record& r, std::size_t field, std::size_t subfield) {
    const auto& f = r.fields.at(field);
    return std::string(r.subfield_value(r.subfields.at(f.first_subfield + subfield)));
}

const std::string kRecord =
    "<record xmlns=\"http://www.loc.gov/MARC21/slim\"><leader>00000nam a2200000 a 4500</leader>"
    "<controlfield tag=\"001\">ocm1</controlfield>"
    "<datafield tag=\"245\" ind1=\"1\" ind2=\"0\"><subfield code=\"a\">Caf\xc3\xa9 &amp; <![CDATA[<x>]]>&#x263A;</subfield>"
    "<subfield code=\"c\"></subfield></datafield></record>";

}  // namespace

BOOST_AUTO_TEST_SUITE(xml_reader)

BOOST_AUTO_TEST_CASE(record_lands_in_the_compact_model) {
    Outcome out = read_xml("<?xml version=\"1.0\"?><collection>" + kRecord + "</collection>");
    BOOST_REQUIRE(!out.failed);
    BOOST_REQUIRE_EQUAL(out.items.size(), 1u);
    const mrrc::Record& r = out.items[0].record;
    BOOST_TEST(!out.items[0].loose);
    BOOST_TEST(r.has_flag(mrrc::kFlagUtf8));
    BOOST_TEST(r.leader() == "00000nam a2200000 a 4500");
    BOOST_REQUIRE_EQUAL(r.fields.size(), 2u);
    BOOST_TEST(r.fields[0].is_control);
    BOOST_TEST(r.field_data(r.fields[0]) == "ocm1");
    BOOST_TEST(r.fields[1].tag_view() == "245");
    BOOST_TEST(r.fields[1].indicator1 == '1');
    BOOST_TEST(value(r, 1, 0) == "Caf\xc3\xa9 & <x>\xe2\x98\xba");
    BOOST_TEST(value(r, 1, 1) == "");
    // It serialises to ISO 2709 as a parsed record does.
    std::string iso;
    BOOST_REQUIRE(mrrc::serialize_record(r, '\0', iso));
    BOOST_TEST(iso.find("\x1f" "c\x1e\x1d") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(chunk_size_does_not_change_the_result) {
    const std::string xml = "<collection>" + kRecord + kRecord + "</collection>";
    Outcome whole = read_xml(xml);
    for (std::size_t step : {1u, 2u, 7u, 64u}) {
        Outcome pieces = read_xml(xml, {}, step);
        BOOST_REQUIRE_EQUAL(pieces.items.size(), 2u);
        BOOST_TEST(pieces.items[1].record.buffer == whole.items[1].record.buffer);
    }
}

BOOST_AUTO_TEST_CASE(namespaces_prefixes_and_envelopes) {
    const std::string prefixed =
        "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\"><ListRecords><record><metadata>"
        "<marc:record xmlns:marc=\"http://www.loc.gov/MARC21/slim\"><marc:leader>00000nam a2200000 a 4500</marc:leader>"
        "<marc:controlfield tag=\"001\">x</marc:controlfield></marc:record></metadata></record></ListRecords></OAI-PMH>";
    // Local names count: the envelope's <record> starts a record that the
    // inner one replaces, and its end finds none open (as in pymarc).
    Outcome loose = read_xml(prefixed);
    BOOST_REQUIRE_EQUAL(loose.items.size(), 1u);
    Outcome bare = read_xml("<record><controlfield tag=\"001\">x</controlfield></record>");
    BOOST_TEST(bare.items.size() == 1u);
    XmlReadOptions strict;
    strict.strict = true;
    Outcome only_marc = read_xml(prefixed, strict);
    BOOST_REQUIRE_EQUAL(only_marc.items.size(), 1u);
    BOOST_TEST(only_marc.items[0].record.fields.size() == 1u);
    Outcome bare_strict = read_xml("<record><controlfield tag=\"001\">x</controlfield></record>", strict);
    BOOST_TEST(bare_strict.items.empty());
    // Strict: an element outside the namespace is not there at all, not even as a text boundary.
    Outcome joined = read_xml("<record xmlns=\"http://www.loc.gov/MARC21/slim\" xmlns:o=\"urn:o\">"
                              "<datafield tag=\"245\"><subfield code=\"a\">a<o:i>b</o:i>c</subfield></datafield></record>",
                              strict);
    BOOST_REQUIRE_EQUAL(joined.items.size(), 1u);
    BOOST_TEST(value(joined.items[0].record, 0, 0) == "abc");
    Outcome cut = read_xml("<record><datafield tag=\"245\"><subfield code=\"a\">a<i>b</i>c</subfield></datafield></record>");
    BOOST_TEST(value(cut.items[0].record, 0, 0) == "c");
}

BOOST_AUTO_TEST_CASE(pymarc_rules_for_tags_codes_and_indicators) {
    Outcome out = read_xml(
        "<record><controlfield tag=\"1\">a</controlfield><datafield tag=\"0245\"><subfield code=\"\">dropped</subfield>"
        "<subfield code=\"b\">kept</subfield></datafield><datafield tag=\"001\"><subfield code=\"a\">no-op</subfield>"
        "</datafield></record>");
    BOOST_REQUIRE_EQUAL(out.items.size(), 1u);
    const XmlItem& item = out.items[0];
    // <datafield tag="001"> makes a control field with no data: the model cannot say that.
    BOOST_REQUIRE(item.loose);
    BOOST_REQUIRE_EQUAL(item.loose->fields.size(), 3u);
    BOOST_TEST(item.loose->fields[0].tag == "001");  // it fitted the model until the third field
    BOOST_TEST(item.loose->fields[0].data == "a");
    BOOST_REQUIRE_EQUAL(item.loose->fields[1].subfields.size(), 1u);
    BOOST_TEST(item.loose->fields[1].subfields[0].second == "kept");
    BOOST_TEST(item.loose->fields[2].subfields.empty());
    BOOST_TEST(!item.loose->fields[2].has_data);

    Outcome normalised = read_xml("<record><controlfield tag=\"1\">a</controlfield><datafield tag=\"0245\" ind1=\"\">"
                                  "<subfield code=\"ab\">x</subfield></datafield></record>");
    BOOST_REQUIRE(normalised.items[0].loose);
    BOOST_TEST(normalised.items[0].loose->fields[1].has_indicator1);
    BOOST_TEST(normalised.items[0].loose->fields[1].indicator1 == "");
    BOOST_TEST(!normalised.items[0].loose->fields[1].has_indicator2);

    Outcome regular = read_xml("<record><controlfield tag=\"1\">a</controlfield><datafield tag=\"0245\">"
                               "<subfield code=\"a\">x</subfield></datafield></record>");
    BOOST_REQUIRE(!regular.items[0].loose);
    BOOST_TEST(regular.items[0].record.fields[0].tag_view() == "001");
    BOOST_TEST(regular.items[0].record.fields[1].tag_view() == "245");
    BOOST_TEST(regular.items[0].record.fields[1].indicator2 == ' ');
}

BOOST_AUTO_TEST_CASE(failures_stop_reading_where_pymarc_raises) {
    Outcome short_leader = read_xml("<c><record/><record><leader>short</leader></record><record/></c>");
    BOOST_TEST(short_leader.failed);
    BOOST_TEST((short_leader.error.failure == XmlFailure::kLeaderInvalid));
    BOOST_TEST(short_leader.items.size() == 1u);
    BOOST_TEST(short_leader.error.record_index == 1u);

    Outcome no_tag = read_xml("<record><datafield ind1=\"1\"/></record>");
    BOOST_TEST((no_tag.error.failure == XmlFailure::kMissingTag));
    Outcome no_code = read_xml("<record><datafield tag=\"245\"><subfield>x</subfield></datafield></record>");
    BOOST_TEST((no_code.error.failure == XmlFailure::kMissingCode));

    Outcome syntax = read_xml("<c>\n<record></record>\n  <record><a></record></c>");
    BOOST_TEST((syntax.error.failure == XmlFailure::kSyntax));
    BOOST_TEST(std::string(syntax.error.message) == "mismatched tag");
    BOOST_TEST(syntax.error.line == 3u);
    BOOST_TEST(syntax.error.column == 15u);
    BOOST_TEST(syntax.items.size() == 1u);

    Outcome truncated = read_xml("<record><a>");
    BOOST_TEST(std::string(truncated.error.message) == "no element found");
}

BOOST_AUTO_TEST_CASE(declared_and_overridden_encodings) {
    Outcome latin1 = read_xml("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><record><datafield tag=\"245\">"
                              "<subfield code=\"a\">caf\xe9</subfield></datafield></record>");
    BOOST_REQUIRE_EQUAL(latin1.items.size(), 1u);
    BOOST_TEST(value(latin1.items[0].record, 0, 0) == "caf\xc3\xa9");
    XmlReadOptions utf8;
    utf8.encoding = "utf-8";
    Outcome overridden = read_xml("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><record><datafield tag=\"245\">"
                                  "<subfield code=\"a\">caf\xc3\xa9</subfield></datafield></record>",
                                  utf8);
    BOOST_TEST(value(overridden.items[0].record, 0, 0) == "caf\xc3\xa9");
    Outcome unknown = read_xml("<?xml version=\"1.0\" encoding=\"no-such-encoding\"?><record/>");
    BOOST_TEST(unknown.error.expat_code == mrrc::expat::kErrorUnknownEncoding);
}

BOOST_AUTO_TEST_CASE(all_loose_keeps_every_leader_unchecked) {
    XmlReadOptions options;
    options.all_loose = true;
    Outcome out = read_xml("<record><leader>x</leader><leader>y</leader></record>", options);
    BOOST_REQUIRE(!out.failed);
    BOOST_REQUIRE(out.items[0].loose);
    BOOST_TEST(out.items[0].loose->leaders.size() == 2u);
}

BOOST_AUTO_TEST_CASE(text_outside_records_is_not_kept) {
    // 8 MB of text between records never reaches a buffer (nothing would use it).
    std::string xml = "<c><x>" + std::string(8 << 20, 'z') + "</x>" + kRecord + "</c>";
    Outcome out = read_xml(xml, {}, 1 << 16);
    BOOST_REQUIRE_EQUAL(out.items.size(), 1u);
    BOOST_TEST(out.items[0].record.heap_bytes() < 4096u);
}

BOOST_AUTO_TEST_CASE(producer_thread_hands_over_every_record_then_the_failure) {
    std::string xml = "<collection>";
    for (int i = 0; i < 3000; ++i) xml += kRecord;
    const std::string good = xml + "</collection>";
    const std::string bad = xml + "<record><x></record>";
    for (const std::string* document : {&good, &bad}) {
        const std::string path = "/tmp/mrrc_xml_threaded.xml";
        std::FILE* f = std::fopen(path.c_str(), "wb");
        std::fwrite(document->data(), 1, document->size(), f);
        std::fclose(f);
        mrrc::XmlThreadedOptions options;
        options.chunk_size = 1000;
        options.queue_batches = 2;
        mrrc::XmlThreadedReader reader(mrrc_test::system_expat(), options);
        int err = 0;
        BOOST_REQUIRE(reader.open(path.c_str(), err));
        std::size_t records = 0;
        std::unique_ptr<mrrc::XmlBatch> batch;
        for (batch = reader.pop(); ; batch = reader.pop()) {
            for (const auto& item : batch->items) BOOST_TEST(item.record.record_index == records++);
            if (batch->last) break;
        }
        BOOST_TEST(records == 3000u);
        const bool failed = batch->error.failure == XmlFailure::kSyntax;
        BOOST_TEST(failed == (document == &bad));
        BOOST_TEST(reader.pop()->last);  // and again after the end
    }
}

BOOST_AUTO_TEST_CASE(producer_thread_stops_when_closed_early) {
    std::string xml = "<collection>";
    for (int i = 0; i < 20000; ++i) xml += kRecord;
    xml += "</collection>";
    const std::string path = "/tmp/mrrc_xml_threaded_close.xml";
    std::FILE* f = std::fopen(path.c_str(), "wb");
    std::fwrite(xml.data(), 1, xml.size(), f);
    std::fclose(f);
    mrrc::XmlThreadedOptions options;
    options.chunk_size = 4096;
    mrrc::XmlThreadedReader reader(mrrc_test::system_expat(), options);
    int err = 0;
    BOOST_REQUIRE(reader.open(path.c_str(), err));
    BOOST_TEST(!reader.pop()->items.empty());
    reader.close();  // joins although the producer was waiting for space
    int missing = 0;
    mrrc::XmlThreadedReader absent(mrrc_test::system_expat(), options);
    BOOST_TEST(!absent.open("/nonexistent/file.xml", missing));
    BOOST_TEST(missing == ENOENT);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(xml_writer)

BOOST_AUTO_TEST_CASE(writes_what_elementtree_writes) {
    Outcome in = read_xml(kRecord);
    std::string utf8, ascii;
    BOOST_REQUIRE(mrrc::write_record_xml(in.items[0].record, in.items[0].record.leader(), {}, utf8));
    BOOST_TEST(utf8 ==
               "<record><leader>00000nam a2200000 a 4500</leader><controlfield tag=\"001\">ocm1</controlfield>"
               "<datafield ind1=\"1\" ind2=\"0\" tag=\"245\"><subfield code=\"a\">Caf\xc3\xa9 &amp; &lt;x&gt;\xe2\x98\xba"
               "</subfield><subfield code=\"c\" /></datafield></record>");
    mrrc::XmlWriteOptions options;
    options.ascii = true;
    options.namespace_attributes = true;
    BOOST_REQUIRE(mrrc::write_record_xml(in.items[0].record, in.items[0].record.leader(), options, ascii));
    BOOST_TEST(ascii.find("Caf&#233; &amp; &lt;x&gt;&#9786;") != std::string::npos);
    BOOST_TEST(ascii.rfind("<record xmlns=\"http://www.loc.gov/MARC21/slim\" xmlns:xsi=", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(attributes_escape_quotes_and_line_ends) {
    mrrc::Record r;
    mrrc::ParseError e;
    const std::string bytes = mrrc_test::make_record({{"2\"5", "\t<\x1f" "&\n\"\r"}});
    BOOST_REQUIRE(mrrc::parse_record(bytes.data(), bytes.size(), mrrc::ParseOptions{}, r, e));
    std::string out;
    BOOST_REQUIRE(mrrc::write_record_xml(r, "L\"<", {}, out));
    BOOST_TEST(out == "<record><leader>L\"&lt;</leader><datafield ind1=\"&#09;\" ind2=\"&lt;\" tag=\"2&quot;5\">"
                      "<subfield code=\"&amp;\">\n\"\r</subfield></datafield></record>");
}

BOOST_AUTO_TEST_SUITE_END()
