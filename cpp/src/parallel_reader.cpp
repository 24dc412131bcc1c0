#include "mrrc/parallel_reader.hpp"

#include <utility>

namespace mrrc {

ParallelReader::ParallelReader(const ThreadedReaderOptions& options, unsigned threads)
    : options_(options), threads_(threads < 1 ? 1 : threads), reader_(options.parse, options.chunk_size) {
    reader_.set_parse(false);
    if (options_.queue_batches < threads_ + 1) options_.queue_batches = threads_ + 1;  // keep every worker busy
}

ParallelReader::~ParallelReader() { close(); }

bool ParallelReader::open(const char* path, int& error_number) noexcept {
    return reader_.open_file(path, error_number) && start();
}

bool ParallelReader::attach(const char* data, std::size_t size) noexcept {
    reader_.attach_memory(data, size);
    return start();
}

bool ParallelReader::start() noexcept {
    try {
        scanner_ = std::thread(&ParallelReader::scan, this);
        for (unsigned i = 0; i < threads_; ++i) workers_.emplace_back(&ParallelReader::work, this);
    } catch (...) {
        close();
        return false;
    }
    return true;
}

void ParallelReader::scan() noexcept {
    for (;;) {
        std::unique_ptr<Batch> batch = read_batch(reader_, options_.batch_records, options_.batch_bytes);
        if (!batch) break;  // no memory even for a batch: end; the consumer sees kEnd
        const bool last = batch->status != StreamReader::Status::kItems;
        std::unique_lock<std::mutex> lock(mutex_);
        space_.wait(lock, [this] { return stop_.load() || in_flight_ < options_.queue_batches; });
        if (stop_.load()) break;
        jobs_.emplace_back(next_job_++, std::move(batch));
        ++in_flight_;
        work_ready_.notify_one();
        if (last) break;
    }
    reader_.close();
    std::lock_guard<std::mutex> lock(mutex_);
    scan_ended_ = true;
    jobs_total_ = next_job_;
    work_ready_.notify_all();
    done_ready_.notify_all();
}

void ParallelReader::work() noexcept {
    for (;;) {
        std::pair<std::uint64_t, std::unique_ptr<Batch>> job;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            work_ready_.wait(lock, [this] { return stop_.load() || !jobs_.empty() || scan_ended_; });
            if (stop_.load() || jobs_.empty()) return;
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        for (ReadItem& item : job.second->items) {
            if (!item.error.ok()) continue;  // a scan error: already complete
            parse_buffer(options_.parse, item.record, item.error);  // noexcept
            item.error.record_index = item.record.record_index;
            item.error.byte_offset = item.record.stream_offset + item.error.offset_in_record;
        }
        std::lock_guard<std::mutex> lock(mutex_);
        done_.emplace(job.first, std::move(job.second));
        done_ready_.notify_all();
    }
}

std::unique_ptr<Batch> ParallelReader::pop() {
    std::unique_ptr<Batch> batch;
    {
        std::unique_lock<std::mutex> lock(mutex_);
        done_ready_.wait(lock, [this] {
            return finished_ || stop_.load() || done_.count(next_out_) > 0 || (scan_ended_ && next_out_ >= jobs_total_);
        });
        auto found = done_.find(next_out_);
        if (!finished_ && found != done_.end()) {
            batch = std::move(found->second);
            done_.erase(found);
            ++next_out_;
            --in_flight_;
            space_.notify_one();
        }
    }
    if (!batch) {
        finished_ = true;
        batch = std::make_unique<Batch>();
        batch->status = StreamReader::Status::kEnd;
        return batch;
    }
    if (batch->status != StreamReader::Status::kItems) finished_ = true;
    return batch;
}

void ParallelReader::close() noexcept {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_.store(true);
        work_ready_.notify_all();
        done_ready_.notify_all();
        space_.notify_all();
    }
    if (scanner_.joinable()) scanner_.join();
    for (auto& worker : workers_) {
        if (worker.joinable()) worker.join();
    }
    workers_.clear();
}

}  // namespace mrrc
