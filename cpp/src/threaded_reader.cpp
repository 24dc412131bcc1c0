#include "mrrc/threaded_reader.hpp"

#include <algorithm>
#include <new>
#include <utility>

namespace mrrc {

ThreadedReader::ThreadedReader(const ThreadedReaderOptions& options)
    : options_(options),
      pool_(std::make_shared<RecordPool>(std::min<std::size_t>(2 * options.batch_records, 1024))),  // (two batches' worth)
      reader_(options.parse, options.chunk_size),
      pipe_(options.queue_batches) {
    reader_.set_pool(pool_.get());
}

ThreadedReader::~ThreadedReader() { close(); }

bool ThreadedReader::open(const char* path, int& error_number) noexcept {
    if (!reader_.open_file(path, error_number)) return false;
    try {
        producer_ = std::thread(&ThreadedReader::produce, this);
    } catch (...) {
        error_number = 0;
        return false;
    }
    return true;
}

void ThreadedReader::produce() noexcept {
    // Everything is caught here: nothing may escape a thread body.
    while (!pipe_.stopped()) {
        std::unique_ptr<Batch> batch = read_batch(reader_, options_.batch_records, options_.batch_bytes);
        if (!batch) break;  // no memory even for a batch: end; the consumer sees kEnd
        const bool last = batch->status != StreamReader::Status::kItems;
        if (!pipe_.push(std::move(batch)) || last) break;
    }
    reader_.close();
    pipe_.finish();
}

std::unique_ptr<Batch> ThreadedReader::pop() {
    std::unique_ptr<Batch> batch = pipe_.pop();
    if (!batch) {  // the producer ended without a closing batch (closed, or out of memory), or ended before
        batch = std::make_unique<Batch>();
        batch->status = StreamReader::Status::kEnd;
    }
    return batch;
}

void ThreadedReader::close() noexcept {
    pipe_.stop();
    if (producer_.joinable()) producer_.join();
}

}  // namespace mrrc
