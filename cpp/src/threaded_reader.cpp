#include "mrrc/threaded_reader.hpp"

#include <new>
#include <utility>

namespace mrrc {

ThreadedReader::ThreadedReader(const ThreadedReaderOptions& options)
    : options_(options),
      reader_(options.parse, options.chunk_size),
      queue_(options.queue_batches < 1 ? 1 : options.queue_batches) {}

ThreadedReader::~ThreadedReader() {
    close();
    Batch* left = nullptr;
    while (queue_.pop(left)) delete left;
}

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

bool ThreadedReader::push(Batch* batch) noexcept {
    std::unique_lock<std::mutex> lock(mutex_);
    space_.wait(lock, [this] { return stop_.load() || queue_.write_available() > 0; });
    if (stop_.load()) return false;
    queue_.push(batch);
    ready_.notify_one();
    return true;
}

void ThreadedReader::produce() noexcept {
    // Everything is caught here: nothing may escape a thread body.
    while (!stop_.load()) {
        Batch* batch = read_batch(reader_, options_.batch_records, options_.batch_bytes).release();
        if (batch == nullptr) break;  // no memory even for a batch: end; the consumer sees kEnd
        const bool last = batch->status != StreamReader::Status::kItems;
        if (!push(batch)) {
            delete batch;
            break;
        }
        if (last) break;
    }
    reader_.close();
    std::lock_guard<std::mutex> lock(mutex_);
    producer_done_.store(true);
    ready_.notify_all();
}

std::unique_ptr<Batch> ThreadedReader::pop() {
    Batch* batch = nullptr;
    {
        std::unique_lock<std::mutex> lock(mutex_);
        ready_.wait(lock, [this] { return queue_.read_available() > 0 || producer_done_.load() || finished_; });
        if (!queue_.pop(batch)) batch = nullptr;
        space_.notify_one();
    }
    if (batch == nullptr) {  // the producer ended without a closing batch (closed, or out of memory)
        finished_ = true;
        auto end = std::make_unique<Batch>();
        end->status = StreamReader::Status::kEnd;
        return end;
    }
    std::unique_ptr<Batch> owned(batch);
    if (owned->status != StreamReader::Status::kItems) finished_ = true;
    return owned;
}

void ThreadedReader::close() noexcept {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_.store(true);
        space_.notify_all();
        ready_.notify_all();
    }
    if (producer_.joinable()) producer_.join();
}

}  // namespace mrrc
