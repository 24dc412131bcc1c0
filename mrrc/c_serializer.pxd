# Declarations for cpp/include/mrrc/serializer.hpp
from libcpp.string cimport string
from libcpp.string_view cimport string_view
from mrrc.c_record cimport CRecord

cdef extern from "mrrc/serializer.hpp" namespace "mrrc" nogil:
    bint serialize_record(const CRecord& record, char coding_scheme, string& out) noexcept
    bint serialize_record(const CRecord& record, string_view leader, string& out) noexcept
    size_t serialized_size(const CRecord& record) noexcept
    size_t serialized_size(const CRecord& record, string_view leader) noexcept
    void serialize_into(const CRecord& record, string_view leader, char* out) noexcept

    cdef cppclass CIso2709Overflow "mrrc::Iso2709Overflow":
        int kind
        int field_index
        size_t length

    size_t serialized_size(const CRecord& record, string_view leader, CIso2709Overflow& overflow) noexcept

    size_t serialized_size_bound(const CRecord& record, string_view leader) noexcept
    size_t serialize_checked(const CRecord& record, string_view leader, char* out,
                             CIso2709Overflow& overflow) noexcept
