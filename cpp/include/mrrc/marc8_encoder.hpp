// Unicode to MARC-8: the inverse of Marc8Decoder, for writing records as MARC-8.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace mrrc {

/// Encode UTF-8 text as MARC-8. Each character goes to the character set the
/// text is already in when that set has it (a space never changes sets),
/// otherwise to the first set that has it in the order Basic Latin, ANSEL,
/// Greek, Cyrillic, Extended Cyrillic, Hebrew, Arabic, Extended Arabic, EACC,
/// Greek symbols, subscripts, superscripts. Precomposed letters no set has are
/// written as base letter and diacritics, and diacritics are written before
/// their base letter, as MARC-8 requires. The text ends back in Basic Latin
/// (G0) and ANSEL (G1). Returns false, with the character in `unencodable`,
/// when something has no MARC-8 form (control characters below U+0020 have none).
///   std::string out; std::uint32_t bad;
///   encode_marc8("caf\xc3\xa9", 5, out, bad);  // "caf\xe2e"
bool encode_marc8(const char* utf8, std::size_t size, std::string& out, std::uint32_t& unencodable);

}  // namespace mrrc
