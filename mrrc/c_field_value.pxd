# Declarations for cpp/include/mrrc/field_value.hpp
from mrrc.c_record cimport CFieldSpan, CRecord

cdef extern from "mrrc/field_value.hpp" namespace "mrrc" nogil:
    const size_t kNoValue
    const size_t kValuePadding
    size_t join_listed_values(const CRecord& record, const CFieldSpan& field, char* out) noexcept
    size_t join_unlisted_values(const CRecord& record, const CFieldSpan& field, char* out) noexcept
