// Parse errors as values: the hot path never throws.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mrrc {

/// Every way a record can fail, in the order pymarc 5.x checks them.
/// The Python layer maps each code to pymarc's exception class.
enum class ErrorCode : std::uint8_t {
    kOk = 0,
    // Stream level (pymarc's FatalReaderError family: reading stops after them).
    kTruncatedRecord,        ///< fewer bytes left than the record length says
    kRecordLengthInvalid,    ///< first 5 bytes are not a number
    kEndOfRecordNotFound,    ///< the record's last byte is not 0x1D
    // Record level (the reader yields None and goes on).
    kLeaderNotAscii,         ///< leader holds a byte >= 0x80 (UnicodeDecodeError)
    kRecordLeaderInvalid,    ///< fewer than 24 bytes of leader
    kBaseAddressNotNumeric,  ///< leader 12-16 is not a number (ValueError)
    kBaseAddressNotFound,    ///< base address <= 0
    kBaseAddressInvalid,     ///< base address at or past the end of the record
    kRecordLengthNotNumeric, ///< leader 0-4 is not a number (ValueError; Record(data) only)
    kLeaderLengthTooLarge,   ///< leader length larger than the data (TruncatedRecord)
    kDirectoryNotAscii,      ///< directory holds a byte >= 0x80 (UnicodeDecodeError)
    kRecordDirectoryInvalid, ///< directory length not a multiple of 12
    kDirectoryEntryNotNumeric, ///< entry length or offset not a number (ValueError)
    kIndicatorsNotAscii,     ///< bytes before the first 0x1F are not ASCII (UnicodeDecodeError)
    kInvalidUtf8,            ///< a value of a UTF-8 record is not valid UTF-8 (UnicodeDecodeError)
    kInvalidMarc8,           ///< a MARC-8 value ends inside an escape sequence (UnicodeDecodeError)
    kNoFieldsFound,          ///< directory has no entries
    kRecordTooLarge,         ///< chunk larger than 4 GiB-1: offsets are 32-bit
    kOutOfMemory,            ///< allocation failed while holding the record
    kIoError,                ///< the operating system failed to read the input
};

/// Stable identifier such as "RecordDirectoryInvalid", for messages and bindings.
const char* error_code_name(ErrorCode code) noexcept;

/// True for errors after which a pymarc reader stops.
bool is_fatal(ErrorCode code) noexcept;

/// A parse failure with enough context to report it precisely.
struct ParseError {
    ErrorCode code = ErrorCode::kOk;
    std::uint64_t record_index = 0;  ///< position of the record in the stream (0-based)
    std::uint64_t byte_offset = 0;   ///< offset of the offending byte from the stream start
    std::uint32_t offset_in_record = 0;
    std::int32_t field_index = -1;    ///< directory entry concerned, or -1
    std::int32_t subfield_index = -1; ///< subfield chunk concerned, or -1
    std::uint32_t span_begin = 0;     ///< bytes (in the record) the failing check looked at
    std::uint32_t span_end = 0;
    const char* message = "";  ///< static text: filling an error never allocates

    bool ok() const noexcept { return code == ErrorCode::kOk; }
    void clear() noexcept;
    /// Fill code, span and message; offsets are relative to the record start.
    void set(ErrorCode c, std::uint32_t begin, std::uint32_t end, const char* text) noexcept;
    /// As set(), for a check that read [begin, end) and failed at byte `at`.
    void set_at(ErrorCode c, std::uint32_t at, std::uint32_t begin, std::uint32_t end, const char* text) noexcept;
};

}  // namespace mrrc
