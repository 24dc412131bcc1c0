// Columnar extraction: chosen parts of every record (ColumnSpec) into Arrow
// string and list<string> columns, batch by batch, on the consumer's thread or
// on N worker threads. A reader (the calling thread, or a producer thread)
// cuts the input into blocks of whole records; a worker parses each record of
// a block into one reused Record and extracts its row, so a record costs no
// allocation. Blocks come out in input order: N threads give exactly the
// one-thread table. Values are those pymarc computes: MARC-8 decoded (and
// NFC-normalised) as reading decodes it, control fields as pymarc decodes
// them. Bad records are skipped and reported (record index, byte offset,
// error), never dropped silently; the error that ends a pymarc reader ends
// its input here too.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "mrrc/arrow_c_data.hpp"
#include "mrrc/column_spec.hpp"
#include "mrrc/error.hpp"
#include "mrrc/parser.hpp"
#include "mrrc/record.hpp"

namespace mrrc {

/// A record the extraction left out, and why.
struct SkippedRecord {
    std::uint32_t source = 0;        ///< which input (0-based)
    std::uint64_t record_index = 0;  ///< position of the record in its input (0-based)
    std::uint64_t byte_offset = 0;   ///< offset of the offending byte in its input
    const char* error = "";          ///< a stable name: the reader's error code name, or NonAsciiSubfieldCode
    const char* message = "";        ///< static text
};

/// The columns made from one block of records.
struct ExtractedBatch {
    std::vector<StringColumn> columns;
    std::int64_t rows = 0;
    std::vector<SkippedRecord> skipped;
    std::uint64_t items = 0;  ///< records and failed chunks read
    std::uint64_t bytes = 0;  ///< their bytes
    bool out_of_memory = false;
    int failure_errno = 0;  ///< the input failed here (see failure)
    std::string failure;
};

/// Whole records cut from one input: where each starts and ends, or the
/// reader-fatal error found there (the last entry of its input).
struct RecordBlock {
    struct Entry {
        std::uint32_t begin = 0;
        std::uint32_t end = 0;
        ErrorCode scan_error = ErrorCode::kOk;
    };
    std::uint32_t source = 0;
    std::string owned;               ///< the bytes, for a file (memory inputs are not copied)
    const char* data = nullptr;      ///< owned.data() or into the caller's memory
    std::uint64_t stream_offset = 0; ///< of data[0] in its input
    std::uint64_t first_index = 0;   ///< record index of the first entry
    std::vector<Entry> entries;
    int failure_errno = 0;           ///< the input could not be opened or read (then no entries)
    std::string failure;
};

/// The name a record gets in SkippedRecord::error when a subfield code is not
/// ASCII: pymarc reads such a record with a warning, normalising the code, and
/// the C++ record holds its text undecoded from there on; the extraction leaves it out (MARCReader reads it).
constexpr const char* kNonAsciiSubfieldCode = "NonAsciiSubfieldCode";

/// Makes columns from parsed records. Stateless once built: one Extractor
/// serves any number of threads.
///   Extractor x(specs); ExtractedBatch b; x.extract(batch.items, 0, b);
class Extractor {
public:
    explicit Extractor(std::vector<ColumnSpec> columns);

    /// One row per good record of `block`, parsed into `scratch`; the others go to
    /// `out.skipped`. Throws std::bad_alloc.
    void extract(const RecordBlock& block, const ParseOptions& options, Record& scratch,
                 ExtractedBatch& out) const;

    /// Append one record's row to `columns` (one per spec). Throws std::bad_alloc.
    void extract_record(const Record& record, std::vector<StringColumn>& columns) const;

    const std::vector<ColumnSpec>& columns() const noexcept { return columns_; }

    /// Whether a data field with this tag can give a value (the parser lists only these fields' subfields).
    bool needs_subfields(const char* tag) const noexcept;

    /// `options` that have the parser list only the subfields this extractor reads.
    ParseOptions parse_options(ParseOptions options) const noexcept;

private:
    bool any_column_reads(const char* tag) const noexcept;

    std::vector<ColumnSpec> columns_;
    std::vector<bool> digit_tags_;  ///< needs_subfields() for tags 000-999, worked out once
};

/// An input: a file (path) or memory the caller keeps alive and unchanged.
struct ExtractSource {
    std::string path;
    const char* data = nullptr;
    std::size_t size = 0;
};

struct ExtractOptions {
    std::vector<ColumnSpec> columns;
    std::vector<std::string> names;       ///< one per column
    unsigned threads = 1;                  ///< 1: the consumer's thread reads, parses and extracts;
                                           ///< N: a reading thread and N workers
    std::size_t batch_records = 8192;      ///< rows per batch at most
    std::size_t batch_bytes = 2u << 20;    ///< record bytes per batch (about: whole records)
    bool force_utf8 = false;               ///< read every record as UTF-8 (pymarc's force_utf8)
};

/// Progress and skipped records, shared between a stream and whoever watches
/// it (any thread).
class ExtractReport {
public:
    void add(const ExtractedBatch& batch);
    std::vector<SkippedRecord> skipped() const;
    std::uint64_t items() const noexcept { return items_.load(); }
    std::uint64_t rows() const noexcept { return rows_.load(); }
    std::uint64_t bytes() const noexcept { return bytes_.load(); }

private:
    mutable std::mutex mutex_;
    std::vector<SkippedRecord> skipped_;
    std::atomic<std::uint64_t> items_{0};
    std::atomic<std::uint64_t> rows_{0};
    std::atomic<std::uint64_t> bytes_{0};
};

/// Batches of columns from a list of inputs, read one after the other; also an
/// ArrowArrayStream source (export_stream).
///   ExtractStream s(options, {{"records.mrc"}});
///   std::unique_ptr<ExtractedBatch> b;
///   while (s.next(b) == 0 && b) { ... }
class ExtractStream : public ArrowBatchSource {
public:
    ExtractStream(ExtractOptions options, std::vector<ExtractSource> sources);
    ~ExtractStream() override;  // joins the threads, then calls the owner's release
    ExtractStream(const ExtractStream&) = delete;
    ExtractStream& operator=(const ExtractStream&) = delete;

    /// Call `release(owner)` when the stream is destroyed (the owner keeps memory sources alive).
    void set_owner(void (*release)(void*), void* owner) noexcept {
        owner_release_ = release;
        owner_ = owner;
    }

    /// The next batch with at least one row (null at the end): 0, or an errno
    /// value with last_error() saying what failed (the file could not be opened
    /// or read; the batches before it were delivered).
    int next(std::unique_ptr<ExtractedBatch>& out) noexcept;

    int get_schema(ArrowSchema* out) noexcept override;
    int get_next(ArrowArray* out) noexcept override;
    const char* last_error() noexcept override { return last_error_.c_str(); }

    std::shared_ptr<ExtractReport> report() const noexcept { return report_; }

    /// Stop reading and join the threads (later calls to next() give the end). Idempotent.
    void close() noexcept;

private:
    class Blocks;  // cuts the inputs into blocks, in order

    int take(std::unique_ptr<ExtractedBatch>& out);  // the next batch in order, made here or by a worker
    int fail(int error_number, const std::string& what) noexcept;
    void produce() noexcept;  // the producer thread (threads > 1)
    void work() noexcept;     // a worker thread

    ExtractOptions options_;
    ParseOptions parse_;
    Extractor extractor_;
    std::unique_ptr<Blocks> blocks_;
    std::shared_ptr<ExtractReport> report_ = std::make_shared<ExtractReport>();
    Record scratch_;  // threads == 1
    std::string last_error_;
    bool failed_ = false;
    bool ended_ = false;
    void (*owner_release_)(void*) = nullptr;
    void* owner_ = nullptr;

    // threads > 1: blocks queued for the workers, batches waiting for the consumer
    std::mutex mutex_;
    std::condition_variable work_ready_;
    std::condition_variable done_ready_;
    std::condition_variable space_;
    std::deque<std::pair<std::uint64_t, std::unique_ptr<RecordBlock>>> jobs_;
    std::map<std::uint64_t, std::unique_ptr<ExtractedBatch>> done_;
    std::uint64_t next_job_ = 0;
    std::uint64_t next_out_ = 0;
    std::size_t in_flight_ = 0;
    bool produced_all_ = false;
    bool stop_ = false;
    std::thread producer_;
    std::vector<std::thread> workers_;
};

}  // namespace mrrc
