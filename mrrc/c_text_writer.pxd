# Declarations for cpp/include/mrrc/text_writer.hpp
from libcpp cimport bool as cbool
from libcpp.string cimport string
from libcpp.string_view cimport string_view
from mrrc.c_record cimport CRecord

cdef extern from "mrrc/text_writer.hpp" namespace "mrrc" nogil:
    cbool write_record_text(const CRecord& record, string_view leader, string& out) noexcept
