#include "mrrc/record_pool.hpp"

#include <utility>

namespace mrrc {

RecordPool::RecordPool(std::size_t capacity) : capacity_(capacity) {
    spare_.reserve(capacity_);  // (both, as they swap: pushing never allocates)
    taken_.reserve(capacity_);
}

void RecordPool::give_back(std::vector<Record>& records) noexcept {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        for (Record& r : records) {
            if (spare_.size() == capacity_ || spare_.size() == spare_.capacity()) break;
            if (r.heap_bytes() <= kMaxKeptBytes) spare_.push_back(std::move(r));
        }
        if (!spare_.empty()) has_spare_.store(true, std::memory_order_release);
    }
    records.clear();  // the records not kept are freed here, outside the lock
}

bool RecordPool::take(Record& out) noexcept {
    if (taken_.empty()) {
        if (!has_spare_.load(std::memory_order_acquire)) return false;
        std::lock_guard<std::mutex> lock(mutex_);
        taken_.swap(spare_);
        has_spare_.store(false, std::memory_order_relaxed);
        if (taken_.empty()) return false;
    }
    out = std::move(taken_.back());
    taken_.pop_back();
    out.clear();
    return true;
}

}  // namespace mrrc
