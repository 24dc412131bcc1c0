// Listing a record's pending subfields (FieldSpan::subfields_pending) changes
// its spans, and a path writer's batch reads the spans of the records it holds
// on other threads, without the GIL. The two are kept apart by one lock:
// serialize_batch holds it shared for a whole batch, and listing a record that
// a batch holds takes it exclusively.
#pragma once

#include <cstddef>
#include <shared_mutex>

#include "mrrc/record.hpp"

namespace mrrc {

/// The lock serialize_batch holds shared.
std::shared_mutex& span_listing_mutex() noexcept;

/// Every field, for list_pending_subfields_exclusively.
constexpr std::size_t kEveryField = static_cast<std::size_t>(-1);

/// list_pending_subfields of `record` (or of its field `field_index` alone)
/// with the lock held exclusively: for a record a writer's batch may be
/// reading. False when memory or the lock fails (each field is listed whole
/// or left pending).
bool list_pending_subfields_exclusively(Record& record, std::size_t field_index) noexcept;

}  // namespace mrrc
