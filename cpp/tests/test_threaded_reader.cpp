#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "mrrc/threaded_reader.hpp"
#include "support.hpp"

using mrrc::Batch;
using mrrc::ErrorCode;
using mrrc::StreamReader;
using mrrc::ThreadedReader;
using mrrc::ThreadedReaderOptions;

namespace {

std::string write_temp(const std::string& bytes, const char* name) {
    const std::string path = std::string("/tmp/") + name;
    std::FILE* f = std::fopen(path.c_str(), "wb");
    std::fwrite(bytes.data(), 1, bytes.size(), f);
    std::fclose(f);
    return path;
}

std::string many_records(int n) {
    std::string out;
    for (int i = 0; i < n; ++i) {
        out += mrrc_test::make_record({{"001", "id" + std::to_string(i)}, {"245", "10\x1f" "aTitle " + std::to_string(i)}});
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(threaded_reader)

BOOST_AUTO_TEST_CASE(producer_hands_over_every_record_in_order) {
    const std::string path = write_temp(many_records(5000) + "00012", "mrrc_threaded_1.mrc");
    ThreadedReaderOptions options;
    options.batch_records = 7;
    options.queue_batches = 2;
    options.chunk_size = 4096;
    ThreadedReader reader(options);
    int err = 0;
    BOOST_REQUIRE(reader.open(path.c_str(), err));
    std::size_t records = 0, errors = 0;
    for (;;) {
        auto batch = reader.pop();
        for (const auto& item : batch->items) {
            if (item.ok()) {
                BOOST_REQUIRE(item.record.record_index == records);
                ++records;
            } else {
                ++errors;
                BOOST_TEST((item.error.code == ErrorCode::kTruncatedRecord));
                BOOST_TEST(item.error.record_index == 5000u);
            }
        }
        if (batch->status != StreamReader::Status::kItems) break;
    }
    BOOST_TEST(records == 5000u);
    BOOST_TEST(errors == 1u);
    BOOST_TEST(reader.pop()->items.empty());  // end stays the end
    std::remove(path.c_str());
}

BOOST_AUTO_TEST_CASE(closing_mid_stream_stops_and_joins_the_producer) {
    const std::string path = write_temp(many_records(20000), "mrrc_threaded_2.mrc");
    for (int attempt = 0; attempt < 20; ++attempt) {
        ThreadedReaderOptions options;
        options.batch_records = 10;
        options.queue_batches = 1;
        auto reader = std::make_unique<ThreadedReader>(options);
        int err = 0;
        BOOST_REQUIRE(reader->open(path.c_str(), err));
        auto first = reader->pop();
        BOOST_TEST(first->items.size() == 10u);
        reader.reset();  // the destructor stops and joins the producer (a hang here fails the run)
    }
    std::remove(path.c_str());
}

BOOST_AUTO_TEST_CASE(missing_file_and_unreadable_input) {
    ThreadedReader missing{ThreadedReaderOptions{}};
    int err = 0;
    BOOST_TEST(!missing.open("/nonexistent/x.mrc", err));
    BOOST_TEST(err != 0);
    ThreadedReader directory{ThreadedReaderOptions{}};
    BOOST_REQUIRE(directory.open("/tmp", err));
    auto batch = directory.pop();
    BOOST_TEST((batch->status == StreamReader::Status::kFailed));
    BOOST_TEST((batch->failure == ErrorCode::kIoError));
}

BOOST_AUTO_TEST_CASE(slow_consumer_keeps_memory_bounded) {
    const std::string path = write_temp(many_records(3000), "mrrc_threaded_3.mrc");
    ThreadedReaderOptions options;
    options.batch_records = 100;
    options.queue_batches = 2;
    ThreadedReader reader(options);
    int err = 0;
    BOOST_REQUIRE(reader.open(path.c_str(), err));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the producer fills the queue and waits
    std::size_t total = 0;
    for (;;) {
        auto batch = reader.pop();
        BOOST_TEST(batch->items.size() <= 100u);
        total += batch->items.size();
        if (batch->status != StreamReader::Status::kItems) break;
    }
    BOOST_TEST(total == 3000u);
    std::remove(path.c_str());
}

BOOST_AUTO_TEST_SUITE_END()
