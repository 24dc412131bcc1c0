# Declarations for cpp/include/mrrc/marc8.hpp
from libc.stdint cimport uint8_t, uint32_t
from libcpp.string cimport string

cdef extern from "mrrc/marc8.hpp" namespace "mrrc" nogil:
    cdef cppclass CMarc8Decoder "mrrc::Marc8Decoder":
        CMarc8Decoder(bint quiet, uint8_t g0, uint8_t g1) noexcept
        bint decode(const char* data, size_t size, string& out, string& messages) except +
        bint decode_text(const uint32_t* code_points, size_t size, string& out, string& messages) except +
        uint8_t g0() noexcept
        uint8_t g1() noexcept

cdef extern from "mrrc/marc8_encoder.hpp" namespace "mrrc" nogil:
    bint encode_marc8(const char* utf8, size_t size, string& out, uint32_t& unencodable) except +
