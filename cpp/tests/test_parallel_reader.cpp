#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "mrrc/parallel_reader.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using mrrc::ErrorCode;
using mrrc::ParallelReader;
using mrrc::ReadItem;
using mrrc::StreamReader;
using mrrc::ThreadedReaderOptions;

namespace {

struct Outcome {
    ErrorCode code;
    std::uint64_t index;
    std::uint64_t offset;
    std::size_t fields;
    std::string bytes;
    bool operator==(const Outcome& o) const {
        return code == o.code && index == o.index && offset == o.offset && fields == o.fields && bytes == o.bytes;
    }
};

std::vector<Outcome> sequential(const std::string& data) {
    StreamReader reader{mrrc::ParseOptions{}};
    reader.attach_memory(data.data(), data.size());
    std::vector<ReadItem> items;
    while (reader.next_batch(items, 64, 1u << 20) == StreamReader::Status::kItems) {
    }
    std::vector<Outcome> out;
    for (const auto& i : items) out.push_back({i.error.code, i.error.record_index, i.error.byte_offset, i.record.fields.size(), i.record.buffer});
    return out;
}

std::vector<Outcome> parallel(const std::string& data, unsigned threads, std::size_t batch_records) {
    ThreadedReaderOptions options;
    options.batch_records = batch_records;
    options.queue_batches = 2;
    ParallelReader reader(options, threads);
    BOOST_REQUIRE(reader.attach(data.data(), data.size()));
    std::vector<Outcome> out;
    for (;;) {
        auto batch = reader.pop();
        for (const auto& i : batch->items) out.push_back({i.error.code, i.error.record_index, i.error.byte_offset, i.record.fields.size(), i.record.buffer});
        if (batch->status != StreamReader::Status::kItems) break;
    }
    return out;
}

std::string corpus_stream() {
    // Every corpus file's bytes that read without a fatal error, then one that ends badly.
    std::string all;
    for (const auto& entry : fs::recursive_directory_iterator(MRRC_TEST_DATA_DIR)) {
        const auto ext = entry.path().extension().string();
        if (ext != ".mrc" && ext != ".dat" && ext != ".marc") continue;
        const std::string bytes = mrrc_test::read_file(entry.path().string());
        const auto items = sequential(bytes);
        bool fatal = false;
        for (const auto& i : items) fatal = fatal || mrrc::is_fatal(i.code);
        if (!fatal) all += bytes;
    }
    return all + std::string("00120cam");  // a truncated record at the end
}

}  // namespace

BOOST_AUTO_TEST_SUITE(parallel_reader)

BOOST_AUTO_TEST_CASE(same_items_in_the_same_order_as_one_thread) {
    const std::string data = corpus_stream();
    const auto expected = sequential(data);
    BOOST_REQUIRE(expected.size() > 900u);
    BOOST_TEST((expected.back().code == ErrorCode::kTruncatedRecord));
    std::size_t bad = 0;
    for (const auto& o : expected) bad += o.code != ErrorCode::kOk;
    BOOST_TEST(bad > 10u);  // the stream has non-fatal errors in the middle too
    for (unsigned threads : {1u, 2u, 4u, 8u}) {
        for (std::size_t batch : {1u, 7u, 256u}) {
            BOOST_TEST((parallel(data, threads, batch) == expected), threads << " threads, batches of " << batch);
        }
    }
}

BOOST_AUTO_TEST_CASE(closing_early_joins_every_thread) {
    const std::string data = corpus_stream();
    for (int attempt = 0; attempt < 10; ++attempt) {
        ThreadedReaderOptions options;
        options.batch_records = 3;
        auto reader = std::make_unique<ParallelReader>(options, 4);
        BOOST_REQUIRE(reader->attach(data.data(), data.size()));
        BOOST_TEST(!reader->pop()->items.empty());
        reader.reset();  // a hang here fails the run
    }
}

BOOST_AUTO_TEST_SUITE_END()
