# Declarations for cpp/include/mrrc/xml_reader.hpp
from libc.stdint cimport uint64_t
from libcpp cimport bool as cbool
from libcpp.memory cimport unique_ptr
from libcpp.pair cimport pair
from libcpp.string cimport string
from libcpp.vector cimport vector
from mrrc.c_expat_api cimport CExpatApi
from mrrc.c_record cimport CRecord

cdef extern from "mrrc/xml_reader.hpp" namespace "mrrc" nogil:
    cdef cppclass CLooseField "mrrc::LooseField":
        string tag
        cbool from_datafield
        cbool has_indicator1
        cbool has_indicator2
        string indicator1
        string indicator2
        vector[pair[string, string]] subfields
        cbool has_data
        string data

    cdef cppclass CLooseRecord "mrrc::LooseRecord":
        vector[string] leaders
        vector[CLooseField] fields

    cdef cppclass CXmlItem "mrrc::XmlItem":
        CRecord record
        unique_ptr[CLooseRecord] loose

    cdef enum class CXmlFailure "mrrc::XmlFailure":
        kNone
        kSyntax
        kMissingTag
        kMissingCode
        kLeaderInvalid
        kRecordTooLarge
        kOutOfMemory
        kParserUnavailable

    cdef cppclass CXmlError "mrrc::XmlError":
        CXmlFailure failure
        int expat_code
        const char* message
        uint64_t line
        uint64_t column
        uint64_t record_index

    cdef cppclass CXmlReadOptions "mrrc::XmlReadOptions":
        cbool strict
        cbool all_loose
        string encoding

    cdef cppclass CXmlReader "mrrc::XmlReader":
        CXmlReader(const CExpatApi& api, const CXmlReadOptions& options) except +
        cbool feed(const char* data, size_t size, cbool last) noexcept
        vector[CXmlItem]& items() noexcept
        const CXmlError& error() noexcept
        cbool failed() noexcept
        uint64_t records_read() noexcept
