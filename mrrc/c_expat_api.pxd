# Declarations for cpp/include/mrrc/expat_api.hpp. The function types are
# opaque here: the glue only casts pyexpat's entry points to them.

cdef extern from "mrrc/expat_api.hpp" namespace "mrrc::expat" nogil:
    ctypedef void* CParserCreateFunction "mrrc::expat::ParserCreateFunction"
    ctypedef void* CParserFreeFunction "mrrc::expat::ParserFreeFunction"
    ctypedef void* CParseFunction "mrrc::expat::ParseFunction"
    ctypedef void* CErrorCodeFunction "mrrc::expat::ErrorCodeFunction"
    ctypedef void* CErrorStringFunction "mrrc::expat::ErrorStringFunction"
    ctypedef void* CPositionFunction "mrrc::expat::PositionFunction"
    ctypedef void* CSetUserDataFunction "mrrc::expat::SetUserDataFunction"
    ctypedef void* CSetElementHandlerFunction "mrrc::expat::SetElementHandlerFunction"
    ctypedef void* CSetCharacterDataHandlerFunction "mrrc::expat::SetCharacterDataHandlerFunction"
    ctypedef void* CSetEncodingFunction "mrrc::expat::SetEncodingFunction"
    ctypedef void* CSetHashSaltFunction "mrrc::expat::SetHashSaltFunction"

    const int kErrorUnknownEncoding "mrrc::expat::kErrorUnknownEncoding"

    cdef cppclass CExpatApi "mrrc::expat::Api":
        CParserCreateFunction parser_create_mm
        CParserFreeFunction parser_free
        CParseFunction parse
        CErrorCodeFunction get_error_code
        CErrorStringFunction error_string
        CPositionFunction get_error_line_number
        CPositionFunction get_error_column_number
        CSetUserDataFunction set_user_data
        CSetElementHandlerFunction set_element_handler
        CSetCharacterDataHandlerFunction set_character_data_handler
        CSetEncodingFunction set_encoding
        CSetHashSaltFunction set_hash_salt
        unsigned long hash_salt
        bint complete() noexcept
