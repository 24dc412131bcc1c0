// ISO 2709 / MARC 21 structural constants, as the standard names them.
#pragma once

#include <cstddef>

namespace mrrc {

constexpr std::size_t kLeaderLength = 24;
constexpr std::size_t kDirectoryEntryLength = 12;
constexpr std::size_t kRecordLengthDigits = 5;

constexpr char kSubfieldDelimiter = '\x1f';
constexpr char kFieldTerminator = '\x1e';
constexpr char kRecordTerminator = '\x1d';

}  // namespace mrrc
