// Every file in tests/data: no crash, and parse(serialize(r)) reproduces r.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "mrrc/serializer.hpp"
#include "mrrc/stream_reader.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using mrrc::ParseOptions;
using mrrc::ReadItem;
using mrrc::StreamReader;

namespace {

std::vector<fs::path> corpus_files() {
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(MRRC_TEST_DATA_DIR)) {
        const auto ext = entry.path().extension().string();
        if (ext == ".mrc" || ext == ".dat" || ext == ".marc" || ext == ".usmarc") files.push_back(entry.path());
    }
    return files;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(corpus)

BOOST_AUTO_TEST_CASE(every_record_reserializes_stably) {
    const auto files = corpus_files();
    BOOST_REQUIRE(files.size() > 100u);
    std::size_t records = 0, identical = 0;
    for (const auto& path : files) {
        const std::string bytes = mrrc_test::read_file(path.string());
        StreamReader reader{ParseOptions{}};
        reader.attach_memory(bytes.data(), bytes.size());
        std::vector<ReadItem> items;
        while (reader.next_batch(items, 64, 1u << 20) == StreamReader::Status::kItems) {
        }
        for (const auto& item : items) {
            if (!item.ok()) continue;
            ++records;
            std::string once;
            BOOST_REQUIRE(mrrc::serialize_record(item.record, '\0', once));
            if (once == item.record.buffer) ++identical;
            mrrc::Record again;
            mrrc::ParseError error;
            ParseOptions raw;
            raw.validate_text = false;
            BOOST_TEST(mrrc::parse_record(once.data(), once.size(), raw, again, error), path);
            std::string twice;
            BOOST_REQUIRE(mrrc::serialize_record(again, '\0', twice));
            BOOST_TEST(twice == once, path);
        }
    }
    BOOST_TEST(records > 1000u);
    BOOST_TEST(identical * 10 > records * 9);  // almost all real records are canonical
}

BOOST_AUTO_TEST_CASE(known_canonical_files_round_trip_exactly) {
    for (const char* name : {"pymarc/one.dat", "pymarc/alphatag.dat", "marc4j/pride-and-prejudice-fixed.mrc",
                             "traject/test_data.utf8.mrc", "yaz/marccol1.u8.marc"}) {
        const std::string bytes = mrrc_test::read_file(std::string(MRRC_TEST_DATA_DIR) + "/" + name);
        BOOST_REQUIRE(!bytes.empty());
        StreamReader reader{ParseOptions{}};
        reader.attach_memory(bytes.data(), bytes.size());
        std::vector<ReadItem> items;
        while (reader.next_batch(items, 64, 1u << 20) == StreamReader::Status::kItems) {
        }
        std::string out;
        for (const auto& item : items) {
            BOOST_REQUIRE(item.ok());
            BOOST_REQUIRE(mrrc::serialize_record(item.record, '\0', out));
        }
        BOOST_TEST(out == bytes, name);
    }
}

BOOST_AUTO_TEST_SUITE_END()
