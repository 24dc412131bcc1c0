#include "mrrc/span_listing.hpp"

#include <pthread.h>

#include <new>

namespace mrrc {

namespace {

// Never destroyed: a thread may still hold the lock while the process exits.
alignas(std::shared_mutex) unsigned char first_lock[sizeof(std::shared_mutex)];
std::shared_mutex* current = nullptr;

// The child has only the thread that forked; the old lock is left as it was.
void renew_in_child() noexcept {
    if (auto* fresh = new (std::nothrow) std::shared_mutex) current = fresh;
}

std::shared_mutex* made() noexcept {
    current = new (first_lock) std::shared_mutex;
    pthread_atfork(nullptr, nullptr, renew_in_child);
    return current;
}

}  // namespace

std::shared_mutex& span_listing_mutex() noexcept {
    static std::shared_mutex* const first = made();  // (thread-safe initialisation)
    (void)first;
    return *current;
}

bool lock_span_listing() noexcept {
    try {
        span_listing_mutex().lock();
    } catch (...) {
        return false;
    }
    return true;
}

void unlock_span_listing() noexcept { span_listing_mutex().unlock(); }

}  // namespace mrrc
