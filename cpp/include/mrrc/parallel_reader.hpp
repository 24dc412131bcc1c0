// Parsing one input on several threads: a scanner thread cuts the stream into
// batches of raw records (boundary scanning is cheap), worker threads parse
// the batches, and the consumer receives them in stream order. At most
// `queue_batches` batches are in flight, so memory stays bounded.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "mrrc/batch.hpp"
#include "mrrc/threaded_reader.hpp"

namespace mrrc {

///   ParallelReader reader(options, 4);
///   int err; reader.open("big.mrc", err);
///   for (auto b = reader.pop(); ; b = reader.pop()) { ...; if (b->status != StreamReader::Status::kItems) break; }
class ParallelReader {
public:
    ParallelReader(const ThreadedReaderOptions& options, unsigned threads);
    ~ParallelReader();  // stops and joins every thread
    ParallelReader(const ParallelReader&) = delete;
    ParallelReader& operator=(const ParallelReader&) = delete;

    /// Read a file; false with errno on failure.
    bool open(const char* path, int& error_number) noexcept;
    /// Read memory the caller keeps alive and unchanged.
    bool attach(const char* data, std::size_t size) noexcept;

    /// The next batch in stream order, waiting when it is not parsed yet. After
    /// the last batch (status kEnd or kFailed), batches with no items and kEnd.
    std::unique_ptr<Batch> pop();

    /// Stop and join all threads. Idempotent.
    void close() noexcept;

private:
    bool start() noexcept;
    void scan() noexcept;
    void work() noexcept;

    ThreadedReaderOptions options_;
    unsigned threads_;
    StreamReader reader_;
    std::mutex mutex_;
    std::condition_variable work_ready_;   // a job was queued, or the scan ended, or stop
    std::condition_variable done_ready_;   // a job was parsed, or the scan ended, or stop
    std::condition_variable space_;        // the consumer took a batch, or stop
    std::deque<std::pair<std::uint64_t, std::unique_ptr<Batch>>> jobs_;
    std::map<std::uint64_t, std::unique_ptr<Batch>> done_;
    std::uint64_t next_job_ = 0;    // sequence number of the next batch scanned
    std::uint64_t next_out_ = 0;    // sequence number the consumer takes next
    std::uint64_t jobs_total_ = 0;  // set when the scan ends
    std::size_t in_flight_ = 0;
    bool scan_ended_ = false;
    bool finished_ = false;
    std::atomic<bool> stop_{false};
    std::thread scanner_;
    std::vector<std::thread> workers_;
};

}  // namespace mrrc
