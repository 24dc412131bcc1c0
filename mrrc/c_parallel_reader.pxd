# Declarations for cpp/include/mrrc/parallel_reader.hpp
from libcpp.memory cimport unique_ptr
from mrrc.c_batch cimport CBatch
from mrrc.c_threaded_reader cimport CThreadedReaderOptions

cdef extern from "mrrc/parallel_reader.hpp" namespace "mrrc" nogil:
    cdef cppclass CParallelReader "mrrc::ParallelReader":
        CParallelReader(const CThreadedReaderOptions& options, unsigned threads) except +
        bint open(const char* path, int& error_number) noexcept
        bint attach(const char* data, size_t size) noexcept
        unique_ptr[CBatch] pop() except +
        void close() noexcept
