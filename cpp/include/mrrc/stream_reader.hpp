// Reading a stream of records in batches from memory, a file, or chunks fed
// by a caller. Pure C++: safe to run with Python's GIL released.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "mrrc/byte_buffer.hpp"
#include "mrrc/error.hpp"
#include "mrrc/parser.hpp"
#include "mrrc/record.hpp"
#include "mrrc/record_pool.hpp"
#include "mrrc/scanner.hpp"

namespace mrrc {

/// One step of a reader's output: a record, or the error a pymarc reader would
/// report at this position. `record.buffer` always holds the chunk read
/// (pymarc's current_chunk), even when parsing failed.
struct ReadItem {
    Record record;
    ParseError error;
    bool ok() const noexcept { return error.ok(); }
};

/// Yields ReadItems in stream order with pymarc's reader semantics: a fatal
/// error is the last item; other errors are items and reading goes on.
///   StreamReader reader(ParseOptions{});
///   int err; reader.open_file("records.mrc", err);
///   std::vector<ReadItem> batch;
///   while (reader.next_batch(batch, 500, 1 << 20) == StreamReader::Status::kItems) { ... }
class StreamReader {
public:
    enum class Status : unsigned char {
        kItems,      ///< items were appended
        kNeedInput,  ///< fed input ran dry: call feed() or finish_input()
        kEnd,        ///< the stream is exhausted (or ended by a fatal error)
        kFailed,     ///< out of memory or an I/O error: see failure()
    };

    explicit StreamReader(ParseOptions options, std::size_t chunk_size = 1u << 20) noexcept;
    ~StreamReader();
    StreamReader(const StreamReader&) = delete;
    StreamReader& operator=(const StreamReader&) = delete;

    /// Read records from memory the caller keeps alive and unchanged.
    void attach_memory(const char* data, std::size_t size) noexcept;
    /// Read a file with the operating system's I/O; false with `error_number` (errno) on failure.
    bool open_file(const char* path, int& error_number) noexcept;
    /// Append bytes (copied) for callers that read the input themselves.
    bool feed(const char* data, std::size_t size) noexcept;
    /// Declare that no more bytes will be fed.
    void finish_input() noexcept;

    /// Append up to `max_records` items, stopping early once `max_bytes` of
    /// record data have been appended. Never throws.
    Status next_batch(std::vector<ReadItem>& out, std::size_t max_records, std::size_t max_bytes) noexcept;

    /// With false, items carry the record's bytes unparsed (scan errors are still
    /// reported), for callers that parse them elsewhere (parallel reading).
    void set_parse(bool parse) noexcept { parse_ = parse; }

    /// Parse the records of later batches with these options (a reader's
    /// options changed between records; items already returned keep theirs).
    /// options.oversized also turns oversized scanning on or off.
    void set_options(const ParseOptions& options) noexcept {
        options_ = options;
        scan_.oversized = options.oversized;
    }

    /// How record boundaries are found (ParseOptions::oversized sets
    /// scan.oversized already; this also sets the bound on one record).
    void set_scan_options(const ScanOptions& scan) noexcept { scan_ = scan; }
    /// Parse into records taken from `pool` when it has spares (null: none).
    /// Only the thread that reads may take from it.
    void set_pool(RecordPool* pool) noexcept { pool_ = pool; }
    const ScanOptions& scan_options() const noexcept { return scan_; }

    /// Release the file and buffers; later calls return kEnd.
    void close() noexcept;

    ErrorCode failure() const noexcept { return failure_; }
    int failure_errno() const noexcept { return failure_errno_; }
    std::uint64_t items_read() const noexcept { return next_index_; }
    std::uint64_t bytes_consumed() const noexcept { return consumed_; }

private:
    enum class Source : unsigned char { kNone, kMemory, kFile, kFed };

    const char* data() const noexcept;
    std::size_t size() const noexcept;
    bool at_eof() const noexcept;
    bool refill() noexcept;  // file source: read the next chunk
    void compact() noexcept;
    void take_chunk(ReadItem& item, std::size_t begin, std::size_t end);

    ParseOptions options_;
    ScanOptions scan_;
    RecordPool* pool_ = nullptr;
    std::size_t chunk_size_;
    Source source_ = Source::kNone;
    const char* memory_ = nullptr;
    std::size_t memory_size_ = 0;
    int fd_ = -1;
    ByteBuffer buffer_;
    std::size_t pos_ = 0;            ///< first unconsumed byte of data()
    bool input_finished_ = false;
    bool parse_ = true;
    bool ended_ = false;
    ErrorCode failure_ = ErrorCode::kOk;
    int failure_errno_ = 0;
    std::uint64_t next_index_ = 0;   ///< index of the next item
    std::uint64_t consumed_ = 0;     ///< stream offset of data()[pos_]
};

}  // namespace mrrc
