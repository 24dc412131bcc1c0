#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "mrrc/column_spec.hpp"
#include "mrrc/extract.hpp"
#include "mrrc/nfc.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using mrrc::ColumnSpec;
using mrrc::ColumnSpecError;
using mrrc::ExtractedBatch;
using mrrc::ExtractOptions;
using mrrc::ExtractStream;
using mrrc::StringColumn;

namespace {

ColumnSpec spec(const std::string& text) {
    ColumnSpec s;
    ColumnSpecError e;
    BOOST_REQUIRE_MESSAGE(mrrc::parse_column_spec(text, s, e), text + ": " + e.message);
    return s;
}

std::size_t error_position(const std::string& text) {
    ColumnSpec s;
    ColumnSpecError e;
    BOOST_REQUIRE_MESSAGE(!mrrc::parse_column_spec(text, s, e), text + " was accepted");
    BOOST_TEST(!e.message.empty());
    return e.position;
}

ExtractOptions options_for(const std::vector<std::string>& specs, unsigned threads) {
    ExtractOptions options;
    for (const auto& text : specs) {
        options.columns.push_back(spec(text));
        options.names.push_back(text);
    }
    options.threads = threads;
    options.batch_records = 7;  // many small batches
    return options;
}

/// Every row of every batch as text: "value|<null>|[a,b]" per column.
std::string table_text(ExtractStream& stream, std::size_t& rows) {
    std::string out;
    std::unique_ptr<ExtractedBatch> batch;
    rows = 0;
    while (stream.next(batch) == 0 && batch) {
        for (std::int64_t r = 0; r < batch->rows; ++r) {
            for (const StringColumn& c : batch->columns) {
                if (c.is_list) {
                    out += "[";
                    for (auto e = c.offsets[r]; e < c.offsets[r + 1]; ++e) {
                        out += c.data.substr(c.value_offsets[e], c.value_offsets[e + 1] - c.value_offsets[e]) + ",";
                    }
                    out += "]";
                } else if (c.null_count && !(c.validity[r / 8] & (1u << (r % 8)))) {
                    out += "<null>";
                } else {
                    out += c.data.substr(c.offsets[r], c.offsets[r + 1] - c.offsets[r]);
                }
                out += "|";
            }
            out += "\n";
        }
        rows += static_cast<std::size_t>(batch->rows);
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(extract)

BOOST_AUTO_TEST_CASE(column_specs_parse) {
    ColumnSpec s = spec("008/07-10");
    BOOST_TEST((s.kind == ColumnSpec::Kind::kControl));
    BOOST_TEST(s.first_position == 7u);
    BOOST_TEST(s.last_position == 10u);
    s = spec("LDR/06");
    BOOST_TEST((s.kind == ColumnSpec::Kind::kLeader));
    BOOST_TEST(s.first_position == 6u);
    BOOST_TEST(s.last_position == 6u);
    s = spec("650|*0|$ax*");
    BOOST_TEST(s.codes == "ax");
    BOOST_TEST(s.indicators[0] == '*');
    BOOST_TEST(s.indicators[1] == '0');
    BOOST_TEST(s.repeated);
    s = spec("6..|#7|$a");
    BOOST_TEST((s.kind == ColumnSpec::Kind::kData));
    BOOST_TEST(s.indicators[0] == ' ');
    BOOST_TEST(spec("245").codes.empty());
}

BOOST_AUTO_TEST_CASE(malformed_specs_point_at_the_mistake) {
    BOOST_TEST(error_position("") == 0u);
    BOOST_TEST(error_position("24") == 2u);
    BOOST_TEST(error_position("2%5$a") == 1u);
    BOOST_TEST(error_position("245abc") == 3u);    // subfield codes without '$'
    BOOST_TEST(error_position("245$") == 4u);
    BOOST_TEST(error_position("245$aa") == 5u);    // a code twice
    BOOST_TEST(error_position("245/1-2") == 3u);   // positions on a data field
    BOOST_TEST(error_position("008/10-07") == 7u);
    BOOST_TEST(error_position("008$a") == 3u);
    BOOST_TEST(error_position("650|0|$a") == 5u);
    BOOST_TEST(error_position("650|*0$a") == 6u);
    BOOST_TEST(error_position("245$a**") == 6u);
}

BOOST_AUTO_TEST_CASE(nfc_composes_as_python_does) {
    auto nfc = [](const std::string& s) {
        std::string out;
        mrrc::append_nfc(s.data(), s.size(), out);
        return out;
    };
    BOOST_TEST(nfc("plain") == "plain");
    BOOST_TEST(nfc("e\xcc\x81") == "\xc3\xa9");                           // e + acute -> é
    BOOST_TEST(nfc("a\xcc\xa3\xcc\x82") == "\xe1\xba\xad");               // a + dot below + circumflex -> ậ
    BOOST_TEST(nfc("a\xcc\x82\xcc\xa3") == "\xe1\xba\xad");               // marks reordered first
    BOOST_TEST(nfc("\xe1\x84\x80\xe1\x85\xa1") == "\xea\xb0\x80");         // Hangul L + V -> 가
    BOOST_TEST(nfc("\xef\xa4\x80") == "\xe8\xb1\x88");                     // compatibility ideograph U+F900
}

BOOST_AUTO_TEST_CASE(values_follow_pymarc) {
    const std::string data = mrrc_test::sample_record() +
                             mrrc_test::make_record({{"001", "two"},
                                                     {"245", "00\x1f" "a Only a  \x1f" "a second a"},
                                                     {"650", " 7\x1f" "aX"},
                                                     {"650", " 0\x1f" "aY\x1f" "xZ"}});
    ExtractStream stream(options_for({"001", "008/07-10", "LDR/06", "245", "245$a", "245$ab", "650|*0|$a*",
                                      "650$ax*", "020$a", "650$q*"},
                                     1),
                         {{"", data.data(), data.size()}});
    std::size_t rows = 0;
    BOOST_TEST(table_text(stream, rows) ==
               "ocm12345|1983|a|The title : subtitle / by someone.|The title :|The title : subtitle /|"
               "[Cataloging,]|[Cataloging Data processing.,]|<null>|[]|\n"
               "two|<null>|a|Only a second a| Only a  |Only a second a|[Y,]|[X,Y Z,]|<null>|[]|\n");
    BOOST_TEST(rows == 2u);
}

BOOST_AUTO_TEST_CASE(threads_give_the_same_table) {
    const std::vector<std::string> specs{"001", "008/35-37", "245$abnp", "650$a*", "LDR", "6..|*0|$a*"};
    for (const auto& entry : fs::recursive_directory_iterator(MRRC_TEST_DATA_DIR)) {
        const std::string path = entry.path().string();
        const std::string suffix = entry.path().extension().string();
        if (!entry.is_regular_file() || (suffix != ".mrc" && suffix != ".dat" && suffix != ".marc" && suffix != ".usmarc")) {
            continue;
        }
        std::size_t rows1 = 0, rows3 = 0;
        ExtractStream one(options_for(specs, 1), {{path}});
        ExtractStream three(options_for(specs, 3), {{path}});
        const std::string a = table_text(one, rows1);
        const std::string b = table_text(three, rows3);
        BOOST_TEST(rows1 == rows3, path);
        BOOST_TEST((a == b), path);
        const auto s1 = one.report()->skipped(), s3 = three.report()->skipped();
        BOOST_TEST(s1.size() == s3.size(), path);
        BOOST_TEST(one.report()->items() == rows1 + s1.size(), path);
        // From memory, in blocks of 4 KiB at most (records longer than a block are read whole).
        const std::string data = mrrc_test::read_file(path);
        ExtractOptions small = options_for(specs, 2);
        small.batch_records = 1000;
        small.batch_bytes = 1;
        ExtractStream memory(small, {{"", data.data(), data.size()}});
        std::size_t rows_memory = 0;
        BOOST_TEST((table_text(memory, rows_memory) == a), path);
        small.threads = 1;
        ExtractStream file(small, {{path}});
        std::size_t rows_file = 0;
        BOOST_TEST((table_text(file, rows_file) == a), path);
        BOOST_TEST(file.report()->skipped().size() == s1.size(), path);
    }
}

BOOST_AUTO_TEST_CASE(several_inputs_in_order_and_errors_in_place) {
    const std::string record = mrrc_test::sample_record();
    const std::string path = std::string(MRRC_TEST_DATA_DIR) + "/pymarc/test.dat";
    for (unsigned threads : {1u, 2u}) {
        ExtractStream stream(options_for({"001"}, threads), {{"", record.data(), record.size()}, {path},
                                                             {"/nonexistent/x.mrc"}, {"", record.data(), record.size()}});
        std::unique_ptr<ExtractedBatch> batch;
        std::size_t rows = 0;
        int status = 0;
        while ((status = stream.next(batch)) == 0 && batch) rows += static_cast<std::size_t>(batch->rows);
        BOOST_TEST(status == ENOENT);  // after every row before the missing file
        BOOST_TEST(rows == 1u + 10u);
        BOOST_TEST(stream.next(batch) == EIO);
    }
}

BOOST_AUTO_TEST_CASE(a_missing_file_fails_with_errno) {
    ExtractStream stream(options_for({"001"}, 1), {{"/nonexistent/x.mrc"}});
    std::unique_ptr<ExtractedBatch> batch;
    BOOST_TEST(stream.next(batch) == ENOENT);
    BOOST_TEST(std::string(stream.last_error()).find("/nonexistent/x.mrc") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_parser_lists_only_the_subfields_asked_for) {
    mrrc::ParseOptions options;
    options.lists_subfields = [](const void*, const char* tag) noexcept { return tag[0] == '2'; };
    const std::string data = mrrc_test::make_record({{"001", "x"},
                                                     {"245", "10\x1f" "aTitle"},
                                                     {"500", "  \x1f" "aAn ASCII note"},
                                                     {"650", " 0\x1f" "aCaf\xc3\xa9"}});
    mrrc::Record record;
    mrrc::ParseError error;
    BOOST_REQUIRE(mrrc::parse_record(data.data(), data.size(), options, record, error));
    BOOST_TEST(record.fields[1].subfield_count == 1u);  // asked for
    BOOST_TEST(record.fields[2].subfield_count == 0u);  // ASCII, not asked for: not listed
    BOOST_TEST(record.fields[2].indicator1 == ' ');
    BOOST_TEST(record.fields[3].subfield_count == 1u);  // not ASCII: parsed (and checked) as usual
    // The checks stay: indicators that are not ASCII, invalid UTF-8 in a field not asked for.
    const std::string bad_indicators = mrrc_test::make_record({{"500", "\xff \x1f" "aNote"}});
    BOOST_TEST(!mrrc::parse_record(bad_indicators.data(), bad_indicators.size(), options, record, error));
    BOOST_TEST((error.code == mrrc::ErrorCode::kIndicatorsNotAscii));
    const std::string bad_text = mrrc_test::make_record({{"500", "  \x1f" "aNo\xff"}});
    BOOST_TEST(!mrrc::parse_record(bad_text.data(), bad_text.size(), options, record, error));
    BOOST_TEST((error.code == mrrc::ErrorCode::kInvalidUtf8));
}

BOOST_AUTO_TEST_CASE(arrow_stream_exports_and_releases) {
    const std::string data = mrrc_test::sample_record();
    auto source = std::make_unique<ExtractStream>(options_for({"001", "650$a*"}, 1),
                                                  std::vector<mrrc::ExtractSource>{{"", data.data(), data.size()}});
    ArrowArrayStream stream;
    mrrc::export_stream(std::move(source), &stream);
    ArrowSchema schema;
    BOOST_TEST(stream.get_schema(&stream, &schema) == 0);
    BOOST_TEST(std::string(schema.format) == "+s");
    BOOST_TEST(schema.n_children == 2);
    BOOST_TEST(std::string(schema.children[1]->format) == "+l");
    BOOST_TEST(std::string(schema.children[1]->children[0]->format) == "u");
    schema.release(&schema);
    ArrowArray array;
    BOOST_TEST(stream.get_next(&stream, &array) == 0);
    BOOST_REQUIRE(array.release != nullptr);
    BOOST_TEST(array.length == 1);
    BOOST_TEST(array.children[0]->n_buffers == 3);
    // Move a child out, release the parent, then the child: both stay valid until released.
    ArrowArray child = *array.children[1];
    array.children[1]->release = nullptr;
    array.release(&array);
    BOOST_TEST(child.children[0]->length == 1);
    child.release(&child);
    BOOST_TEST(stream.get_next(&stream, &array) == 0);
    BOOST_TEST(array.release == nullptr);  // the end
    stream.release(&stream);
}

BOOST_AUTO_TEST_SUITE_END()
