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
    /// Oversized scanning only: the end was found at the record terminator
    /// because the leader's record length could not be right.
    bool by_terminator = false;
};

/// How far oversized scanning looks for a record terminator from a record's
/// start before it gives up (the stream then ends with EndOfRecordNotFound).
constexpr std::size_t kMaxScannedRecordBytes = std::size_t{16} << 20;

/// How record boundaries are found.
struct ScanOptions {
    /// false: pymarc's rule, the leader's record length and nothing else.
    /// true ("oversized scanning"): a record whose leader length is not
    /// digits, is below 25, runs past the data, does not end on 0x1D, or
    /// passes over the terminator of an earlier record, ends at its record
    /// terminator instead (see scan_record).
    bool oversized = false;
    std::size_t max_record_bytes = kMaxScannedRecordBytes;  ///< bound on one record in oversized scanning
};

/// Decide what starts at `pos` the way pymarc's MARCReader does: read a 5-byte
/// length (Python int() rules), take that many bytes (all remaining bytes when
/// the length is below 5), and require the last one to be 0x1D. `at_eof` says
/// whether `size` is the true end of the stream. Errors are all reader-fatal:
/// TruncatedRecord, RecordLengthInvalid, EndOfRecordNotFound.
///   auto r = scan_record(buf, n, pos, true);
///   if (r.status == ScanStatus::kRecord) parse(buf + r.begin, r.end - r.begin);
ScanResult scan_record(const char* data, std::size_t size, std::size_t pos, bool at_eof) noexcept;

/// As above with `options`. With options.oversized a record's end is its
/// leader length when that lands on a 0x1D with no earlier real boundary
/// before it (a 0x1E 0x1D followed by a plausible leader); otherwise the
/// first 0x1D after the leader that is preceded by 0x1E, or followed by the
/// end of the input or by a plausible leader (a lone 0x1D inside a value is
/// passed over); failing those within options.max_record_bytes, the first
/// 0x1D. `by_terminator` then says so. Good records are delimited exactly
/// as without the option. No terminator at all: EndOfRecordNotFound
/// (TruncatedRecord at the end of the input when the leader length ran past it).
///   ScanOptions scan; scan.oversized = true;
///   auto r = scan_record(buf, n, pos, true, scan);
ScanResult scan_record(const char* data, std::size_t size, std::size_t pos, bool at_eof,
                       const ScanOptions& options) noexcept;

/// Whether the 24 bytes at `data` (of `size` available) could be a leader in
/// oversized scanning: printable ASCII, digits at 0-4 (any value, 00000 and
/// 99999 included) and at 12-16, a base address of 24 + 12n + 1.
bool looks_like_leader(const char* data, std::size_t size) noexcept;

/// The first offset >= `from` where a plausible record starts: at the buffer
/// start or right after a 0x1D, five digits of
/// length, digits at leader 12-16 giving a base address of 24 + 12n + 1 below
/// the length. Returns `size` when there is none. Used to resynchronise after
/// a corrupt record and to split a file at arbitrary byte offsets.
std::size_t find_record_start(const char* data, std::size_t size, std::size_t from) noexcept;

/// As above; with options.oversized a record start is any looks_like_leader()
/// at the buffer start or right after a 0x1D, whatever its record length says
/// (the Dask and parallel readers split files this way in oversized mode).
std::size_t find_record_start(const char* data, std::size_t size, std::size_t from,
                              const ScanOptions& options) noexcept;

}  // namespace mrrc
