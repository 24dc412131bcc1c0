#include <boost/test/unit_test.hpp>

#include <string>

#include "mrrc/scanner.hpp"
#include "support.hpp"

using mrrc::ErrorCode;
using mrrc::ScanStatus;
using mrrc::scan_record;

BOOST_AUTO_TEST_SUITE(scanner)

BOOST_AUTO_TEST_CASE(finds_each_record_in_a_stream) {
    const std::string a = mrrc_test::sample_record();
    const std::string b = mrrc_test::make_record({{"001", "second"}});
    const std::string stream = a + b;
    auto r = scan_record(stream.data(), stream.size(), 0, true);
    BOOST_TEST((r.status == ScanStatus::kRecord));
    BOOST_TEST(r.end == a.size());
    r = scan_record(stream.data(), stream.size(), r.end, true);
    BOOST_TEST((r.status == ScanStatus::kRecord));
    BOOST_TEST(r.end == stream.size());
    r = scan_record(stream.data(), stream.size(), r.end, true);
    BOOST_TEST((r.status == ScanStatus::kEnd));
}

BOOST_AUTO_TEST_CASE(every_cut_point_asks_for_more_then_succeeds) {
    // A record split at any byte of a chunk edge: before EOF the scanner
    // must ask for more, never report an error or a wrong boundary.
    const std::string a = mrrc_test::sample_record();
    const std::string stream = a + a;
    for (std::size_t cut = a.size() + 1; cut < stream.size(); ++cut) {
        auto r = scan_record(stream.data(), cut, a.size(), false);
        BOOST_TEST((r.status == ScanStatus::kNeedMore), "cut at " << cut);
        r = scan_record(stream.data(), cut, a.size(), true);
        BOOST_TEST((r.status == ScanStatus::kError && r.error == ErrorCode::kTruncatedRecord));
    }
    BOOST_TEST((scan_record(stream.data(), a.size(), a.size(), false).status == ScanStatus::kNeedMore));
}

BOOST_AUTO_TEST_CASE(reader_fatal_errors_follow_pymarc) {
    auto scan = [](const std::string& s) { return scan_record(s.data(), s.size(), 0, true); };
    auto r = scan("0012");
    BOOST_TEST((r.status == ScanStatus::kError && r.error == ErrorCode::kTruncatedRecord));
    BOOST_TEST(r.end == 4u);
    r = scan("0012X");
    BOOST_TEST((r.error == ErrorCode::kRecordLengthInvalid));
    BOOST_TEST(r.end == 5u);
    r = scan("00120cam");
    BOOST_TEST((r.error == ErrorCode::kTruncatedRecord));
    r = scan("00006 ");
    BOOST_TEST((r.error == ErrorCode::kEndOfRecordNotFound));
    BOOST_TEST(r.end == 6u);
    // A length below 5 makes pymarc read to the end of the stream.
    r = scan(std::string("00000abc\x1d"));
    BOOST_TEST((r.status == ScanStatus::kRecord));
    BOOST_TEST(r.end == 9u);
    BOOST_TEST((scan_record("00003abc", 8, 0, false).status == ScanStatus::kNeedMore));
}

BOOST_AUTO_TEST_CASE(resynchronises_after_garbage) {
    const std::string a = mrrc_test::sample_record();
    const std::string stream = "garbage\x1d" + a + "junk" + a;
    BOOST_TEST(mrrc::find_record_start(stream.data(), stream.size(), 0) == 8u);
    BOOST_TEST(mrrc::find_record_start(stream.data(), stream.size(), 9) == stream.size());  // "junk" breaks the chain
    const std::string clean = a + a;
    BOOST_TEST(mrrc::find_record_start(clean.data(), clean.size(), 1) == a.size());
    BOOST_TEST(mrrc::find_record_start(clean.data(), clean.size(), 0) == 0u);
    BOOST_TEST(mrrc::find_record_start("", 0, 0) == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
