# Declarations for cpp/include/mrrc/threaded_reader.hpp
from libcpp.memory cimport shared_ptr, unique_ptr
from mrrc.c_batch cimport CBatch
from mrrc.c_parser cimport CParseOptions
from mrrc.c_record_pool cimport CRecordPool

cdef extern from "mrrc/threaded_reader.hpp" namespace "mrrc" nogil:
    cdef cppclass CThreadedReaderOptions "mrrc::ThreadedReaderOptions":
        CParseOptions parse
        size_t batch_records
        size_t batch_bytes
        size_t queue_batches
        size_t chunk_size

    cdef cppclass CThreadedReader "mrrc::ThreadedReader":
        CThreadedReader(const CThreadedReaderOptions& options) except +
        bint open(const char* path, int& error_number) noexcept
        unique_ptr[CBatch] pop() except +
        void close() noexcept
        size_t ready() noexcept
        const shared_ptr[CRecordPool]& pool() noexcept
