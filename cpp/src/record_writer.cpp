#include "mrrc/record_writer.hpp"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <mutex>
#include <new>
#include <shared_mutex>
#include <utility>

#include "mrrc/serializer.hpp"
#include "mrrc/span_listing.hpp"

namespace mrrc {

bool surely_fits(const Record& record, std::string_view leader) noexcept {
    for (const FieldSpan& f : record.fields) {
        if (field_size_bound(f) > 9999) return false;
    }
    return serialized_size_bound(record, leader) <= 99999;
}

namespace {

bool serialize_part(const WriteItem* items, std::size_t count, ByteBuffer& out) noexcept {
    const std::size_t start = out.size();
    try {
        for (std::size_t i = 0; i < count; ++i) {
            const WriteItem& item = items[i];
            if (item.record == nullptr) {
                out.append(item.bytes.data(), item.bytes.size());
                continue;
            }
            std::string_view leader = item.bytes.empty() ? item.record->leader() : item.bytes;
            char own[kLeaderLength];
            if (item.coding_scheme != '\0' && item.bytes.empty() && leader.size() == kLeaderLength) {
                leader.copy(own, kLeaderLength);
                own[9] = item.coding_scheme;
                leader = std::string_view(own, kLeaderLength);
            }
            Iso2709Overflow overflow;
            char* at = out.grow(serialized_size_bound(*item.record, leader));
            out.commit(serialize_checked(*item.record, leader, at, overflow));
        }
    } catch (const std::bad_alloc&) {
        out.truncate(start);
        return false;
    }
    return true;
}

}  // namespace

bool serialize_batch(const WriteItem* items, std::size_t count, unsigned threads, ByteBuffer& out) noexcept {
    constexpr std::size_t kItemsPerThread = 512;  // below this a thread costs more than it saves
    std::shared_lock<std::shared_mutex> listing(span_listing_mutex(), std::defer_lock);
    try {
        listing.lock();  // no record of the batch has its subfields listed meanwhile
    } catch (...) {
        return false;
    }
    if (threads <= 1 || count < 2 * kItemsPerThread) return serialize_part(items, count, out);
    if (threads > count / kItemsPerThread) threads = static_cast<unsigned>(count / kItemsPerThread);
    const std::size_t start = out.size();
    try {
        std::vector<ByteBuffer> parts(threads);
        std::vector<char> ok(threads, 0);
        std::vector<std::thread> workers;
        const std::size_t share = (count + threads - 1) / threads;
        for (unsigned t = 1; t < threads; ++t) {
            const std::size_t from = t * share, n = from < count ? std::min(share, count - from) : 0;
            workers.emplace_back([&, t, from, n] { ok[t] = serialize_part(items + from, n, parts[t]); });
        }
        ok[0] = serialize_part(items, std::min(share, count), out);  // the first part straight into `out`
        for (std::thread& w : workers) w.join();
        for (unsigned t = 0; t < threads; ++t) {
            if (!ok[t]) {
                out.truncate(start);
                return false;
            }
        }
        for (unsigned t = 1; t < threads; ++t) out.append(parts[t].data(), parts[t].size());
    } catch (...) {  // no memory or no thread
        out.truncate(start);
        return false;
    }
    return true;
}

FileWriter::FileWriter(std::size_t queue_batches) : pipe_(queue_batches) {}

FileWriter::~FileWriter() { close(); }

bool FileWriter::open(const char* path, int& error_number) noexcept {
    const int fd = ::open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
        error_number = errno;
        return false;
    }
    fd_ = fd;
    return true;
}

void FileWriter::fail(int error_number) noexcept {
    int none = 0;
    error_.compare_exchange_strong(none, error_number ? error_number : EIO);
}

void FileWriter::run() noexcept {
    // Nothing may escape a thread body: every failure becomes error_.
    while (std::unique_ptr<ByteBuffer> buffer = pipe_.pop()) {
        const char* p = buffer->data();
        std::size_t left = buffer->size();
        while (left > 0 && error_.load() == 0) {
            const ssize_t n = ::write(fd_, p, left);
            if (n < 0) {
                if (errno == EINTR) continue;
                fail(errno);
                break;
            }
            p += n;
            left -= static_cast<std::size_t>(n);
            bytes_written_.fetch_add(static_cast<std::uint64_t>(n));
        }
        buffer->clear();
        std::lock_guard<std::mutex> lock(mutex_);
        try {
            if (spares_.size() < 2) spares_.push_back(std::move(buffer));
        } catch (...) {
        }  // a buffer not kept is freed: nothing lost
        ++finished_;
        done_.notify_all();
    }
}

bool FileWriter::submit(std::unique_ptr<ByteBuffer> buffer) noexcept {
    if (fd_ < 0 || error_.load() != 0) return false;
    // The thread starts with the first buffer: a writer that never fills one
    // has none (and a fork() before that leaves no thread behind mid-start).
    if (!thread_.joinable()) {
        try {
            thread_ = std::thread(&FileWriter::run, this);
        } catch (...) {
            fail(EAGAIN);
            return false;
        }
    }
    {
        std::lock_guard<std::mutex> lock(mutex_);
        ++submitted_;
    }
    if (!pipe_.push(std::move(buffer))) {
        std::lock_guard<std::mutex> lock(mutex_);
        --submitted_;
        return false;
    }
    return true;
}

std::unique_ptr<ByteBuffer> FileWriter::spare() noexcept {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!spares_.empty()) {
            std::unique_ptr<ByteBuffer> buffer = std::move(spares_.back());
            spares_.pop_back();
            return buffer;
        }
    }
    return std::unique_ptr<ByteBuffer>(new (std::nothrow) ByteBuffer());
}

int FileWriter::drain() noexcept {
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [this] { return finished_ == submitted_; });
    return error_.load();
}

int FileWriter::close() noexcept {
    if (fd_ < 0) return error_.load();
    drain();
    pipe_.finish();
    if (thread_.joinable()) thread_.join();
    if (::close(fd_) != 0) fail(errno);
    fd_ = -1;
    return error_.load();
}

}  // namespace mrrc
