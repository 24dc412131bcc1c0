// Columnar extraction: chosen parts of every record (ColumnSpec) into Arrow
// string and list<string> columns, batch by batch, on one thread or on N
// worker threads (each worker parses and extracts whole batches; batches come
// out in input order, so N threads give exactly the one-thread table).
// Values are those pymarc computes: MARC-8 decoded (and NFC-normalised) as
// reading decodes it, control fields as pymarc decodes them. Bad records are
// skipped and reported (record index, byte offset, error), never dropped
// silently; the error that ends a pymarc reader ends its input here too.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "mrrc/arrow_c_data.hpp"
#include "mrrc/batch.hpp"
#include "mrrc/column_spec.hpp"
#include "mrrc/error.hpp"
#include "mrrc/parallel_reader.hpp"
#include "mrrc/stream_reader.hpp"

namespace mrrc {

/// A record the extraction left out, and why.
struct SkippedRecord {
    std::uint32_t source = 0;        ///< which input (0-based)
    std::uint64_t record_index = 0;  ///< position of the record in its input (0-based)
    std::uint64_t byte_offset = 0;   ///< offset of the offending byte in its input
    const char* error = "";          ///< a stable name: the reader's error code name, or NonAsciiSubfieldCode
    const char* message = "";        ///< static text
};

/// The columns made from one batch of records.
struct ExtractedBatch : BatchProduct {
    std::vector<StringColumn> columns;
    std::int64_t rows = 0;
    std::vector<SkippedRecord> skipped;
    std::uint64_t items = 0;  ///< records and failed chunks read
    std::uint64_t bytes = 0;  ///< their bytes
    bool out_of_memory = false;
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
    explicit Extractor(std::vector<ColumnSpec> columns) : columns_(std::move(columns)) {}

    /// One row per good item of `items`; the others go to `out.skipped`. Throws std::bad_alloc.
    void extract(const std::vector<ReadItem>& items, std::uint32_t source, ExtractedBatch& out) const;

    /// Append one record's row to `columns` (one per spec). Throws std::bad_alloc.
    void extract_record(const Record& record, std::vector<StringColumn>& columns) const;

    const std::vector<ColumnSpec>& columns() const noexcept { return columns_; }

private:
    std::vector<ColumnSpec> columns_;
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
    unsigned threads = 1;                  ///< 1: the consumer's thread reads, parses and extracts
    std::size_t batch_records = 8192;      ///< rows per batch at most
    std::size_t batch_bytes = 8u << 20;    ///< record bytes per batch at most
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
    /// value with last_error() saying what failed (the file could not be opened or read).
    int next(std::unique_ptr<ExtractedBatch>& out) noexcept;

    int get_schema(ArrowSchema* out) noexcept override;
    int get_next(ArrowArray* out) noexcept override;
    const char* last_error() noexcept override { return last_error_.c_str(); }

    std::shared_ptr<ExtractReport> report() const noexcept { return report_; }

    /// Stop reading and join the threads. Idempotent.
    void close() noexcept;

private:
    int open_source() noexcept;
    int fail(int error_number, const std::string& what) noexcept;

    ExtractOptions options_;
    std::vector<ExtractSource> sources_;
    Extractor extractor_;
    std::shared_ptr<ExtractReport> report_ = std::make_shared<ExtractReport>();
    std::size_t next_source_ = 0;
    std::uint32_t current_ = 0;
    std::unique_ptr<StreamReader> reader_;      // threads == 1
    std::unique_ptr<ParallelReader> parallel_;  // threads > 1
    std::vector<ReadItem> items_;
    std::string last_error_;
    bool failed_ = false;
    void (*owner_release_)(void*) = nullptr;
    void* owner_ = nullptr;
};

}  // namespace mrrc
