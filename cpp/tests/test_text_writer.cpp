#include <boost/test/unit_test.hpp>

#include <string>

#include "mrrc/parser.hpp"
#include "mrrc/text_writer.hpp"
#include "support.hpp"

namespace {

mrrc::Record parsed(const std::string& bytes) {
    mrrc::Record r;
    mrrc::ParseError e;
    BOOST_REQUIRE(mrrc::parse_record(bytes.data(), bytes.size(), mrrc::ParseOptions{}, r, e));
    return r;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(text_writer)

BOOST_AUTO_TEST_CASE(writes_what_pymarc_str_writes) {
    const mrrc::Record r = parsed(mrrc_test::sample_record());
    std::string out;
    BOOST_REQUIRE(mrrc::write_record_text(r, r.leader(), out));
    BOOST_TEST(out ==
               "=LDR  " + std::string(r.leader()) + "\n"
               "=001  ocm12345\n"
               "=008  830412s1983\\\\\\\\nyu\\\\\\\\\\\\\\\\\\\\\\000\\0\\eng\\\\\n"
               "=245  10$aThe title :$bsubtitle /$cby someone.\n"
               "=650  \\0$aCataloging$xData processing.\n");
}

BOOST_AUTO_TEST_CASE(values_are_written_as_they_are) {
    // Blanks in subfield values and a backslash indicator stay; an empty
    // control field is the line start alone; a data field without subfields
    // is its indicators alone.
    const mrrc::Record r = parsed(mrrc_test::make_record(
        {{"003", ""}, {"245", "\\ \x1f" "a a $b \x1f" "c"}, {"500", "  "}}));
    std::string out = "kept";
    BOOST_REQUIRE(mrrc::write_record_text(r, "L", out));
    BOOST_TEST(out == "kept=LDR  L\n=003  \n=245  \\\\$a a $b $c\n=500  \\\\\n");
}

BOOST_AUTO_TEST_SUITE_END()
