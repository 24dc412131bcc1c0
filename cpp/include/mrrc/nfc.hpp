// Unicode NFC normalisation of UTF-8 text, as Python's
// unicodedata.normalize("NFC", ...) does it (pymarc applies it to the text it
// decodes from MARC-8; the C++ decoder leaves it to its callers).
#pragma once

#include <cstddef>
#include <string>

namespace mrrc {

/// Append the NFC form of `size` bytes of valid UTF-8 to `out`. ASCII text is
/// copied as it is. Throws only std::bad_alloc.
///   std::string out; append_nfc("e\xcc\x81", 3, out);  // "\xc3\xa9" (é)
void append_nfc(const char* utf8, std::size_t size, std::string& out);

}  // namespace mrrc
