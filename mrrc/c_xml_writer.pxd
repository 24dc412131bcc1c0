# Declarations for cpp/include/mrrc/xml_writer.hpp
from libcpp cimport bool as cbool
from libcpp.string cimport string
from libcpp.string_view cimport string_view
from mrrc.c_record cimport CRecord

cdef extern from "mrrc/xml_writer.hpp" namespace "mrrc" nogil:
    cdef cppclass CXmlWriteOptions "mrrc::XmlWriteOptions":
        cbool namespace_attributes
        cbool ascii

    cbool write_record_xml(const CRecord& record, string_view leader, const CXmlWriteOptions& options,
                           string& out) noexcept
