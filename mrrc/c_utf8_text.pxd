# Declarations for cpp/include/mrrc/utf8_text.hpp
from libc.stdint cimport uint8_t, uint16_t, uint32_t

cdef extern from "mrrc/utf8_text.hpp" namespace "mrrc" nogil:
    cdef cppclass CUtf8Measure "mrrc::Utf8Measure":
        size_t code_points
        uint32_t max_code_point

    CUtf8Measure measure_valid_utf8(const char* data, size_t size) noexcept
    void decode_valid_utf8(const char* data, size_t size, uint8_t* out) noexcept
    void decode_valid_utf8(const char* data, size_t size, uint16_t* out) noexcept
    void decode_valid_utf8(const char* data, size_t size, uint32_t* out) noexcept
