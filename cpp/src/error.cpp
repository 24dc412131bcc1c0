#include "mrrc/error.hpp"

namespace mrrc {

const char* error_code_name(ErrorCode code) noexcept {
    switch (code) {
        case ErrorCode::kOk: return "Ok";
        case ErrorCode::kTruncatedRecord: return "TruncatedRecord";
        case ErrorCode::kRecordLengthInvalid: return "RecordLengthInvalid";
        case ErrorCode::kEndOfRecordNotFound: return "EndOfRecordNotFound";
        case ErrorCode::kLeaderNotAscii: return "LeaderNotAscii";
        case ErrorCode::kRecordLeaderInvalid: return "RecordLeaderInvalid";
        case ErrorCode::kBaseAddressNotNumeric: return "BaseAddressNotNumeric";
        case ErrorCode::kBaseAddressNotFound: return "BaseAddressNotFound";
        case ErrorCode::kBaseAddressInvalid: return "BaseAddressInvalid";
        case ErrorCode::kRecordLengthNotNumeric: return "RecordLengthNotNumeric";
        case ErrorCode::kLeaderLengthTooLarge: return "LeaderLengthTooLarge";
        case ErrorCode::kDirectoryNotAscii: return "DirectoryNotAscii";
        case ErrorCode::kRecordDirectoryInvalid: return "RecordDirectoryInvalid";
        case ErrorCode::kDirectoryEntryNotNumeric: return "DirectoryEntryNotNumeric";
        case ErrorCode::kIndicatorsNotAscii: return "IndicatorsNotAscii";
        case ErrorCode::kInvalidUtf8: return "InvalidUtf8";
        case ErrorCode::kInvalidMarc8: return "InvalidMarc8";
        case ErrorCode::kNoFieldsFound: return "NoFieldsFound";
        case ErrorCode::kRecordTooLarge: return "RecordTooLarge";
        case ErrorCode::kOutOfMemory: return "OutOfMemory";
        case ErrorCode::kIoError: return "IoError";
    }
    return "Unknown";
}

bool is_fatal(ErrorCode code) noexcept {
    return code == ErrorCode::kTruncatedRecord || code == ErrorCode::kRecordLengthInvalid ||
           code == ErrorCode::kEndOfRecordNotFound || code == ErrorCode::kRecordTooLarge ||
           code == ErrorCode::kOutOfMemory || code == ErrorCode::kIoError;
}

void ParseError::clear() noexcept {
    code = ErrorCode::kOk;
    record_index = 0;
    byte_offset = 0;
    offset_in_record = 0;
    field_index = -1;
    subfield_index = -1;
    span_begin = span_end = 0;
    message = "";
}

void ParseError::set(ErrorCode c, std::uint32_t begin, std::uint32_t end, const char* text) noexcept {
    code = c;
    span_begin = begin;
    span_end = end;
    offset_in_record = begin;
    message = text;
}

void ParseError::set_at(ErrorCode c, std::uint32_t at, std::uint32_t begin, std::uint32_t end,
                        const char* text) noexcept {
    set(c, begin, end, text);
    offset_in_record = at;
}

}  // namespace mrrc
