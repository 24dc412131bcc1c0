# Declarations for cpp/include/mrrc/column_spec.hpp
from libcpp.string cimport string
from libcpp.string_view cimport string_view

cdef extern from "mrrc/column_spec.hpp" namespace "mrrc" nogil:
    cdef cppclass CColumnSpec "mrrc::ColumnSpec":
        string text
        bint repeated

    cdef cppclass CColumnSpecError "mrrc::ColumnSpecError":
        size_t position
        string message

    bint parse_column_spec(string_view text, CColumnSpec& spec, CColumnSpecError& error) except +
