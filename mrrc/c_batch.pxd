# Declarations for cpp/include/mrrc/batch.hpp
from libcpp.vector cimport vector
from mrrc.c_error cimport CErrorCode
from mrrc.c_stream_reader cimport CReadItem, CStreamStatus

cdef extern from "mrrc/batch.hpp" namespace "mrrc" nogil:
    cdef cppclass CBatch "mrrc::Batch":
        vector[CReadItem] items
        CStreamStatus status
        CErrorCode failure
        int failure_errno
