# Declarations for cpp/include/mrrc/span_listing.hpp
from libcpp cimport bool as cbool

cdef extern from "mrrc/span_listing.hpp" namespace "mrrc" nogil:
    cbool lock_span_listing() noexcept
    void unlock_span_listing() noexcept
