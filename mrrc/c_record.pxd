# Declarations for cpp/include/mrrc/record.hpp
from libc.stdint cimport uint8_t, uint32_t, uint64_t
from libcpp cimport bool as cbool
from libcpp.string cimport string
from libcpp.string_view cimport string_view
from libcpp.vector cimport vector

cdef extern from "mrrc/record.hpp" namespace "mrrc" nogil:
    cdef cppclass CSubfieldSpan "mrrc::SubfieldSpan":
        uint32_t offset
        uint32_t length

    cdef cppclass CTextSpan "mrrc::TextSpan":
        uint32_t offset
        uint32_t length

    cdef cppclass CFieldSpan "mrrc::FieldSpan":
        char tag[3]
        bint is_control
        char indicator1
        char indicator2
        uint8_t indicator_bytes
        cbool subfields_pending
        uint32_t data_offset
        uint32_t data_length
        uint32_t first_subfield
        uint32_t subfield_count

    cdef enum CRecordFlags "mrrc::RecordFlags":
        kFlagNone "mrrc::kFlagNone"
        kFlagNonAsciiSubfieldCode "mrrc::kFlagNonAsciiSubfieldCode"
        kFlagIndicatorAnomaly "mrrc::kFlagIndicatorAnomaly"
        kFlagUtf8 "mrrc::kFlagUtf8"
        kFlagNonAsciiText "mrrc::kFlagNonAsciiText"
        kFlagControlCharacterText "mrrc::kFlagControlCharacterText"
        kFlagInvalidUtf8Text "mrrc::kFlagInvalidUtf8Text"
        kFlagDecoderMessages "mrrc::kFlagDecoderMessages"
        kFlagDelimitedRecord "mrrc::kFlagDelimitedRecord"
        kFlagDelimitedField "mrrc::kFlagDelimitedField"
        kFlagAscii "mrrc::kFlagAscii"
        kFlagSubfieldsPending "mrrc::kFlagSubfieldsPending"
        kFlagValidUtf8Text "mrrc::kFlagValidUtf8Text"

    cdef cppclass CRecord "mrrc::Record":
        string buffer
        vector[CFieldSpan] fields
        vector[CSubfieldSpan] subfields
        string text
        vector[CTextSpan] texts
        string messages
        uint32_t flags
        uint64_t record_index
        uint64_t stream_offset
        size_t heap_bytes() noexcept
        string_view leader() noexcept
