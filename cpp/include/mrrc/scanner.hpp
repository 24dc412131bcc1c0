// Finding record boundaries in a buffer that holds many records, possibly
// cut mid-record at its end (chunked input).
#pragma once

#include <cstddef>

#include "mrrc/error.hpp"

namespace mrrc {

enum class ScanStatus : unsigned char {
    kRecord,    ///< [begin, end) is a whole record ending in 0x1D
    kError,     ///< [begin, end) is the chunk a reader would report; `error` says why
    kNeedMore,  ///< the bytes after `pos` end too early to decide: supply more input
    kEnd,       ///< nothing left
};

struct ScanResult {
    ScanStatus status = ScanStatus::kEnd;
    std::size_t begin = 0;
    std::size_t end = 0;
    ErrorCode error = ErrorCode::kOk;
};

/// Decide what starts at `pos` the way pymarc's MARCReader does: read a 5-byte
/// length (Python int() rules), take that many bytes (all remaining bytes when
/// the length is below 5), and require the last one to be 0x1D. `at_eof` says
/// whether `size` is the true end of the stream. Errors are all reader-fatal:
/// TruncatedRecord, RecordLengthInvalid, EndOfRecordNotFound.
///   auto r = scan_record(buf, n, pos, true);
///   if (r.status == ScanStatus::kRecord) parse(buf + r.begin, r.end - r.begin);
ScanResult scan_record(const char* data, std::size_t size, std::size_t pos, bool at_eof) noexcept;

/// The first offset >= `from` where a plausible record starts: at the buffer
/// start or right after a 0x1D, five digits of
/// length, digits at leader 12-16 giving a base address of 24 + 12n + 1 below
/// the length. Returns `size` when there is none. Used to resynchronise after
/// a corrupt record and to split a file at arbitrary byte offsets.
std::size_t find_record_start(const char* data, std::size_t size, std::size_t from) noexcept;

}  // namespace mrrc
