# Declarations for cpp/include/mrrc/scanner.hpp
from mrrc.c_error cimport CErrorCode

cdef extern from "mrrc/scanner.hpp" namespace "mrrc" nogil:
    cdef enum class CScanStatus "mrrc::ScanStatus":
        kRecord
        kError
        kNeedMore
        kEnd

    cdef cppclass CScanResult "mrrc::ScanResult":
        CScanStatus status
        size_t begin
        size_t end
        CErrorCode error
        bint by_terminator

    cdef cppclass CScanOptions "mrrc::ScanOptions":
        bint oversized
        size_t max_record_bytes

    size_t kMaxScannedRecordBytes "mrrc::kMaxScannedRecordBytes"

    CScanResult scan_record(const char* data, size_t size, size_t pos, bint at_eof) noexcept
    CScanResult scan_record(const char* data, size_t size, size_t pos, bint at_eof,
                            const CScanOptions& options) noexcept
    size_t find_record_start(const char* data, size_t size, size_t start) noexcept
    size_t find_record_start(const char* data, size_t size, size_t start, const CScanOptions& options) noexcept
    bint looks_like_leader(const char* data, size_t size) noexcept
