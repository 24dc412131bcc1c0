// ParseOptions::defer_ascii_subfields: a record read with its ASCII fields'
// subfields left for later says exactly what one read without it says, once
// listed, and serialises to the same bytes whether listed or not.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "mrrc/byte_search.hpp"
#include "mrrc/parser.hpp"
#include "mrrc/serializer.hpp"
#include "mrrc/stream_reader.hpp"
#include "mrrc/field_value.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using mrrc::ParseError;
using mrrc::ParseOptions;
using mrrc::Record;

namespace {

// Every field as (tag, indicators, [code + value...]) text, from its spans.
std::vector<std::string> described(const Record& r) {
    std::vector<std::string> out;
    for (const auto& f : r.fields) {
        std::string d(f.tag_view());
        d += f.is_control ? "=" + std::string(r.field_data(f)) : std::string{f.indicator1, f.indicator2};
        for (std::uint32_t k = 0; k < f.subfield_count; ++k) {
            const auto& s = r.subfields[f.first_subfield + k];
            d += '|';
            d += r.subfield_code(s);
            d += r.subfield_value(s);
        }
        out.push_back(d);
    }
    return out;
}

// pymarc's value() of data field `f`, from its listed spans: each value
// stripped of ASCII white space, joined by spaces.
std::string listed_value(const Record& r, const mrrc::FieldSpan& f) {
    const std::string space(" \t\n\v\f\r\x1c\x1d\x1e\x1f");
    std::string out;
    for (std::uint32_t k = 0; k < f.subfield_count; ++k) {
        std::string value(r.subfield_value(r.subfields[f.first_subfield + k]));
        value.erase(0, std::min(value.size(), value.find_first_not_of(space)));
        value.erase(value.find_last_not_of(space) + 1);
        if (k) out += ' ';
        out += value;
    }
    return out;
}

// Every pending field's value made from its bytes, against field `i` of `listed`.
void same_values_unlisted(const Record& pending, const Record& listed, const std::string& where) {
    for (std::size_t i = 0; i < pending.fields.size(); ++i) {
        const auto& f = pending.fields[i];
        if (!f.subfields_pending) continue;
        std::string out(f.data_length + mrrc::kValuePadding, '\0');
        out.resize(mrrc::join_unlisted_values(pending, f, out.data()));
        BOOST_TEST(out == listed_value(listed, listed.fields[i]), where << " field " << i);
    }
}

std::string checked_bytes(const Record& r) {
    std::string out(mrrc::serialized_size_bound(r, r.leader()), '\0');
    mrrc::Iso2709Overflow overflow;
    out.resize(mrrc::serialize_checked(r, r.leader(), out.data(), overflow, false));
    return out;
}

std::string plain_bytes(const Record& r) {
    std::string out;
    BOOST_REQUIRE(mrrc::serialize_record(r, '\0', out));
    return out;
}

// Parsed both ways: the same outcome, the same bytes written (unlisted and
// listed), the same spans once listed. Returns whether any field was deferred.
bool same_both_ways(const std::string& bytes, const std::string& where) {
    ParseOptions eager, lazy;
    lazy.defer_ascii_subfields = true;
    Record a, b;
    ParseError ea, eb;
    const bool ok = mrrc::parse_record(bytes.data(), bytes.size(), eager, a, ea);
    BOOST_TEST(mrrc::parse_record(bytes.data(), bytes.size(), lazy, b, eb) == ok, where);
    BOOST_TEST(static_cast<int>(ea.code) == static_cast<int>(eb.code), where);
    if (!ok) return false;
    const bool deferred = b.has_flag(mrrc::kFlagSubfieldsPending);
    BOOST_TEST(checked_bytes(b) == checked_bytes(a), where);
    BOOST_TEST(plain_bytes(b) == plain_bytes(a), where);
    same_values_unlisted(b, a, where);
    if (b.fields.size() > 1) mrrc::list_pending_subfields(b, b.fields.size() - 1);  // one field first
    mrrc::list_pending_subfields(b);
    BOOST_TEST(!b.has_flag(mrrc::kFlagSubfieldsPending), where);
    BOOST_TEST(described(b) == described(a), where);
    BOOST_TEST(checked_bytes(b) == checked_bytes(a), where);
    return deferred;
}

// The record with directory entries `i` and `j` swapped (fields out of order)
// or, with `copy`, entry `j` made a copy of entry `i` (two fields, one data).
std::string with_entries(std::string record, std::size_t i, std::size_t j, bool copy) {
    const std::size_t a = 24 + 12 * i, b = 24 + 12 * j;
    const std::string first = record.substr(a, 12), second = record.substr(b, 12);
    record.replace(b, 12, first);
    if (!copy) record.replace(a, 12, second);
    return record;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(deferred_subfields)

BOOST_AUTO_TEST_CASE(empty_chunks_indicators_and_window_edges) {
    const std::string long_value(61, 'x');  // puts a pair of delimiters across a 64-byte window
    const std::vector<std::string> bodies = {
        "10\x1f" "aTitle\x1f" "bmore",
        "10\x1f\x1f" "aafter an empty chunk",
        "10\x1f" "atrailing delimiter\x1f",
        "10",                       // no subfields
        "10\x1f",                   // a lone delimiter
        "1\x1f" "aone indicator",
        "\x1f" "ano indicators",
        "123\x1f" "athree indicators",
        "10\x1f" "a\x1f" "b",          // a code without a value
        "10\x1f" "a" + long_value + "\x1f\x1f" "bacross the window",
        "10\x1f" "a" + long_value + "\x1f" "b" + long_value + long_value + "\x1f",
    };
    for (const auto& body : bodies) {
        const std::string record = mrrc_test::make_record({{"001", "id"}, {"245", body}, {"500", "  \x1f" "anote"}});
        BOOST_TEST(same_both_ways(record, body));
        same_both_ways(with_entries(record, 1, 2, false), "out of order: " + body);
        same_both_ways(with_entries(record, 2, 1, true), "sharing data: " + body);
        same_both_ways(with_entries(record, 1, 2, true), "sharing data: " + body);
    }
}

BOOST_AUTO_TEST_CASE(only_ascii_fields_of_utf8_records_wait) {
    ParseOptions lazy;
    lazy.defer_ascii_subfields = true;
    Record r;
    ParseError e;
    const std::string marc8 = mrrc_test::make_record({{"245", "10\x1f" "aTitle"}}, ' ');
    BOOST_REQUIRE(mrrc::parse_record(marc8.data(), marc8.size(), lazy, r, e));
    BOOST_TEST(!r.has_flag(mrrc::kFlagSubfieldsPending));
    const std::string utf8 = mrrc_test::make_record({{"245", "10\x1f" "aCaf\xc3\xa9"}, {"500", "  \x1f" "aASCII"}});
    BOOST_REQUIRE(mrrc::parse_record(utf8.data(), utf8.size(), lazy, r, e));
    BOOST_TEST(!r.has_flag(mrrc::kFlagSubfieldsPending));  // the data area is not ASCII: every value is checked
    BOOST_TEST(same_both_ways(utf8, "utf8") == false);
}

BOOST_AUTO_TEST_CASE(has_empty_subfield_finds_pairs_and_a_trailing_delimiter) {
    std::string bytes(200, 'a');
    BOOST_TEST(!mrrc::has_empty_subfield(bytes.data(), 0, bytes.size()));
    bytes[63] = bytes[64] = '\x1f';  // across the first window's edge
    BOOST_TEST(mrrc::has_empty_subfield(bytes.data(), 0, bytes.size()));
    BOOST_TEST(!mrrc::has_empty_subfield(bytes.data(), 64, bytes.size()));
    BOOST_TEST(!mrrc::has_empty_subfield(bytes.data(), 0, 63));
    BOOST_TEST(mrrc::has_empty_subfield(bytes.data(), 0, 64));  // ends on a delimiter
    for (std::size_t from = 40; from < 64; ++from)  // every length of the last step, the pair in it or not
        for (std::size_t end = from + 1; end <= 90; ++end)
            BOOST_TEST(mrrc::has_empty_subfield(bytes.data(), from, end) == (end >= 64), from << "-" << end);
    bytes[199] = '\x1f';
    BOOST_TEST(mrrc::has_empty_subfield(bytes.data(), 100, 200));
}

BOOST_AUTO_TEST_CASE(every_corpus_record_the_same_both_ways) {
    std::size_t records = 0, deferred = 0;
    for (const auto& entry : fs::recursive_directory_iterator(MRRC_TEST_DATA_DIR)) {
        const auto ext = entry.path().extension().string();
        if (ext != ".mrc" && ext != ".dat" && ext != ".marc" && ext != ".usmarc") continue;
        const std::string bytes = mrrc_test::read_file(entry.path().string());
        mrrc::StreamReader reader{ParseOptions{}};
        reader.attach_memory(bytes.data(), bytes.size());
        std::vector<mrrc::ReadItem> items;
        while (reader.next_batch(items, 64, 1u << 20) == mrrc::StreamReader::Status::kItems) {
        }
        for (const auto& item : items) {
            ++records;
            if (same_both_ways(item.record.buffer, entry.path().string())) ++deferred;
        }
    }
    BOOST_TEST(records > 1000u);
    BOOST_TEST(deferred > 100u);
}

BOOST_AUTO_TEST_SUITE_END()
