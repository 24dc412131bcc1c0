#include "mrrc/batch.hpp"

#include <new>

namespace mrrc {

std::unique_ptr<Batch> read_batch(StreamReader& reader, std::size_t records, std::size_t bytes) noexcept {
    std::unique_ptr<Batch> batch(new (std::nothrow) Batch);
    if (!batch) return nullptr;
    try {
        batch->status = reader.next_batch(batch->items, records, bytes);
    } catch (...) {  // next_batch does not throw; growing the vector of items may
        batch->status = StreamReader::Status::kFailed;
    }
    if (batch->status == StreamReader::Status::kFailed) {
        batch->failure = reader.failure() == ErrorCode::kOk ? ErrorCode::kOutOfMemory : reader.failure();
        batch->failure_errno = reader.failure_errno();
    }
    return batch;
}

}  // namespace mrrc
