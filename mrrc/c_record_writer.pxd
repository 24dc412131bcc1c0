# Declarations for cpp/include/mrrc/record_writer.hpp
from libc.stdint cimport uint64_t
from libcpp.memory cimport unique_ptr
from libcpp.string_view cimport string_view
from mrrc.c_byte_buffer cimport CByteBuffer
from mrrc.c_record cimport CRecord

cdef extern from "mrrc/record_writer.hpp" namespace "mrrc" nogil:
    cdef cppclass CWriteItem "mrrc::WriteItem":
        const CRecord* record
        string_view bytes
        char coding_scheme

    bint surely_fits(const CRecord& record, string_view leader) noexcept
    bint serialize_batch(const CWriteItem* items, size_t count, unsigned threads, CByteBuffer& out) noexcept

    cdef cppclass CFileWriter "mrrc::FileWriter":
        CFileWriter(size_t queue_batches) except +
        bint open(const char* path, int& error_number) noexcept
        bint submit(unique_ptr[CByteBuffer] buffer) noexcept
        unique_ptr[CByteBuffer] spare() noexcept
        int drain() noexcept
        int close() noexcept
        int error_number() noexcept
        uint64_t bytes_written() noexcept
        bint is_open() noexcept
