# Declarations for cpp/include/mrrc/nfc.hpp
from libcpp.string cimport string

cdef extern from "mrrc/nfc.hpp" namespace "mrrc" nogil:
    void append_nfc(const char* utf8, size_t size, string& out) except +
