# Declarations for cpp/include/mrrc/stream_reader.hpp
from libc.stdint cimport uint64_t
from libcpp.vector cimport vector
from mrrc.c_error cimport CErrorCode, CParseError
from mrrc.c_parser cimport CParseOptions
from mrrc.c_record cimport CRecord

cdef extern from "mrrc/stream_reader.hpp" namespace "mrrc" nogil:
    cdef cppclass CReadItem "mrrc::ReadItem":
        CRecord record
        CParseError error
        bint ok() noexcept

    cdef enum class CStreamStatus "mrrc::StreamReader::Status":
        kItems
        kNeedInput
        kEnd
        kFailed

    cdef cppclass CStreamReader "mrrc::StreamReader":
        CStreamReader(CParseOptions options, size_t chunk_size) noexcept
        void attach_memory(const char* data, size_t size) noexcept
        bint open_file(const char* path, int& error_number) noexcept
        bint feed(const char* data, size_t size) noexcept
        void finish_input() noexcept
        void set_options(const CParseOptions& options) noexcept
        CStreamStatus next_batch(vector[CReadItem]& out, size_t max_records, size_t max_bytes) noexcept
        void close() noexcept
        CErrorCode failure() noexcept
        int failure_errno() noexcept
        uint64_t items_read() noexcept
