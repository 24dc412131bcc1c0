# Declarations for cpp/include/mrrc/arrow_c_data.hpp (the Arrow C data interface structs)
from libc.stdint cimport int64_t
from libcpp.vector cimport vector

cdef extern from "mrrc/arrow_c_data.hpp" nogil:
    cdef struct ArrowSchema:
        const char* format
        const char* name
        int64_t n_children
        void (*release)(ArrowSchema*) noexcept nogil

    cdef struct ArrowArray:
        int64_t length
        void (*release)(ArrowArray*) noexcept nogil

    cdef struct ArrowArrayStream:
        int (*get_schema)(ArrowArrayStream*, ArrowSchema*) noexcept nogil
        int (*get_next)(ArrowArrayStream*, ArrowArray*) noexcept nogil
        const char* (*get_last_error)(ArrowArrayStream*) noexcept nogil
        void (*release)(ArrowArrayStream*) noexcept nogil

cdef extern from "mrrc/arrow_c_data.hpp" namespace "mrrc" nogil:
    cdef cppclass CStringColumn "mrrc::StringColumn":
        pass

    cdef cppclass CArrowBatchSource "mrrc::ArrowBatchSource":
        pass

    int export_table_batch(vector[CStringColumn]& columns, int64_t rows, ArrowArray* out) noexcept
