// A stream of records: the memory reader, the same bytes fed in pieces (chunk
// boundaries anywhere), and the parallel reader must all yield the same items.
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_input.hpp"
#include "mrrc/parallel_reader.hpp"
#include "mrrc/stream_reader.hpp"

namespace {

/// What a reader yields, as comparable text: per item the index, offset, error code and record bytes.
std::string describe(const std::vector<mrrc::ReadItem>& items) {
    std::string out;
    for (const mrrc::ReadItem& item : items) {
        out += std::to_string(item.record.record_index) + ":" + std::to_string(item.record.stream_offset) + ":" +
               std::to_string(static_cast<int>(item.error.code)) + ":" + std::to_string(item.record.buffer.size()) +
               ";";
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    mrrc_fuzz::Input in{data, size};
    const mrrc::ParseOptions options = mrrc_fuzz::options_from(in.take());
    const std::size_t piece = 1 + in.take() % 97;
    const std::size_t batch = 1 + in.take() % 7;

    std::vector<mrrc::ReadItem> whole;
    {
        mrrc::StreamReader reader(options);
        reader.attach_memory(in.bytes(), in.size);
        while (reader.next_batch(whole, batch, 1u << 20) == mrrc::StreamReader::Status::kItems) {
        }
    }
    std::vector<mrrc::ReadItem> fed;
    {
        mrrc::StreamReader reader(options, 64);
        std::size_t at = 0;
        for (;;) {
            const mrrc::StreamReader::Status status = reader.next_batch(fed, batch, 1u << 20);
            if (status == mrrc::StreamReader::Status::kNeedInput) {
                if (at >= in.size) {
                    reader.finish_input();
                    continue;
                }
                const std::size_t n = std::min(piece, in.size - at);
                reader.feed(in.bytes() + at, n);
                at += n;
                continue;
            }
            if (status != mrrc::StreamReader::Status::kItems) break;
        }
    }
    if (describe(whole) != describe(fed)) __builtin_trap();

    mrrc::ThreadedReaderOptions parallel_options;
    parallel_options.parse = options;
    parallel_options.batch_records = batch;
    mrrc::ParallelReader parallel(parallel_options, 3);
    if (!parallel.attach(in.bytes(), in.size)) return 0;
    std::vector<mrrc::ReadItem> parallel_items;
    for (;;) {
        std::unique_ptr<mrrc::Batch> b = parallel.pop();
        for (auto& item : b->items) parallel_items.push_back(std::move(item));
        if (b->status != mrrc::StreamReader::Status::kItems) break;
    }
    if (describe(whole) != describe(parallel_items)) __builtin_trap();
    return 0;
}
