#include "mrrc/scanner.hpp"

#include <cstdint>
#include <cstring>

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

bool looks_like_leader(const char* data, std::size_t size) noexcept {
    if (size < kLeaderLength) return false;
    for (std::size_t i = 0; i < kLeaderLength; ++i) {
        const auto c = static_cast<unsigned char>(data[i]);
        if (c < 0x20 || c > 0x7E) return false;
    }
    std::int64_t length = 0, base = 0;
    if (!parse_fixed_digits(data, 5, length) || !parse_fixed_digits(data + 12, 5, base)) return false;
    const std::int64_t directory_bytes = base - static_cast<std::int64_t>(kLeaderLength) - 1;
    return directory_bytes >= 0 && directory_bytes % static_cast<std::int64_t>(kDirectoryEntryLength) == 0;
}

namespace {

constexpr std::size_t kNotFound = static_cast<std::size_t>(-1);

std::size_t find_byte(const char* data, std::size_t from, std::size_t to, char byte) noexcept {
    if (from >= to) return kNotFound;
    const void* hit = std::memchr(data + from, byte, to - from);
    return hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - data) : kNotFound;
}

/// A 0x1D at `at` that surely ends a record: preceded by 0x1E and followed by
/// a plausible leader that lies before `limit`.
bool real_boundary(const char* data, std::size_t at, std::size_t limit) noexcept {
    return data[at - 1] == kFieldTerminator && at + 1 + kLeaderLength <= limit &&
           looks_like_leader(data + at + 1, limit - at - 1);
}

ScanResult record_at(std::size_t begin, std::size_t end, bool by_terminator) noexcept {
    ScanResult r;
    r.status = ScanStatus::kRecord;
    r.begin = begin;
    r.end = end;
    r.by_terminator = by_terminator;
    return r;
}

}  // namespace

ScanResult scan_record(const char* data, std::size_t size, std::size_t pos, bool at_eof,
                       const ScanOptions& options) noexcept {
    if (!options.oversized) return scan_record(data, size, pos, at_eof);
    const std::size_t available = size > pos ? size - pos : 0;
    ScanResult r;
    r.begin = pos;
    if (available < kLeaderLength) {
        // Short of a leader, more bytes may still make one (the plain scanner
        // would judge the first five now, and the answer would depend on where
        // the input was cut); at the end, the plain scanner's end or error.
        if (at_eof) return scan_record(data, size, pos, at_eof);
        r.status = ScanStatus::kNeedMore;
        return r;
    }
    const std::size_t window = options.max_record_bytes < kLeaderLength + 1 ? kLeaderLength + 1
                                                                             : options.max_record_bytes;
    // 1. The leader's record length, when it lands on a record terminator and
    //    does not pass over an earlier record's end.
    std::int64_t declared = 0;
    bool declared_past_data = false;
    if (parse_fixed_digits(data + pos, kRecordLengthDigits, declared) &&
        declared > static_cast<std::int64_t>(kLeaderLength)) {
        const std::size_t end = pos + static_cast<std::size_t>(declared);
        if (end <= size) {
            if (data[end - 1] == kRecordTerminator) {
                for (std::size_t at = find_byte(data, pos + kLeaderLength, end - 1, kRecordTerminator);
                     at != kNotFound; at = find_byte(data, at + 1, end - 1, kRecordTerminator)) {
                    if (real_boundary(data, at, end)) return record_at(pos, at + 1, true);
                }
                return record_at(pos, end, false);
            }
        } else if (!at_eof) {
            r.status = ScanStatus::kNeedMore;  // the length may yet be right
            return r;
        } else {
            declared_past_data = true;
        }
    }
    // 2. The record terminator: the first 0x1D after the leader that ends a
    //    field, or is followed by the end of the input or by a leader.
    const std::size_t limit = available > window ? pos + window : size;
    const bool whole = at_eof || limit < size;  // nothing more can arrive inside the window
    std::size_t first = kNotFound;
    for (std::size_t at = find_byte(data, pos + kLeaderLength, limit, kRecordTerminator); at != kNotFound;
         at = find_byte(data, at + 1, limit, kRecordTerminator)) {
        if (first == kNotFound) first = at;
        if (data[at - 1] == kFieldTerminator) return record_at(pos, at + 1, true);
        if (at + 1 == size && at_eof) return record_at(pos, at + 1, true);
        if (at + 1 + kLeaderLength > size && !at_eof) {
            r.status = ScanStatus::kNeedMore;  // cannot tell yet whether a leader follows
            return r;
        }
        if (looks_like_leader(data + at + 1, size - at - 1)) return record_at(pos, at + 1, true);
    }
    if (!whole) {
        r.status = ScanStatus::kNeedMore;
        return r;
    }
    if (first != kNotFound) return record_at(pos, first + 1, true);
    r.status = ScanStatus::kError;
    r.end = limit;
    r.error = declared_past_data && limit == size ? ErrorCode::kTruncatedRecord : ErrorCode::kEndOfRecordNotFound;
    return r;
}

std::size_t find_record_start(const char* data, std::size_t size, std::size_t from,
                              const ScanOptions& options) noexcept {
    if (!options.oversized) return find_record_start(data, size, from);
    for (std::size_t p = from; p + kLeaderLength <= size; ++p) {
        if (p > 0 && data[p - 1] != kRecordTerminator) continue;
        if (looks_like_leader(data + p, size - p)) return p;
    }
    return size;
}

}  // namespace mrrc
