// Following records by their lengths through a byte range: how a file cut at
// arbitrary offsets (one block per task) is given back as ranges of whole
// records, exactly the ones a sequential reader finds (mrrc.dask).
#pragma once

#include <cstddef>

#include "mrrc/error.hpp"
#include "mrrc/scanner.hpp"

namespace mrrc {

enum class ChainStatus : unsigned char {
    kPassed,    ///< `pos` is the first record start at or beyond `stop`
    kNeedMore,  ///< the record at `pos` ends beyond `size`: supply more input
    kError,     ///< the reader stops at `pos` with `error`, having read to `error_end`
    kEnd,       ///< the stream ends at `pos` (== size) before `stop`
};

struct ChainResult {
    ChainStatus status = ChainStatus::kEnd;
    std::size_t pos = 0;
    std::size_t records = 0;  ///< reader items passed (good or bad records), not counting a fatal one
    std::size_t error_end = 0;
    ErrorCode error = ErrorCode::kOk;
};

/// From the record starting at `pos`, step from record to record the way the
/// sequential reader does (scan_record) until a record starts at or after
/// `stop`, the data ends, or the reader would stop with a fatal error.
///   auto r = follow_records(block, n, first_start, block_end, at_eof);
///   if (r.status == ChainStatus::kPassed) next_block_must_start_at(r.pos);
ChainResult follow_records(const char* data, std::size_t size, std::size_t pos, std::size_t stop,
                           bool at_eof) noexcept;

/// As above, with records delimited by `options` (oversized scanning).
ChainResult follow_records(const char* data, std::size_t size, std::size_t pos, std::size_t stop, bool at_eof,
                           const ScanOptions& options) noexcept;

}  // namespace mrrc
