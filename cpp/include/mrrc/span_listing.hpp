// Listing a record's pending subfields (FieldSpan::subfields_pending) changes
// its spans, and a path writer's batch reads the spans of the records it holds
// on other threads, without the GIL. The two are kept apart by one lock:
// serialize_batch holds it shared for a whole batch, and the Python layer
// lists a record that a batch holds with it held exclusively (taken without
// the GIL, then the listing done with the GIL, so that no Python thread reads
// the record meanwhile either).
#pragma once

#include <shared_mutex>

namespace mrrc {

/// The lock. A forked child gets a new one: a thread of the parent that held
/// it does not exist there.
std::shared_mutex& span_listing_mutex() noexcept;

/// span_listing_mutex() taken exclusively; false when the lock fails.
bool lock_span_listing() noexcept;
void unlock_span_listing() noexcept;

}  // namespace mrrc
