// The system libexpat as an expat::Api table, for the MARCXML tests (the
// Python build fills the same table from pyexpat instead).
#pragma once

#include <expat.h>

#include "mrrc/expat_api.hpp"

namespace mrrc_test {

// libexpat's own signatures differ from the table's only in enum and typedef
// names of the same representation.
template <typename To, typename From>
To entry(From function) {
    return reinterpret_cast<To>(function);
}

inline mrrc::expat::Api system_expat() {
    using Api = mrrc::expat::Api;
    Api api{};
    api.parser_create_mm = entry<decltype(Api::parser_create_mm)>(&XML_ParserCreate_MM);
    api.parser_free = entry<decltype(Api::parser_free)>(&XML_ParserFree);
    api.parse = entry<decltype(Api::parse)>(&XML_Parse);
    api.get_error_code = entry<decltype(Api::get_error_code)>(&XML_GetErrorCode);
    api.error_string = entry<decltype(Api::error_string)>(&XML_ErrorString);
    // The table mirrors pyexpat's C API, which still hands out the XML_Size
    // position functions that libexpat 2.7 marks deprecated (GCC 16 warns).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    api.get_error_line_number = entry<decltype(Api::get_error_line_number)>(&XML_GetCurrentLineNumber);
    api.get_error_column_number = entry<decltype(Api::get_error_column_number)>(&XML_GetCurrentColumnNumber);
#pragma GCC diagnostic pop
    api.set_user_data = entry<decltype(Api::set_user_data)>(&XML_SetUserData);
    api.set_element_handler = entry<decltype(Api::set_element_handler)>(&XML_SetElementHandler);
    api.set_character_data_handler = entry<decltype(Api::set_character_data_handler)>(&XML_SetCharacterDataHandler);
    api.set_encoding = entry<decltype(Api::set_encoding)>(&XML_SetEncoding);
    return api;
}

}  // namespace mrrc_test
