#include <boost/test/unit_test.hpp>

#include <string>

#include "mrrc/parser.hpp"
#include "mrrc/serializer.hpp"
#include "support.hpp"

using mrrc::ParseError;
using mrrc::ParseOptions;
using mrrc::Record;
using mrrc_test::make_record;

namespace {

std::string round_trip(const std::string& bytes, char coding = '\0') {
    Record r;
    ParseError e;
    BOOST_REQUIRE(mrrc::parse_record(bytes.data(), bytes.size(), ParseOptions{}, r, e));
    std::string out;
    BOOST_REQUIRE(mrrc::serialize_record(r, coding, out));
    BOOST_TEST(out.size() == mrrc::serialized_size(r));
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(serializer)

BOOST_AUTO_TEST_CASE(canonical_record_round_trips_byte_for_byte) {
    const std::string bytes = mrrc_test::sample_record();
    BOOST_TEST(round_trip(bytes) == bytes);
    BOOST_TEST(round_trip(bytes, 'a') == bytes);
}

BOOST_AUTO_TEST_CASE(directory_and_lengths_are_recomputed) {
    // Fields stored out of order in the data area, with a gap: the output is contiguous.
    std::string bytes = make_record({{"001", "abc"}, {"245", "10\x1f" "aTitle"}});
    const std::string contiguous = bytes;
    // Swap the order of the two fields' data and fix their offsets.
    const std::size_t base = 24 + 2 * 12 + 1;
    const std::string f1 = "abc\x1e", f2 = std::string("10\x1f" "aTitle\x1e");
    bytes = bytes.substr(0, base) + f2 + f1 + "\x1d";
    bytes.replace(24 + 7, 5, "00010");       // 001 now after 245
    bytes.replace(24 + 12 + 7, 5, "00000");  // 245 first
    BOOST_TEST(round_trip(bytes) == contiguous);
}

BOOST_AUTO_TEST_CASE(output_matches_pymarc_layout_for_odd_fields) {
    // Missing indicators become two spaces; empty subfields vanish; leader 9 forced.
    const std::string odd = make_record({{"245", "\x1f" "aT\x1f\x1f" "bU"}}, ' ');
    const std::string expected = make_record({{"245", "  \x1f" "aT\x1f" "bU"}}, 'a');
    BOOST_TEST(round_trip(odd, 'a') == expected);
}

BOOST_AUTO_TEST_CASE(oversized_numbers_widen_like_python_formatting) {
    // A field of 10,000 bytes needs a five-digit length: pymarc writes it anyway.
    const std::string big = make_record({{"500", "  \x1f" "a" + std::string(9990, 'x')}});
    Record r;
    ParseError e;
    std::string bytes = big;
    BOOST_REQUIRE(mrrc::parse_record(bytes.data(), bytes.size(), ParseOptions{}, r, e));
    std::string out;
    BOOST_REQUIRE(mrrc::serialize_record(r, 'a', out));
    BOOST_TEST(out.substr(24, 3) == "500");
    BOOST_TEST(out.substr(27, 4) == "9995");
    r.subfields[0].length += 10;  // pretend the value grew past 9999 bytes
    r.buffer.append(10, 'y');
    out.clear();
    BOOST_REQUIRE(mrrc::serialize_record(r, 'a', out));
    BOOST_TEST(out.substr(27, 5) == "10005");
}

BOOST_AUTO_TEST_SUITE_END()
