# Declarations for cpp/include/mrrc/byte_buffer.hpp
cdef extern from "mrrc/byte_buffer.hpp" namespace "mrrc" nogil:
    cdef cppclass CByteBuffer "mrrc::ByteBuffer":
        char* data() noexcept
        size_t size() noexcept
        void append(const char* data, size_t count) except +
        void clear() noexcept
