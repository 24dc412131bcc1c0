// The libexpat functions the MARCXML reader calls, handed in as a table so the
// core links no XML library of its own: the Python glue fills it from
// pyexpat's C API capsule (the libexpat behind xml.sax, which pymarc uses),
// the C++ tests from the system libexpat.
#pragma once

namespace mrrc::expat {

// libexpat's types, declared here without its header. Every libexpat this
// project meets is built with 8-bit (UTF-8) XML_Char and without
// XML_LARGE_SIZE, so these match its ABI: an opaque parser pointer, int-sized
// enums, char strings and unsigned long positions.
struct ParserStruct;
using Parser = ParserStruct*;
using Size = unsigned long;
using StartElementHandler = void (*)(void* user_data, const char* name, const char** attributes);
using EndElementHandler = void (*)(void* user_data, const char* name);
using CharacterDataHandler = void (*)(void* user_data, const char* text, int length);

constexpr int kStatusError = 0;           ///< XML_STATUS_ERROR
constexpr int kErrorUnknownEncoding = 18; ///< XML_ERROR_UNKNOWN_ENCODING

// The entry points used, with libexpat's signatures.
using ParserCreateFunction = Parser (*)(const char* encoding, const void* memory_suite, const char* namespace_separator);
using ParserFreeFunction = void (*)(Parser parser);
using ParseFunction = int (*)(Parser parser, const char* data, int length, int is_final);
using ErrorCodeFunction = int (*)(Parser parser);
using ErrorStringFunction = const char* (*)(int code);
using PositionFunction = Size (*)(Parser parser);
using SetUserDataFunction = void (*)(Parser parser, void* user_data);
using SetElementHandlerFunction = void (*)(Parser parser, StartElementHandler start, EndElementHandler end);
using SetCharacterDataHandlerFunction = void (*)(Parser parser, CharacterDataHandler handler);
using SetEncodingFunction = int (*)(Parser parser, const char* encoding);
using SetHashSaltFunction = int (*)(Parser parser, unsigned long salt);

/// The table of entry points.
///   Api api; api.parse = &XML_Parse; ...
struct Api {
    ParserCreateFunction parser_create_mm = nullptr;  ///< XML_ParserCreate_MM
    ParserFreeFunction parser_free = nullptr;
    ParseFunction parse = nullptr;
    ErrorCodeFunction get_error_code = nullptr;
    ErrorStringFunction error_string = nullptr;
    PositionFunction get_error_line_number = nullptr;    ///< XML_GetCurrentLineNumber
    PositionFunction get_error_column_number = nullptr;  ///< XML_GetCurrentColumnNumber
    SetUserDataFunction set_user_data = nullptr;
    SetElementHandlerFunction set_element_handler = nullptr;
    SetCharacterDataHandlerFunction set_character_data_handler = nullptr;
    SetEncodingFunction set_encoding = nullptr;
    /// Optional. pyexpat salts every parser's hash tables itself (CPython may
    /// build libexpat without a strong entropy source), so callers pass a salt.
    SetHashSaltFunction set_hash_salt = nullptr;
    unsigned long hash_salt = 0;  ///< used when set_hash_salt is set

    /// True when every required entry is set.
    bool complete() const noexcept {
        return parser_create_mm && parser_free && parse && get_error_code && error_string &&
               get_error_line_number && get_error_column_number && set_user_data && set_element_handler &&
               set_character_data_handler && set_encoding;
    }
};

}  // namespace mrrc::expat
