#include "mrrc/xml_threaded_reader.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <new>
#include <utility>

namespace mrrc {

XmlThreadedReader::XmlThreadedReader(const expat::Api& api, const XmlThreadedOptions& options)
    : options_(options), reader_(api, options.read), pipe_(options.queue_batches) {}

XmlThreadedReader::~XmlThreadedReader() {
    close();
    if (fd_ >= 0) ::close(fd_);
}

bool XmlThreadedReader::open(const char* path, int& error_number) noexcept {
    do {
        fd_ = ::open(path, O_RDONLY | O_CLOEXEC);
    } while (fd_ < 0 && errno == EINTR);
    if (fd_ < 0) {
        error_number = errno;
        return false;
    }
    try {
        producer_ = std::thread(&XmlThreadedReader::produce, this);
    } catch (...) {
        error_number = 0;
        return false;
    }
    return true;
}

void XmlThreadedReader::produce() noexcept {
    // Everything is caught here: nothing may escape a thread body.
    try {
        std::vector<char> chunk(options_.chunk_size == 0 ? 1 : options_.chunk_size);
        bool last = false;
        while (!last && !pipe_.stopped()) {
            auto batch = std::make_unique<XmlBatch>();
            ssize_t got;
            do {
                got = ::read(fd_, chunk.data(), chunk.size());
            } while (got < 0 && errno == EINTR);
            if (got < 0) {
                batch->io_errno = errno;
                last = true;
            } else {
                last = !reader_.feed(chunk.data(), static_cast<std::size_t>(got), got == 0) || got == 0;
                batch->items.swap(reader_.items());
                batch->error = reader_.error();
            }
            batch->last = last;
            if (batch->items.empty() && !last) continue;
            if (!pipe_.push(std::move(batch))) break;
        }
    } catch (...) {
        auto failed = std::unique_ptr<XmlBatch>(new (std::nothrow) XmlBatch());
        if (failed) {
            failed->last = true;
            failed->error.failure = XmlFailure::kOutOfMemory;
            failed->error.message = "out of memory while reading MARCXML";
            pipe_.push(std::move(failed));
        }
    }
    pipe_.finish();
}

std::unique_ptr<XmlBatch> XmlThreadedReader::pop() noexcept {
    std::unique_ptr<XmlBatch> batch = pipe_.pop();
    if (!batch) {
        batch.reset(new (std::nothrow) XmlBatch());
        if (batch) batch->last = true;
    }
    return batch;
}

void XmlThreadedReader::close() noexcept {
    pipe_.stop();
    if (producer_.joinable()) producer_.join();
}

}  // namespace mrrc
