// Reading a file on a producer thread: it reads, finds record boundaries and
// parses, and hands batches to the consumer through a lock-free
// single-producer/single-consumer queue. The consumer may wait without
// holding any lock the producer needs; close() stops and joins the producer.
#pragma once

#include <cstddef>
#include <memory>
#include <thread>

#include "mrrc/batch.hpp"
#include "mrrc/batch_pipe.hpp"
#include "mrrc/parser.hpp"
#include "mrrc/record_pool.hpp"

namespace mrrc {

struct ThreadedReaderOptions {
    ParseOptions parse;
    std::size_t batch_records = 256;      ///< records per batch at most
    std::size_t batch_bytes = 4u << 20;   ///< record bytes per batch at most (a hard cap on memory)
    std::size_t queue_batches = 4;        ///< batches parsed ahead at most (backpressure)
    std::size_t chunk_size = 1u << 20;    ///< bytes per read() from the file
};

///   ThreadedReader reader(options);
///   int err; if (!reader.open("records.mrc", err)) ...;
///   std::unique_ptr<Batch> b;
///   while ((b = reader.pop()) && !b->items.empty()) { ... }
class ThreadedReader {
public:
    explicit ThreadedReader(const ThreadedReaderOptions& options);
    ~ThreadedReader();  // stops and joins the producer
    ThreadedReader(const ThreadedReader&) = delete;
    ThreadedReader& operator=(const ThreadedReader&) = delete;

    /// Open the file and start the producer; false with errno on failure.
    bool open(const char* path, int& error_number) noexcept;

    /// The next batch, waiting for the producer when none is ready. After the
    /// batch whose status is kEnd or kFailed, returns a batch with no items and kEnd.
    std::unique_ptr<Batch> pop();

    /// Batches parsed and waiting for the consumer (a snapshot; lock-free).
    std::size_t ready() const noexcept { return pipe_.ready(); }

    /// Stop the producer (it finishes at most the batch in hand) and join it. Idempotent.
    void close() noexcept;

    /// Where the consumer hands back records it is done with (they may outlive
    /// the reader); the producer parses into them again.
    const std::shared_ptr<RecordPool>& pool() const noexcept { return pool_; }

private:
    void produce() noexcept;

    ThreadedReaderOptions options_;
    std::shared_ptr<RecordPool> pool_;
    StreamReader reader_;
    BatchPipe<Batch> pipe_;
    std::thread producer_;
};

}  // namespace mrrc
