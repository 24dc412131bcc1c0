# Declarations for cpp/include/mrrc/record_chain.hpp
from mrrc.c_error cimport CErrorCode
from mrrc.c_scanner cimport CScanOptions

cdef extern from "mrrc/record_chain.hpp" namespace "mrrc" nogil:
    cdef enum class CChainStatus "mrrc::ChainStatus":
        kPassed
        kNeedMore
        kError
        kEnd

    cdef cppclass CChainResult "mrrc::ChainResult":
        CChainStatus status
        size_t pos
        size_t records
        size_t error_end
        CErrorCode error

    CChainResult follow_records(const char* data, size_t size, size_t pos, size_t stop, bint at_eof) noexcept
    CChainResult follow_records(const char* data, size_t size, size_t pos, size_t stop, bint at_eof,
                                const CScanOptions& options) noexcept
