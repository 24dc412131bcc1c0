# Declarations for cpp/include/mrrc/parser.hpp
from mrrc.c_error cimport CParseError
from mrrc.c_record cimport CRecord

cdef extern from "mrrc/parser.hpp" namespace "mrrc" nogil:
    cdef enum class CConformance "mrrc::Conformance":
        kPymarc
        kStrict

    cdef cppclass CParseOptions "mrrc::ParseOptions":
        CConformance conformance
        bint force_utf8
        bint validate_text
        bint decode_marc8
        bint marc8_quiet
        bint strict_values
        bint oversized
        bint defer_subfields

    bint parse_record(const char* data, size_t size, const CParseOptions& options, CRecord& out,
                      CParseError& error) noexcept
    bint parse_buffer(const CParseOptions& options, CRecord& record, CParseError& error) noexcept
    void list_pending_subfields(CRecord& record) except +
    void list_pending_subfields(CRecord& record, size_t field_index) except +
