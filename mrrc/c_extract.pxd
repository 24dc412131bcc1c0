# Declarations for cpp/include/mrrc/extract.hpp
from libc.stdint cimport int64_t, uint32_t, uint64_t
from libcpp.memory cimport shared_ptr, unique_ptr
from libcpp.string cimport string
from libcpp.vector cimport vector
from mrrc.c_arrow_c_data cimport ArrowArray, ArrowArrayStream, ArrowSchema, CStringColumn
from mrrc.c_column_spec cimport CColumnSpec

cdef extern from "mrrc/extract.hpp" namespace "mrrc" nogil:
    cdef cppclass CSkippedRecord "mrrc::SkippedRecord":
        uint32_t source
        uint64_t record_index
        uint64_t byte_offset
        const char* error
        const char* message

    cdef cppclass CExtractedBatch "mrrc::ExtractedBatch":
        vector[CStringColumn] columns
        int64_t rows

    cdef cppclass CExtractSource "mrrc::ExtractSource":
        string path
        const char* data
        size_t size

    cdef cppclass CExtractOptions "mrrc::ExtractOptions":
        vector[CColumnSpec] columns
        vector[string] names
        unsigned threads
        size_t batch_records
        size_t batch_bytes
        bint force_utf8

    cdef cppclass CExtractReport "mrrc::ExtractReport":
        vector[CSkippedRecord] skipped() except +
        uint64_t items() noexcept
        uint64_t rows() noexcept
        uint64_t bytes() noexcept

    cdef cppclass CExtractStream "mrrc::ExtractStream":
        CExtractStream(CExtractOptions options, vector[CExtractSource] sources) except +
        void set_owner(void (*release)(void*) noexcept nogil, void* owner) noexcept
        int next(unique_ptr[CExtractedBatch]& out) noexcept
        int get_schema(ArrowSchema* out) noexcept
        const char* last_error() noexcept
        shared_ptr[CExtractReport] report() noexcept
        void close() noexcept

    void export_stream "mrrc::export_stream"(unique_ptr[CExtractStream] source, ArrowArrayStream* out) noexcept
