// A batch of read items, the unit that crosses from a producer thread to the consumer.
#pragma once

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

}  // namespace mrrc
