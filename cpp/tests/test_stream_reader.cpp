#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "mrrc/stream_reader.hpp"
#include "support.hpp"

using mrrc::ErrorCode;
using mrrc::ParseOptions;
using mrrc::ReadItem;
using mrrc::StreamReader;

namespace {

std::vector<ReadItem> read_all_memory(const std::string& bytes, std::size_t batch = 3) {
    StreamReader reader{ParseOptions{}};
    reader.attach_memory(bytes.data(), bytes.size());
    std::vector<ReadItem> items;
    while (reader.next_batch(items, batch, 1u << 20) == StreamReader::Status::kItems) {
    }
    return items;
}

std::vector<ReadItem> read_all_fed(const std::string& bytes, std::size_t piece) {
    StreamReader reader{ParseOptions{}};
    std::vector<ReadItem> items;
    std::size_t fed = 0;
    for (;;) {
        const auto status = reader.next_batch(items, 2, 1u << 20);
        if (status == StreamReader::Status::kEnd) break;
        if (status == StreamReader::Status::kNeedInput) {
            if (fed < bytes.size()) {
                const std::size_t n = std::min(piece, bytes.size() - fed);
                reader.feed(bytes.data() + fed, n);
                fed += n;
            } else {
                reader.finish_input();
            }
        }
    }
    return items;
}

std::string stream_with_bad_middle() {
    const std::string good = mrrc_test::sample_record();
    std::string bad = mrrc_test::make_record({{"001", "x"}});
    bad.replace(12, 5, "00000");  // BaseAddressNotFound: not fatal
    return good + bad + good;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(stream_reader)

BOOST_AUTO_TEST_CASE(memory_source_yields_items_in_order_with_positions) {
    const std::string stream = stream_with_bad_middle();
    const auto items = read_all_memory(stream);
    BOOST_REQUIRE(items.size() == 3u);
    BOOST_TEST(items[0].ok());
    BOOST_TEST((items[1].error.code == ErrorCode::kBaseAddressNotFound));
    BOOST_TEST(items[1].error.record_index == 1u);
    const std::size_t first = mrrc_test::sample_record().size();
    BOOST_TEST(items[1].record.stream_offset == first);
    BOOST_TEST(items[1].error.byte_offset == first + 12);
    BOOST_TEST(items[2].ok());
    BOOST_TEST(items[2].record.record_index == 2u);
}

BOOST_AUTO_TEST_CASE(fed_chunks_of_any_size_give_the_same_items) {
    const std::string stream = stream_with_bad_middle() + "0012";
    const auto expected = read_all_memory(stream);
    BOOST_REQUIRE(expected.size() == 4u);
    BOOST_TEST((expected[3].error.code == ErrorCode::kTruncatedRecord));
    for (std::size_t piece : {1u, 2u, 5u, 7u, 24u, 100u, 4096u}) {
        const auto items = read_all_fed(stream, piece);
        BOOST_REQUIRE(items.size() == expected.size());
        for (std::size_t i = 0; i < items.size(); ++i) {
            BOOST_TEST((items[i].error.code == expected[i].error.code));
            BOOST_TEST(items[i].record.buffer == expected[i].record.buffer);
            BOOST_TEST(items[i].error.byte_offset == expected[i].error.byte_offset);
        }
    }
}

BOOST_AUTO_TEST_CASE(fatal_error_ends_the_stream) {
    const std::string good = mrrc_test::sample_record();
    const auto items = read_all_memory(good + "abcde" + good);
    BOOST_REQUIRE(items.size() == 2u);
    BOOST_TEST((items[1].error.code == ErrorCode::kRecordLengthInvalid));
    BOOST_TEST(items[1].record.buffer == "abcde");
}

BOOST_AUTO_TEST_CASE(new_options_apply_from_the_next_batch) {
    const std::string marc8 = mrrc_test::make_record({{"245", "10\x1f" "aTitle"}}, ' ');
    const std::string stream = marc8 + marc8;
    StreamReader reader{ParseOptions{}};
    reader.attach_memory(stream.data(), stream.size());
    std::vector<ReadItem> items;
    BOOST_REQUIRE((reader.next_batch(items, 1, 1u << 20) == StreamReader::Status::kItems));
    ParseOptions forced;
    forced.force_utf8 = true;
    reader.set_options(forced);
    BOOST_REQUIRE((reader.next_batch(items, 1, 1u << 20) == StreamReader::Status::kItems));
    BOOST_REQUIRE(items.size() == 2u);
    BOOST_TEST(!items[0].record.has_flag(mrrc::kFlagUtf8));
    BOOST_TEST(items[1].record.has_flag(mrrc::kFlagUtf8));
}

BOOST_AUTO_TEST_CASE(file_source_reads_in_small_chunks) {
    const std::string stream = stream_with_bad_middle();
    std::string path = "/tmp/mrrc_stream_reader_test.mrc";
    {
        std::FILE* f = std::fopen(path.c_str(), "wb");
        BOOST_REQUIRE(f != nullptr);
        std::fwrite(stream.data(), 1, stream.size(), f);
        std::fclose(f);
    }
    StreamReader reader{ParseOptions{}, 4096};
    int err = 0;
    BOOST_REQUIRE(reader.open_file(path.c_str(), err));
    std::vector<ReadItem> items;
    while (reader.next_batch(items, 1, 1u << 20) == StreamReader::Status::kItems) {
    }
    BOOST_TEST(items.size() == 3u);
    std::remove(path.c_str());
    StreamReader missing{ParseOptions{}};
    BOOST_TEST(!missing.open_file("/nonexistent/file.mrc", err));
    BOOST_TEST(err != 0);
}

BOOST_AUTO_TEST_CASE(read_errors_are_reported_not_thrown) {
    // A directory opens but cannot be read: the reader fails with kIoError and errno.
    StreamReader reader{ParseOptions{}};
    int err = 0;
    BOOST_REQUIRE(reader.open_file("/tmp", err));
    std::vector<ReadItem> items;
    BOOST_TEST((reader.next_batch(items, 10, 1u << 20) == StreamReader::Status::kFailed));
    BOOST_TEST((reader.failure() == ErrorCode::kIoError));
    BOOST_TEST(reader.failure_errno() != 0);
    BOOST_TEST(items.empty());
}

BOOST_AUTO_TEST_CASE(batches_respect_record_and_byte_caps) {
    std::string stream;
    for (int i = 0; i < 10; ++i) stream += mrrc_test::sample_record();
    StreamReader reader{ParseOptions{}};
    reader.attach_memory(stream.data(), stream.size());
    std::vector<ReadItem> items;
    BOOST_TEST((reader.next_batch(items, 4, 1u << 20) == StreamReader::Status::kItems));
    BOOST_TEST(items.size() == 4u);
    items.clear();
    BOOST_TEST((reader.next_batch(items, 100, 1) == StreamReader::Status::kItems));
    BOOST_TEST(items.size() == 1u);  // the byte cap stops after the first record
    items.clear();
    BOOST_TEST((reader.next_batch(items, 100, 1u << 20) == StreamReader::Status::kItems));
    BOOST_TEST(items.size() == 5u);
    BOOST_TEST((reader.next_batch(items, 100, 1u << 20) == StreamReader::Status::kEnd));
    BOOST_TEST((reader.next_batch(items, 100, 1u << 20) == StreamReader::Status::kEnd));
}

BOOST_AUTO_TEST_SUITE_END()
