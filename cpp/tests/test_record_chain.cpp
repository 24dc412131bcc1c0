#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "mrrc/record_chain.hpp"
#include "mrrc/scanner.hpp"
#include "support.hpp"

using mrrc::ChainStatus;
using mrrc::ErrorCode;
using mrrc::follow_records;

BOOST_AUTO_TEST_SUITE(record_chain)

namespace {
std::string three_records(std::vector<std::size_t>& starts) {
    const std::string a = mrrc_test::sample_record();
    const std::string b = mrrc_test::make_record({{"001", "second"}, {"245", "  \x1f" "aTitle"}});
    const std::string c = mrrc_test::make_record({{"001", "third"}});
    starts = {0, a.size(), a.size() + b.size(), a.size() + b.size() + c.size()};
    return a + b + c;
}
}  // namespace

BOOST_AUTO_TEST_CASE(stops_at_the_first_record_starting_past_the_stop) {
    std::vector<std::size_t> starts;
    const std::string s = three_records(starts);
    for (std::size_t stop = 1; stop <= s.size(); ++stop) {
        const auto r = follow_records(s.data(), s.size(), 0, stop, true);
        std::size_t expected = 0, passed = 0;
        while (starts[expected] < stop) ++expected, ++passed;
        BOOST_TEST((r.status == ChainStatus::kPassed), "stop " << stop);
        BOOST_TEST(r.pos == starts[expected]);
        BOOST_TEST(r.records == passed);
    }
    const auto past = follow_records(s.data(), s.size(), 0, s.size() + 10, true);
    BOOST_TEST((past.status == ChainStatus::kEnd));
    BOOST_TEST(past.pos == s.size());
    BOOST_TEST(past.records == 3u);
}

BOOST_AUTO_TEST_CASE(a_record_cut_by_the_data_asks_for_more) {
    std::vector<std::size_t> starts;
    const std::string s = three_records(starts);
    const auto r = follow_records(s.data(), starts[1] + 10, 0, starts[2], false);
    BOOST_TEST((r.status == ChainStatus::kNeedMore));
    BOOST_TEST(r.pos == starts[1]);
    BOOST_TEST(r.records == 1u);
    const auto at_end = follow_records(s.data(), starts[1] + 10, 0, starts[2], true);
    BOOST_TEST((at_end.status == ChainStatus::kError && at_end.error == ErrorCode::kTruncatedRecord));
    BOOST_TEST(at_end.error_end == starts[1] + 10);
}

BOOST_AUTO_TEST_CASE(a_fatal_error_ends_the_chain_where_the_reader_stops) {
    std::vector<std::size_t> starts;
    std::string s = three_records(starts);
    s[starts[1] + 2] = 'x';  // second record's length is not a number
    const auto r = follow_records(s.data(), s.size(), 0, s.size(), true);
    BOOST_TEST((r.status == ChainStatus::kError && r.error == ErrorCode::kRecordLengthInvalid));
    BOOST_TEST(r.pos == starts[1]);
    BOOST_TEST(r.error_end == starts[1] + 5);
    BOOST_TEST(r.records == 1u);
}

BOOST_AUTO_TEST_CASE(bad_records_that_the_reader_passes_are_counted) {
    std::vector<std::size_t> starts;
    std::string s = three_records(starts);
    s[starts[1] + 12] = 'z';  // base address not a number: the reader yields None and goes on
    const auto r = follow_records(s.data(), s.size(), 0, s.size() + 1, true);
    BOOST_TEST((r.status == ChainStatus::kEnd));
    BOOST_TEST(r.records == 3u);
}

BOOST_AUTO_TEST_CASE(oversized_scanning_steps_by_record_terminators) {
    std::vector<std::size_t> starts;
    std::string s = three_records(starts);
    s.replace(starts[1], 5, "00000");  // a length that cannot be right, as oversized writers leave it
    const auto pymarc_rule = follow_records(s.data(), s.size(), 0, s.size() + 1, true);
    BOOST_TEST(pymarc_rule.records == 2u);  // the second record takes the rest of the file
    mrrc::ScanOptions scan;
    scan.oversized = true;
    for (std::size_t stop = 1; stop <= s.size(); ++stop) {
        const auto r = follow_records(s.data(), s.size(), 0, stop, true, scan);
        std::size_t expected = 0;
        while (starts[expected] < stop) ++expected;
        BOOST_TEST((r.status == ChainStatus::kPassed), "stop " << stop);
        BOOST_TEST(r.pos == starts[expected]);
        BOOST_TEST(r.records == expected);
    }
    const auto cut = follow_records(s.data(), starts[2] - 3, starts[1], starts[2], false, scan);
    BOOST_TEST((cut.status == ChainStatus::kNeedMore));  // its terminator is not in the data yet
    BOOST_TEST(cut.pos == starts[1]);
}

BOOST_AUTO_TEST_SUITE_END()
