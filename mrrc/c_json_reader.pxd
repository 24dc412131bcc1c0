# Declarations for cpp/include/mrrc/json_reader.hpp
from libc.stdint cimport uint64_t
from libcpp cimport bool as cbool
from libcpp.vector cimport vector
from mrrc.c_record cimport CRecord

cdef extern from "mrrc/json_reader.hpp" namespace "mrrc" nogil:
    cdef enum class CJsonOutcome "mrrc::JsonOutcome":
        kRecords
        kIrregular
        kOutOfMemory

    cdef cppclass CJsonLine "mrrc::JsonLine":
        uint64_t line_number
        CJsonOutcome outcome
        CRecord record
        size_t offset
        size_t length

    CJsonOutcome read_marc_json(const char* data, size_t size, vector[CRecord]& records, cbool& single_object) noexcept
    size_t read_marc_json_lines(const char* data, size_t size, cbool last, uint64_t first_line_number,
                                vector[CJsonLine]& out) noexcept
