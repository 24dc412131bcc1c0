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

/// The entry points used, with libexpat's signatures.
///   Api api{&XML_ParserCreate_MM, &XML_ParserFree, ...};
struct Api {
    Parser (*parser_create_mm)(const char* encoding, const void* memory_suite, const char* namespace_separator);
    void (*parser_free)(Parser parser);
    int (*parse)(Parser parser, const char* data, int length, int is_final);
    int (*get_error_code)(Parser parser);
    const char* (*error_string)(int code);
    Size (*get_error_line_number)(Parser parser);
    Size (*get_error_column_number)(Parser parser);
    void (*set_user_data)(Parser parser, void* user_data);
    void (*set_element_handler)(Parser parser, StartElementHandler start, EndElementHandler end);
    void (*set_character_data_handler)(Parser parser, CharacterDataHandler handler);
    int (*set_encoding)(Parser parser, const char* encoding);

    /// True when every entry is set.
    bool complete() const noexcept {
        return parser_create_mm && parser_free && parse && get_error_code && error_string &&
               get_error_line_number && get_error_column_number && set_user_data && set_element_handler &&
               set_character_data_handler && set_encoding;
    }
};

}  // namespace mrrc::expat
