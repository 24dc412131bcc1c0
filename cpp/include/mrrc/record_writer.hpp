// Writing ISO 2709 in batches: the records a writer gathers are serialised
// together into one buffer (the glue does it once per batch, without the GIL,
// so that writers on several threads run in parallel), and full buffers go to
// a writer thread that owns the file, through the same SPSC BatchPipe the
// threaded readers use, so that Python goes on producing while it writes. Errors from the operating system are
// kept and reported to the caller at its next call, never dropped.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "mrrc/batch_pipe.hpp"
#include "mrrc/byte_buffer.hpp"
#include "mrrc/record.hpp"

namespace mrrc {

/// One record of a batch: a parsed record, serialised when the batch is
/// (with `bytes` as the leader to write, or else its own leader with byte 9
/// replaced by `coding_scheme` unless that is '\0'), or, when `record` is
/// null, ISO 2709 bytes serialised already.
struct WriteItem {
    const Record* record = nullptr;
    std::string_view bytes;
    char coding_scheme = '\0';
};

/// True when the record is sure to be within ISO 2709's limits with this
/// leader, judged from the fields' stored lengths alone (no subfield pass).
/// When false, check it exactly (serialize_checked) before batching it.
bool surely_fits(const Record& record, std::string_view leader) noexcept;

/// Append the items, in order, to `out`, each record as serialize_into
/// writes it; every record must be within the limits (surely_fits, or checked).
/// `threads` > 1 serialises parts of a large batch on that many threads.
/// Returns false when memory or a thread runs out; `out` is then as it was.
///   std::vector<WriteItem> items = ...; ByteBuffer out; serialize_batch(items.data(), items.size(), 1, out);
bool serialize_batch(const WriteItem* items, std::size_t count, unsigned threads, ByteBuffer& out) noexcept;

/// A file written by a thread of its own: submit() hands over a buffer and
/// returns at once (waiting only while `queue_batches` are already pending).
///   FileWriter writer(4); int e;
///   if (!writer.open("out.mrc", e)) ...;
///   auto buffer = writer.spare(); fill(*buffer); writer.submit(std::move(buffer));
///   if (int e = writer.close()) report(e);
class FileWriter {
public:
    explicit FileWriter(std::size_t queue_batches);
    ~FileWriter();  // close(), its error unreported
    FileWriter(const FileWriter&) = delete;
    FileWriter& operator=(const FileWriter&) = delete;

    /// Create or truncate the file; false with errno on failure.
    bool open(const char* path, int& error_number) noexcept;

    /// Hand a buffer to the thread (started by the first). False (the buffer
    /// dropped) once a write has failed or no thread could be started
    /// (error_number() says why), or the writer is closed.
    bool submit(std::unique_ptr<ByteBuffer> buffer) noexcept;

    /// An empty buffer: one the thread has written already, or a new one (null when out of memory).
    std::unique_ptr<ByteBuffer> spare() noexcept;

    /// Wait until every buffer submitted is in the file; 0, or the errno of the first failed write.
    int drain() noexcept;

    /// drain(), stop and join the thread, close the file; 0 or the first errno (close's included). Idempotent.
    int close() noexcept;

    /// The first failure so far (0 when none); lock-free.
    int error_number() const noexcept { return error_.load(); }
    /// Bytes in the file so far (written by the thread).
    std::uint64_t bytes_written() const noexcept { return bytes_written_.load(); }
    bool is_open() const noexcept { return fd_ >= 0; }

private:
    void run() noexcept;
    void fail(int error_number) noexcept;

    int fd_ = -1;
    BatchPipe<ByteBuffer> pipe_;
    std::thread thread_;
    std::atomic<int> error_{0};
    std::atomic<std::uint64_t> bytes_written_{0};
    std::mutex mutex_;               // guards the counts and the spare buffers
    std::condition_variable done_;   // a buffer has been written (or dropped after a failure)
    std::uint64_t submitted_ = 0;
    std::uint64_t finished_ = 0;
    std::vector<std::unique_ptr<ByteBuffer>> spares_;
};

}  // namespace mrrc
