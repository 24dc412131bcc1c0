#include "mrrc/scanner.hpp"

#include <cstdint>

#include "mrrc/ascii_number.hpp"
#include "mrrc/constants.hpp"

namespace mrrc {

ScanResult scan_record(const char* data, std::size_t size, std::size_t pos, bool at_eof) noexcept {
    ScanResult r;
    r.begin = pos;
    const std::size_t available = size > pos ? size - pos : 0;
    if (available == 0) {
        r.status = at_eof ? ScanStatus::kEnd : ScanStatus::kNeedMore;
        return r;
    }
    if (available < kRecordLengthDigits) {
        if (!at_eof) {
            r.status = ScanStatus::kNeedMore;
            return r;
        }
        r.status = ScanStatus::kError;
        r.end = size;
        r.error = ErrorCode::kTruncatedRecord;
        return r;
    }
    std::int64_t length = 0;
    if (!parse_python_int(data + pos, kRecordLengthDigits, length)) {
        r.status = ScanStatus::kError;
        r.end = pos + kRecordLengthDigits;
        r.error = ErrorCode::kRecordLengthInvalid;
        return r;
    }
    // pymarc reads length - 5 more bytes; a negative count reads to the end.
    const bool to_end = length < static_cast<std::int64_t>(kRecordLengthDigits);
    if (to_end && !at_eof) {
        r.status = ScanStatus::kNeedMore;
        return r;
    }
    const std::size_t wanted = to_end ? available : static_cast<std::size_t>(length);
    if (available < wanted) {
        if (!at_eof) {
            r.status = ScanStatus::kNeedMore;
            return r;
        }
        r.status = ScanStatus::kError;
        r.end = size;
        r.error = ErrorCode::kTruncatedRecord;
        return r;
    }
    r.end = pos + wanted;
    if (data[r.end - 1] != kRecordTerminator) {
        r.status = ScanStatus::kError;
        r.error = ErrorCode::kEndOfRecordNotFound;
        return r;
    }
    r.status = ScanStatus::kRecord;
    return r;
}

std::size_t find_record_start(const char* data, std::size_t size, std::size_t from) noexcept {
    for (std::size_t p = from; p + kLeaderLength <= size; ++p) {
        if (p > 0 && data[p - 1] != kRecordTerminator) continue;
        std::int64_t length = 0, base = 0;
        if (!parse_fixed_digits(data + p, 5, length) || !parse_fixed_digits(data + p + 12, 5, base)) continue;
        const std::int64_t directory_bytes = base - static_cast<std::int64_t>(kLeaderLength) - 1;
        if (directory_bytes < 0 || directory_bytes % static_cast<std::int64_t>(kDirectoryEntryLength) != 0) continue;
        if (base < length) return p;
    }
    return size;
}

}  // namespace mrrc
