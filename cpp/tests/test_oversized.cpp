// Oversized reading: records and fields past the ISO 2709 limits, delimited by
// their terminators (ScanOptions::oversized, ParseOptions::oversized).
#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>
#include <vector>

#include "mrrc/marc8_writer.hpp"
#include "mrrc/parallel_reader.hpp"
#include "mrrc/parser.hpp"
#include "mrrc/scanner.hpp"
#include "mrrc/serializer.hpp"
#include "mrrc/stream_reader.hpp"
#include "support.hpp"

using mrrc::ErrorCode;
using mrrc::ParseOptions;
using mrrc::ReadItem;
using mrrc::ScanOptions;
using mrrc::ScanStatus;
using mrrc::StreamReader;
using mrrc_test::Lengths;

namespace {

const Lengths kConventions[] = {Lengths::kZeros, Lengths::kNines, Lengths::kWrapped, Lengths::kTooSmall};

/// About 120 KB: a 505 of 30,000 bytes, many 856s, one 520 of 12,000.
std::string big_record(Lengths lengths) {
    std::vector<mrrc_test::FieldSpec> fields = {{"001", "big0001"},
                                                {"245", "00\x1f" "aA very long record"},
                                                {"505", mrrc_test::long_contents(30000)}};
    for (int i = 0; i < 900; ++i) {
        fields.push_back({"856", "40\x1f" "uhttps://example.org/volume/" + std::to_string(i) + "/contents.pdf\x1f" "3v." +
                                     std::to_string(i)});
    }
    fields.push_back({"520", "  \x1f" "a" + std::string(12000, 'x')});
    return mrrc_test::make_oversized_record(fields, lengths);
}

ScanOptions oversized_scan() {
    ScanOptions scan;
    scan.oversized = true;
    return scan;
}

ParseOptions oversized_parse() {
    ParseOptions options;
    options.oversized = true;
    return options;
}

std::vector<ReadItem> read_all(const std::string& data, ParseOptions options, std::size_t piece = 0) {
    StreamReader reader(options, 4096);
    std::vector<ReadItem> items;
    std::size_t at = 0;
    if (piece == 0) reader.attach_memory(data.data(), data.size());
    for (;;) {
        const auto status = reader.next_batch(items, 7, 1u << 20);
        if (status == StreamReader::Status::kNeedInput) {
            if (at >= data.size()) {
                reader.finish_input();
            } else {
                const std::size_t n = std::min(piece, data.size() - at);
                reader.feed(data.data() + at, n);
                at += n;
            }
            continue;
        }
        if (status != StreamReader::Status::kItems) break;
    }
    return items;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(oversized)

BOOST_AUTO_TEST_CASE(good_records_are_delimited_as_without_the_option) {
    const std::string a = mrrc_test::sample_record();
    const std::string stream = a + a;
    const auto plain = mrrc::scan_record(stream.data(), stream.size(), 0, true);
    const auto scanned = mrrc::scan_record(stream.data(), stream.size(), 0, true, oversized_scan());
    BOOST_TEST((scanned.status == ScanStatus::kRecord));
    BOOST_TEST(scanned.end == plain.end);
    BOOST_TEST(!scanned.by_terminator);
    mrrc::Record r;
    mrrc::ParseError e;
    BOOST_TEST(mrrc::parse_record(a.data(), a.size(), oversized_parse(), r, e));
    BOOST_TEST(r.flags == (mrrc::kFlagUtf8 | mrrc::kFlagAscii | mrrc::kFlagValidUtf8Text));
}

BOOST_AUTO_TEST_CASE(each_length_convention_is_delimited_by_its_terminator) {
    const std::string small = mrrc_test::sample_record();
    for (Lengths lengths : kConventions) {
        const std::string big = big_record(lengths);
        BOOST_TEST(big.size() > 100000u);
        const std::string stream = small + big + big + small;
        std::size_t pos = small.size();
        for (int i = 0; i < 2; ++i) {
            const auto r = mrrc::scan_record(stream.data(), stream.size(), pos, true, oversized_scan());
            BOOST_TEST((r.status == ScanStatus::kRecord));
            BOOST_TEST(r.end == pos + big.size());
            BOOST_TEST(r.by_terminator);
            pos = r.end;
        }
        mrrc::Record record;
        mrrc::ParseError error;
        BOOST_TEST(mrrc::parse_record(big.data(), big.size(), oversized_parse(), record, error));
        BOOST_TEST(record.fields.size() == 904u);
        BOOST_TEST(record.has_flag(mrrc::kFlagDelimitedField));
        BOOST_TEST(record.field_data(record.fields[2]) == mrrc_test::long_contents(30000));
        BOOST_TEST(record.field_data(record.fields[903]).size() == 12004u);
        BOOST_TEST(record.field_data(record.fields[500]).substr(0, 4) == std::string("40\x1f" "u"));
    }
}

BOOST_AUTO_TEST_CASE(a_length_that_passes_over_a_record_end_is_not_trusted) {
    const std::string a = mrrc_test::sample_record();
    std::string first = a;
    const std::string both_lengths = std::to_string(2 * a.size());
    first.replace(0, 5, std::string(5 - both_lengths.size(), '0') + both_lengths);  // covers the next record too
    const std::string stream = first + a + a;
    const auto plain = mrrc::scan_record(stream.data(), stream.size(), 0, true);
    BOOST_TEST(plain.end == 2 * a.size());  // pymarc takes both
    const auto r = mrrc::scan_record(stream.data(), stream.size(), 0, true, oversized_scan());
    BOOST_TEST(r.end == a.size());
    BOOST_TEST(r.by_terminator);
}

BOOST_AUTO_TEST_CASE(a_lone_terminator_inside_a_value_is_passed_over) {
    std::string big = mrrc_test::make_oversized_record({{"245", "00\x1f" "aBefore\x1d" "after"}}, Lengths::kZeros);
    big.replace(0, 5, "00000");
    const std::string stream = big + mrrc_test::sample_record();
    const auto r = mrrc::scan_record(stream.data(), stream.size(), 0, true, oversized_scan());
    BOOST_TEST(r.end == big.size());
}

BOOST_AUTO_TEST_CASE(a_record_without_its_field_terminator_does_not_swallow_the_next) {
    std::string damaged = mrrc_test::sample_record();
    damaged.erase(damaged.size() - 2, 1);  // the last field's 0x1E
    damaged.replace(0, 5, "00000");
    const std::string good = mrrc_test::sample_record();
    const std::string stream = damaged + good;
    const auto r = mrrc::scan_record(stream.data(), stream.size(), 0, true, oversized_scan());
    BOOST_TEST(r.end == damaged.size());
    const auto next = mrrc::scan_record(stream.data(), stream.size(), r.end, true, oversized_scan());
    BOOST_TEST(next.end == stream.size());
    BOOST_TEST(!next.by_terminator);
}

BOOST_AUTO_TEST_CASE(scanning_is_bounded) {
    std::string endless = "00000nam a2200025 a 4500\x1e" + std::string(5000, 'x');
    ScanOptions scan = oversized_scan();
    scan.max_record_bytes = 1000;
    auto r = mrrc::scan_record(endless.data(), endless.size(), 0, false, scan);
    BOOST_TEST((r.status == ScanStatus::kError && r.error == ErrorCode::kEndOfRecordNotFound));
    BOOST_TEST(r.end == 1000u);
    r = mrrc::scan_record(endless.data(), 900, 0, false, scan);
    BOOST_TEST((r.status == ScanStatus::kNeedMore));
    r = mrrc::scan_record(endless.data(), endless.size(), 0, true, oversized_scan());
    BOOST_TEST((r.status == ScanStatus::kError && r.error == ErrorCode::kEndOfRecordNotFound));
    BOOST_TEST(r.end == endless.size());
}

// Fed in pieces, the bytes give what they give whole, wherever they are cut:
// short of a leader, the scan waits (a fuzz finding: a start that is not a
// number was judged at once on fewer than 24 bytes, and as the start of a
// search for a terminator on 24).
BOOST_AUTO_TEST_CASE(a_cut_before_the_leader_ends_changes_nothing) {
    const std::string inputs[] = {std::string("\x1e\x1d\x1f\x1d\x1e\x1d\x1e\x1d\x1e\x1d\x1f" "bs\x1e\x1d\x1e\x1d\x1e\x1d" "b\x1e\x1d\x1e\x1d"),
                                  "abcde" + mrrc_test::make_record({{"245", "10\x1f" "ax"}}), "12"};
    for (const std::string& input : inputs) {
        const auto whole = mrrc::scan_record(input.data(), input.size(), 0, true, oversized_scan());
        for (std::size_t cut = 0; cut < input.size(); ++cut) {
            const auto part = mrrc::scan_record(input.data(), cut, 0, false, oversized_scan());
            if (part.status == ScanStatus::kNeedMore) continue;
            BOOST_TEST((part.status == whole.status && part.error == whole.error && part.end == whole.end),
                       "cut at " << cut << " of " << input.size());
        }
    }
}

BOOST_AUTO_TEST_CASE(record_starts_follow_the_option) {
    const std::string big = big_record(Lengths::kZeros);
    const std::string stream = big + big;
    BOOST_TEST(mrrc::find_record_start(stream.data(), stream.size(), 1) == stream.size());  // base >= length
    BOOST_TEST(mrrc::find_record_start(stream.data(), stream.size(), 1, oversized_scan()) == big.size());
    BOOST_TEST(mrrc::looks_like_leader(big.data(), big.size()));
    BOOST_TEST(!mrrc::looks_like_leader("00000", 5));
}

BOOST_AUTO_TEST_CASE(fields_are_delimited_only_where_their_entries_cannot_be_right) {
    // An unordered directory (marc4j's unordered-directory-entries) is right as it is.
    std::string a = mrrc_test::make_record({{"001", "one"}, {"245", "00\x1f" "aTwo"}});
    const std::string dir1 = a.substr(24, 12), dir2 = a.substr(36, 12);
    std::string swapped = a;
    swapped.replace(24, 24, dir2 + dir1);
    mrrc::Record r;
    mrrc::ParseError e;
    BOOST_TEST(mrrc::parse_record(swapped.data(), swapped.size(), oversized_parse(), r, e));
    BOOST_TEST(!r.has_flag(mrrc::kFlagDelimitedField));
    BOOST_TEST(r.field_data(r.fields[0]) == std::string("00\x1f" "aTwo"));
    // A length that is too small, and one that is not a number.
    std::string wrong = a;
    wrong.replace(36 + 3, 4, "0002");
    BOOST_TEST(mrrc::parse_record(wrong.data(), wrong.size(), oversized_parse(), r, e));
    BOOST_TEST(r.has_flag(mrrc::kFlagDelimitedField));
    BOOST_TEST(r.field_data(r.fields[1]) == std::string("00\x1f" "aTwo"));
    wrong.replace(36 + 3, 4, "abcd");
    BOOST_TEST(mrrc::parse_record(wrong.data(), wrong.size(), oversized_parse(), r, e));
    BOOST_TEST(r.field_data(r.fields[1]) == std::string("00\x1f" "aTwo"));
    BOOST_TEST(!mrrc::parse_record(wrong.data(), wrong.size(), ParseOptions{}, r, e));
    BOOST_TEST((e.code == ErrorCode::kDirectoryEntryNotNumeric));
}

BOOST_AUTO_TEST_CASE(readers_flag_what_they_rescued_and_agree) {
    const std::string small = mrrc_test::sample_record();
    std::string damaged = small;
    damaged.replace(12, 5, "abcde");  // a base address that is not a number
    std::string stream;
    for (Lengths lengths : kConventions) stream += big_record(lengths);
    stream += small + big_record(Lengths::kZeros) + damaged + small + big_record(Lengths::kWrapped);
    const auto items = read_all(stream, oversized_parse());
    BOOST_TEST_REQUIRE(items.size() == 9u);
    const int delimited[] = {1, 1, 1, 1, 0, 1, 0, 0, 1};
    for (std::size_t i = 0; i < items.size(); ++i) {
        BOOST_TEST(items[i].record.has_flag(mrrc::kFlagDelimitedRecord) == (delimited[i] == 1));
        BOOST_TEST((items[i].error.code == (i == 6 ? ErrorCode::kBaseAddressNotNumeric : ErrorCode::kOk)));
        BOOST_TEST(items[i].record.record_index == i);
    }
    for (std::size_t piece : {997u, 65536u}) {
        const auto fed = read_all(stream, oversized_parse(), piece);
        BOOST_TEST_REQUIRE(fed.size() == items.size());
        for (std::size_t i = 0; i < fed.size(); ++i) {
            BOOST_TEST(fed[i].record.buffer == items[i].record.buffer);
            BOOST_TEST(fed[i].record.flags == items[i].record.flags);
        }
    }
    mrrc::ThreadedReaderOptions options;
    options.parse = oversized_parse();
    options.batch_records = 2;
    mrrc::ParallelReader parallel(options, 3);
    BOOST_TEST_REQUIRE(parallel.attach(stream.data(), stream.size()));
    std::vector<ReadItem> out;
    for (;;) {
        std::unique_ptr<mrrc::Batch> b = parallel.pop();
        for (auto& item : b->items) out.push_back(std::move(item));
        if (b->status != StreamReader::Status::kItems) break;
    }
    BOOST_TEST_REQUIRE(out.size() == items.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
        BOOST_TEST(out[i].record.flags == items[i].record.flags);
        BOOST_TEST(out[i].record.fields.size() == items[i].record.fields.size());
    }
    // Without the option the first record already ends the stream, as pymarc's would.
    const auto plain = read_all(stream, ParseOptions{});
    BOOST_TEST(plain.size() <= 2u);
}

BOOST_AUTO_TEST_CASE(allow_oversized_writes_zeros_that_oversized_reading_reads_back) {
    const std::string big = big_record(Lengths::kNines);
    mrrc::Record record;
    mrrc::ParseError error;
    BOOST_TEST_REQUIRE(mrrc::parse_record(big.data(), big.size(), oversized_parse(), record, error));
    std::string out(mrrc::serialized_size_bound(record, record.leader()), '\0');
    mrrc::Iso2709Overflow overflow;
    out.resize(mrrc::serialize_checked(record, record.leader(), &out[0], overflow));
    BOOST_TEST((overflow.kind == mrrc::Iso2709Overflow::kFieldTooLong));  // refused without the option
    out.assign(mrrc::serialized_size_bound(record, record.leader()), '\0');
    out.resize(mrrc::serialize_checked(record, record.leader(), &out[0], overflow, true));
    BOOST_TEST((overflow.kind == mrrc::Iso2709Overflow::kFieldTooLong));  // still said
    BOOST_TEST(out.substr(0, 5) == "00000");                     // the record length does not fit
    BOOST_TEST(out.substr(24 + 2 * 12 + 3, 4) == "0000");        // nor the 505's length
    BOOST_TEST(out == big_record(Lengths::kZeros));              // ruby-marc's convention exactly
    mrrc::Record again;
    BOOST_TEST_REQUIRE(mrrc::parse_record(out.data(), out.size(), oversized_parse(), again, error));
    BOOST_TEST(again.fields.size() == record.fields.size());
    for (std::size_t i = 0; i < again.fields.size(); ++i) {
        BOOST_TEST(again.field_data(again.fields[i]) == record.field_data(record.fields[i]));
    }
    std::string marc8;
    BOOST_TEST((mrrc::serialize_marc8(record, record.leader(), marc8, overflow) == mrrc::Marc8Write::kOverflow));
    BOOST_TEST((mrrc::serialize_marc8(record, record.leader(), marc8, overflow, true) == mrrc::Marc8Write::kWritten));
    BOOST_TEST(marc8.substr(0, 9) == out.substr(0, 9));
    BOOST_TEST(marc8.size() == out.size());
}

BOOST_AUTO_TEST_SUITE_END()
