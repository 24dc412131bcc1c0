# Declarations for cpp/include/mrrc/byte_search.hpp
cdef extern from "mrrc/byte_search.hpp" namespace "mrrc" nogil:
    size_t first_non_ascii(const char* data, size_t size) noexcept
