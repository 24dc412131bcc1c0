# Declarations for cpp/include/mrrc/json_writer.hpp
from libcpp cimport bool as cbool
from libcpp.string cimport string
from libcpp.string_view cimport string_view
from mrrc.c_record cimport CRecord

cdef extern from "mrrc/json_writer.hpp" namespace "mrrc" nogil:
    cdef enum class CJsonSeparators "mrrc::JsonSeparators":
        kCompact
        kDefault

    cbool write_record_json(const CRecord& record, string_view leader, CJsonSeparators separators,
                            string& out) noexcept
