// A batch of read items, the unit that crosses from a producer thread to the consumer.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "mrrc/stream_reader.hpp"

namespace mrrc {

/// What a producer hands over: items in stream order, then how the stream stands.
struct Batch {
    std::vector<ReadItem> items;
    StreamReader::Status status = StreamReader::Status::kItems;  ///< kItems, kEnd or kFailed
    ErrorCode failure = ErrorCode::kOk;                          ///< when kFailed
    int failure_errno = 0;
};

/// The next batch from `reader` (at most `records` items / `bytes` of records),
/// with the reader's failure copied in when it failed; null only when there is
/// no memory even for an empty batch. Never throws.
std::unique_ptr<Batch> read_batch(StreamReader& reader, std::size_t records, std::size_t bytes) noexcept;

}  // namespace mrrc
