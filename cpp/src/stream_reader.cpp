#include "mrrc/stream_reader.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <new>

#include "mrrc/scanner.hpp"

namespace mrrc {

StreamReader::StreamReader(ParseOptions options, std::size_t chunk_size) noexcept
    : options_(options), chunk_size_(chunk_size < 4096 ? 4096 : chunk_size) {
    scan_.oversized = options.oversized;
}

StreamReader::~StreamReader() { close(); }

void StreamReader::attach_memory(const char* data, std::size_t size) noexcept {
    source_ = Source::kMemory;
    memory_ = data;
    memory_size_ = size;
    input_finished_ = true;
}

bool StreamReader::open_file(const char* path, int& error_number) noexcept {
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error_number = errno;
        return false;
    }
    fd_ = fd;
    source_ = Source::kFile;
    return true;
}

bool StreamReader::feed(const char* data, std::size_t size) noexcept {
    source_ = Source::kFed;
    try {
        compact();
        buffer_.append(data, size);
        return true;
    } catch (const std::bad_alloc&) {
        return false;
    }
}

void StreamReader::finish_input() noexcept {
    if (source_ == Source::kNone) source_ = Source::kFed;
    input_finished_ = true;
}

void StreamReader::close() noexcept {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    ended_ = true;
    memory_ = nullptr;
    memory_size_ = 0;
    buffer_.release();
    pos_ = 0;
}

const char* StreamReader::data() const noexcept {
    return source_ == Source::kMemory ? memory_ : buffer_.data();
}

std::size_t StreamReader::size() const noexcept {
    return source_ == Source::kMemory ? memory_size_ : buffer_.size();
}

bool StreamReader::at_eof() const noexcept { return input_finished_; }

void StreamReader::compact() noexcept {
    // Drop consumed bytes once they dominate the buffer, so it stays near one chunk.
    if (pos_ > 0 && pos_ * 2 >= buffer_.size()) {
        buffer_.consume_front(pos_);
        pos_ = 0;
    }
}

bool StreamReader::refill() noexcept {
    try {
        compact();
        char* space = buffer_.grow(chunk_size_);
        ssize_t got;
        do {
            got = ::read(fd_, space, chunk_size_);
        } while (got < 0 && errno == EINTR);
        if (got < 0) {
            failure_ = ErrorCode::kIoError;
            failure_errno_ = errno;
            return false;
        }
        buffer_.commit(static_cast<std::size_t>(got));
        if (got == 0) input_finished_ = true;
        return true;
    } catch (const std::bad_alloc&) {
        failure_ = ErrorCode::kOutOfMemory;
        return false;
    }
}

void StreamReader::take_chunk(ReadItem& item, std::size_t begin, std::size_t end) {
    item.record.buffer.assign(data() + begin, end - begin);
    item.record.record_index = next_index_;
    item.record.stream_offset = consumed_ + (begin - pos_);
}

StreamReader::Status StreamReader::next_batch(std::vector<ReadItem>& out, std::size_t max_records,
                                              std::size_t max_bytes) noexcept {
    if (failure_ != ErrorCode::kOk) return Status::kFailed;
    const std::size_t first = out.size();
    std::size_t bytes = 0;
    try {
        out.reserve(first + std::min<std::size_t>(max_records, 1024));  // no moving items while the batch grows
        while (!ended_ && out.size() - first < max_records && bytes < max_bytes) {
            const ScanResult scan = scan_record(data(), size(), pos_, at_eof(), scan_);
            if (scan.status == ScanStatus::kNeedMore) {
                if (source_ == Source::kFile) {
                    if (!refill()) return Status::kFailed;
                    continue;
                }
                break;  // the caller must feed more
            }
            if (scan.status == ScanStatus::kEnd) {
                ended_ = true;
                break;
            }
            out.emplace_back();
            ReadItem& item = out.back();
            if (pool_) pool_->take(item.record);
            take_chunk(item, scan.begin, scan.end);
            if (scan.by_terminator) item.record.flags |= kFlagDelimitedRecord;  // kept by parsing
            if (scan.status == ScanStatus::kError) {
                item.error.set(scan.error, 0, static_cast<std::uint32_t>(scan.end - scan.begin),
                               scan.error == ErrorCode::kRecordLengthInvalid
                                   ? "the first 5 bytes of the record are not a number"
                               : scan.error == ErrorCode::kTruncatedRecord
                                   ? "the stream ends before the record length is reached"
                                   : "the record does not end with a record terminator (0x1D)");
                ended_ = true;
            } else if (parse_) {
                parse_buffer(options_, item.record, item.error);
            }
            item.error.record_index = next_index_;
            item.error.byte_offset = item.record.stream_offset + item.error.offset_in_record;
            ++next_index_;
            bytes += scan.end - scan.begin;
            consumed_ += scan.end - pos_;
            pos_ = scan.end;
        }
    } catch (const std::bad_alloc&) {
        failure_ = ErrorCode::kOutOfMemory;
        ended_ = true;
        return out.size() > first ? Status::kItems : Status::kFailed;
    }
    if (out.size() > first) return Status::kItems;
    if (ended_) return Status::kEnd;
    return Status::kNeedInput;
}

}  // namespace mrrc
