# Declarations for cpp/include/mrrc/error.hpp
from libc.stdint cimport uint8_t, int32_t, uint32_t, uint64_t

cdef extern from "mrrc/error.hpp" namespace "mrrc" nogil:
    cpdef enum class CErrorCode "mrrc::ErrorCode" (uint8_t):
        kOk
        kTruncatedRecord
        kRecordLengthInvalid
        kEndOfRecordNotFound
        kLeaderNotAscii
        kRecordLeaderInvalid
        kBaseAddressNotNumeric
        kBaseAddressNotFound
        kBaseAddressInvalid
        kRecordLengthNotNumeric
        kLeaderLengthTooLarge
        kDirectoryNotAscii
        kRecordDirectoryInvalid
        kDirectoryEntryNotNumeric
        kIndicatorsNotAscii
        kInvalidUtf8
        kInvalidMarc8
        kNoFieldsFound
        kRecordTooLarge
        kOutOfMemory
        kIoError

    const char* error_code_name(CErrorCode code) noexcept
    bint is_fatal(CErrorCode code) noexcept

    cdef cppclass CParseError "mrrc::ParseError":
        CErrorCode code
        uint64_t record_index
        uint64_t byte_offset
        uint32_t offset_in_record
        int32_t field_index
        int32_t subfield_index
        uint32_t span_begin
        uint32_t span_end
        const char* message
        bint ok() noexcept
