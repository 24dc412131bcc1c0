# Declarations for cpp/include/mrrc/record_pool.hpp
from libcpp.vector cimport vector
from mrrc.c_record cimport CRecord

cdef extern from "mrrc/record_pool.hpp" namespace "mrrc" nogil:
    cdef cppclass CRecordPool "mrrc::RecordPool":
        void give_back(vector[CRecord]& records) noexcept
