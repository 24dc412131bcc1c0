# Declarations for cpp/include/mrrc/marc8_writer.hpp
from libcpp.string cimport string
from libcpp.string_view cimport string_view
from mrrc.c_record cimport CRecord
from mrrc.c_serializer cimport CIso2709Overflow

cdef extern from "mrrc/marc8_writer.hpp" namespace "mrrc" nogil:
    cdef enum class CMarc8Write "mrrc::Marc8Write":
        kWritten
        kOverflow
        kNotEncodable

    CMarc8Write serialize_marc8(const CRecord& record, string_view leader, string& out,
                                CIso2709Overflow& overflow, bint allow_oversized) noexcept
