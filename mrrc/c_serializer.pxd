# Declarations for cpp/include/mrrc/serializer.hpp (what the glue uses: the
# writers' one-pass form; the two-pass serialize_record is the C++ side's own)
from libcpp.string_view cimport string_view
from mrrc.c_record cimport CRecord

cdef extern from "mrrc/serializer.hpp" namespace "mrrc" nogil:
    cdef cppclass CIso2709Overflow "mrrc::Iso2709Overflow":
        int kind
        int field_index
        size_t length

    size_t serialized_size_bound(const CRecord& record, string_view leader) noexcept
    size_t serialize_checked(const CRecord& record, string_view leader, char* out,
                             CIso2709Overflow& overflow, bint allow_oversized) noexcept
