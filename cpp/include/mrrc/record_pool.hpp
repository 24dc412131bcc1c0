// Records handed back by their consumer for a producer thread to parse into
// again. glibc's malloc is slow when blocks allocated on one thread are freed
// on another (each free takes the producing thread's arena lock); reused
// records keep their buffers' room instead, so steady reading allocates and
// frees no record memory at all.
#pragma once

#include <atomic>
#include <cstddef>
#include <mutex>
#include <vector>

#include "mrrc/record.hpp"

namespace mrrc {

///   RecordPool pool(512);
///   consumer, any thread:   pool.give_back(done);   // `done` is left empty
///   the producer thread:    pool.take(item.record); // room from a spare, if any
class RecordPool {
public:
    /// Records holding more heap than this are freed, not kept (a record
    /// parsed into a spare keeps its room while it is held).
    static constexpr std::size_t kMaxKeptBytes = 8192;

    explicit RecordPool(std::size_t capacity);
    RecordPool(const RecordPool&) = delete;
    RecordPool& operator=(const RecordPool&) = delete;

    /// Keep `records` for reuse, up to the pool's capacity (the rest are
    /// freed); `records` is left empty, its room kept. Any thread.
    void give_back(std::vector<Record>& records) noexcept;

    /// Move a spare's room into `out` (cleared, as a new Record). False when
    /// there is none; `out` is then untouched. The one producer thread only.
    bool take(Record& out) noexcept;

private:
    std::size_t capacity_;
    std::mutex mutex_;
    std::vector<Record> spare_;        // guarded by mutex_
    std::atomic<bool> has_spare_{false};
    std::vector<Record> taken_;        // the producer's, swapped with spare_ when it runs out
};

}  // namespace mrrc
