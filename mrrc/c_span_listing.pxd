# Declarations for cpp/include/mrrc/span_listing.hpp
from libcpp cimport bool as cbool

from mrrc.c_record cimport CRecord

cdef extern from "mrrc/span_listing.hpp" namespace "mrrc" nogil:
    const size_t kEveryField
    cbool list_pending_subfields_exclusively(CRecord& record, size_t field_index) noexcept
