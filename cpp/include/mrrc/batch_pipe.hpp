// Handing batches from one producer thread to one consumer: a bounded
// Boost.Lockfree SPSC queue, with condition-variable waits only when it is
// empty (consumer) or full (producer). Used by the threaded readers.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>

#include <boost/lockfree/spsc_queue.hpp>

namespace mrrc {

///   BatchPipe<Batch> pipe(4);
///   producer: while (pipe.push(make_batch())) {}  pipe.finish();
///   consumer: while (auto batch = pipe.pop()) use(*batch);
template <typename Batch>
class BatchPipe {
public:
    explicit BatchPipe(std::size_t capacity) : queue_(capacity < 1 ? 1 : capacity) {}
    ~BatchPipe() {
        Batch* left = nullptr;
        while (queue_.pop(left)) delete left;
    }
    BatchPipe(const BatchPipe&) = delete;
    BatchPipe& operator=(const BatchPipe&) = delete;

    /// Producer: hand over a batch, waiting while the pipe is full. False
    /// (the batch is dropped) once stop() has been called.
    bool push(std::unique_ptr<Batch> batch) noexcept {
        std::unique_lock<std::mutex> lock(mutex_);
        space_.wait(lock, [this] { return stopped_.load() || queue_.write_available() > 0; });
        if (stopped_.load()) return false;
        queue_.push(batch.release());
        ready_.notify_one();
        return true;
    }

    /// Producer: no more batches will come.
    void finish() noexcept {
        std::lock_guard<std::mutex> lock(mutex_);
        finished_.store(true);
        ready_.notify_all();
    }

    /// Consumer: the next batch, waiting while none is ready; null once the
    /// producer has finished (or the pipe is stopped) and nothing is left.
    std::unique_ptr<Batch> pop() noexcept {
        Batch* batch = nullptr;
        std::unique_lock<std::mutex> lock(mutex_);
        ready_.wait(lock, [this] { return queue_.read_available() > 0 || finished_.load() || stopped_.load(); });
        if (!queue_.pop(batch)) batch = nullptr;
        space_.notify_one();
        return std::unique_ptr<Batch>(batch);
    }

    /// Either side: wake both and refuse further pushes.
    void stop() noexcept {
        std::lock_guard<std::mutex> lock(mutex_);
        stopped_.store(true);
        space_.notify_all();
        ready_.notify_all();
    }

    bool stopped() const noexcept { return stopped_.load(); }
    /// Batches waiting for the consumer (a snapshot; lock-free).
    std::size_t ready() const noexcept { return queue_.read_available(); }

private:
    boost::lockfree::spsc_queue<Batch*> queue_;
    std::mutex mutex_;               // guards only the waits
    std::condition_variable ready_;  // a batch was pushed, or the producer finished
    std::condition_variable space_;  // a batch was popped, or the pipe was stopped
    std::atomic<bool> stopped_{false};
    std::atomic<bool> finished_{false};
};

}  // namespace mrrc
