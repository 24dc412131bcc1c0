#include "mrrc/span_listing.hpp"

#include <mutex>

#include "mrrc/parser.hpp"

namespace mrrc {

std::shared_mutex& span_listing_mutex() noexcept {
    static std::shared_mutex mutex;
    return mutex;
}

bool list_pending_subfields_exclusively(Record& record, std::size_t field_index) noexcept {
    try {
        const std::lock_guard<std::shared_mutex> lock(span_listing_mutex());
        if (field_index == kEveryField) {
            list_pending_subfields(record);
        } else {
            list_pending_subfields(record, field_index);
        }
    } catch (...) {  // no memory, or the lock failed
        return false;
    }
    return true;
}

}  // namespace mrrc
