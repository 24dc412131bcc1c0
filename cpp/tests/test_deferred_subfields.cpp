// ParseOptions::defer_subfields: a record read with the subfields of fields
// that have nothing to check left for later says exactly what one read without it says, once
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
    lazy.defer_subfields = true;
    Record a, b;
    ParseError ea, eb;
    const bool ok = mrrc::parse_record(bytes.data(), bytes.size(), eager, a, ea);
    BOOST_TEST(mrrc::parse_record(bytes.data(), bytes.size(), lazy, b, eb) == ok, where);
    BOOST_TEST(static_cast<int>(ea.code) == static_cast<int>(eb.code), where);
    BOOST_TEST(ea.field_index == eb.field_index, where);  // (set on success too: the last entry)
    BOOST_TEST(ea.subfield_index == eb.subfield_index, where);
    BOOST_TEST(ea.offset_in_record == eb.offset_in_record, where);
    BOOST_TEST(ea.span_begin == eb.span_begin, where);
    BOOST_TEST(ea.span_end == eb.span_end, where);
    BOOST_TEST(a.fields.size() == b.fields.size(), where);  // (a failed record keeps the fields before the bad one)
    if (!ok) return false;
    const bool deferred = b.has_flag(mrrc::kFlagSubfieldsPending);
    BOOST_TEST((a.flags | mrrc::kFlagSubfieldsPending) == (b.flags | mrrc::kFlagSubfieldsPending), where);
    for (std::size_t i = 0; i < a.fields.size() && i < b.fields.size(); ++i) {
        const auto &x = a.fields[i], &y = b.fields[i];
        BOOST_TEST(x.tag_view() == y.tag_view(), where << " field " << i);
        BOOST_TEST(x.is_control == y.is_control, where << " field " << i);
        BOOST_TEST(x.indicator1 == y.indicator1, where << " field " << i);
        BOOST_TEST(x.indicator2 == y.indicator2, where << " field " << i);
        BOOST_TEST(x.indicator_bytes == y.indicator_bytes, where << " field " << i);
        BOOST_TEST(x.data_offset == y.data_offset, where << " field " << i);
        BOOST_TEST(x.data_length == y.data_length, where << " field " << i);
        if (!y.subfields_pending) BOOST_TEST(x.subfield_count == y.subfield_count, where << " field " << i);
    }
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

// Which fields of a record wait, read the Python reader's way (empty when it fails).
std::vector<bool> waiting(const std::string& bytes, bool validate_text = true) {
    ParseOptions lazy;
    lazy.defer_subfields = true;
    lazy.validate_text = validate_text;
    Record r;
    ParseError e;
    std::vector<bool> out;
    if (!mrrc::parse_record(bytes.data(), bytes.size(), lazy, r, e)) return out;
    for (const auto& f : r.fields) out.push_back(f.subfields_pending);
    return out;
}

BOOST_AUTO_TEST_CASE(fields_with_nothing_to_check_wait) {
    using Flags = std::vector<bool>;
    const std::string marc8 = mrrc_test::make_record({{"245", "10\x1f" "aTitle"}}, ' ');
    BOOST_TEST(waiting(marc8) == Flags{false});

    // A valid UTF-8 data area with ASCII codes: every field with two indicators waits.
    const std::string utf8 = mrrc_test::make_record({{"001", "id"},
                                                     {"245", "10\x1f" "aCaf\xc3\xa9\x1f" "b\xe4\xb8\xad"},
                                                     {"500", "  \x1f" "aASCII"},
                                                     {"880", "10\x1f" "6245-01\x1f" "a\xd0\x9c\xf0\x9f\x98\x80"},
                                                     {"520", "1\x1f" "aone indicator \xc3\xa9"}});
    BOOST_TEST(waiting(utf8) == (Flags{false, true, true, true, false}));
    BOOST_TEST(same_both_ways(utf8, "utf8"));
    BOOST_TEST(waiting(utf8, false) == (Flags{false, false, false, false, false}));  // text not checked

    // A subfield code that is not ASCII anywhere in the area: pymarc's odd
    // path, so every value is checked now.
    const std::string coded = mrrc_test::make_record({{"245", "10\x1f" "aCaf\xc3\xa9"}, {"500", "  \x1f\xc3\xa9x"}});
    BOOST_TEST(waiting(coded) == (Flags{false, false}));
    BOOST_TEST(!same_both_ways(coded, "non-ASCII code"));

    // Invalid UTF-8 in the area: the same error either way.
    const std::string bad = mrrc_test::make_record({{"500", "  \x1f" "aok"}, {"245", "10\x1f" "aCaf\xc3"}});
    BOOST_TEST(waiting(bad).empty());
    same_both_ways(bad, "invalid");

    // A field whose entry ends inside a character is checked now (and fails as
    // pymarc fails); a field cut after a whole character may wait.
    std::string cut = mrrc_test::make_record({{"245", "10\x1f" "aCaf\xc3\xa9"}, {"500", "  \x1f" "anote"}});
    cut.replace(24 + 3, 4, "0009");  // 245's length 0010 -> 0009: its value ends between 0xC3 and 0xA9
    BOOST_TEST(waiting(cut).empty());
    same_both_ways(cut, "cut inside a character");
    std::string whole = mrrc_test::make_record({{"245", "10\x1f" "aCaf\xc3\xa9x"}, {"500", "  \x1f" "anote"}});
    whole.replace(24 + 3, 4, "0010");  // 245's length 0011 -> 0010: "x" left out, the character whole
    BOOST_TEST(waiting(whole) == (Flags{true, true}));
    BOOST_TEST(same_both_ways(whole, "cut after a character"));

    // An indicator that is not ASCII: the same error either way.
    const std::string indicator = mrrc_test::make_record({{"245", "\xc3\xa9\x1f" "aCaf\xc3\xa9"}});
    BOOST_TEST(waiting(indicator).empty());
    same_both_ways(indicator, "indicator");
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

BOOST_AUTO_TEST_CASE(has_empty_subfield_agrees_with_a_plain_loop_everywhere) {
    auto plain = [](const std::string& b, std::size_t from, std::size_t end) {
        for (std::size_t i = from; i < end; ++i)
            if (b[i] == '\x1f' && (i + 1 == end || b[i + 1] == '\x1f')) return true;
        return false;
    };
    for (std::size_t pair = 0; pair < 120; ++pair) {  // one pair of delimiters at each place, lone ones around it
        std::string bytes(130, 'a');
        for (std::size_t k = 3; k < bytes.size(); k += 7) bytes[k] = '\x1f';
        bytes[pair] = bytes[pair + 1] = '\x1f';
        for (std::size_t from = 0; from < 100; ++from)
            for (std::size_t end = from; end <= bytes.size(); ++end)
                BOOST_TEST_REQUIRE(mrrc::has_empty_subfield(bytes.data(), from, end) == plain(bytes, from, end),
                                   pair << ": " << from << "-" << end);
    }
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
