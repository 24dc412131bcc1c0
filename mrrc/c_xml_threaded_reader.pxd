# Declarations for cpp/include/mrrc/xml_threaded_reader.hpp
from libcpp cimport bool as cbool
from libcpp.memory cimport unique_ptr
from libcpp.vector cimport vector
from mrrc.c_expat_api cimport CExpatApi
from mrrc.c_xml_reader cimport CXmlError, CXmlItem, CXmlReadOptions

cdef extern from "mrrc/xml_threaded_reader.hpp" namespace "mrrc" nogil:
    cdef cppclass CXmlBatch "mrrc::XmlBatch":
        vector[CXmlItem] items
        cbool last
        CXmlError error
        int io_errno

    cdef cppclass CXmlThreadedOptions "mrrc::XmlThreadedOptions":
        CXmlReadOptions read
        size_t chunk_size
        size_t queue_batches

    cdef cppclass CXmlThreadedReader "mrrc::XmlThreadedReader":
        CXmlThreadedReader(const CExpatApi& api, const CXmlThreadedOptions& options) except +
        cbool open(const char* path, int& error_number) noexcept
        unique_ptr[CXmlBatch] pop() noexcept
        void close() noexcept
