#include "mrrc/utf8.hpp"

#include <cstdint>

#include "mrrc/byte_search.hpp"
#include "mrrc/constants.hpp"

namespace mrrc {
namespace {

bool is_continuation(unsigned char c) noexcept { return (c & 0xC0) == 0x80; }

// The validator; with kNoteCodes, also whether a non-ASCII byte follows a
// subfield delimiter. (In valid UTF-8 every non-ASCII byte after an ASCII one
// leads a sequence, so looking before each lead byte is enough.)
template <bool kNoteCodes>
std::size_t validate(const char* data, std::size_t size, bool& non_ascii_code) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(data);
    std::size_t i = 0;
    while (i < size) {
        const unsigned char c = p[i];
        if (c < 0x80) {  // skip the ASCII run (most catalogue text); a non-ASCII run needs no such search
            i += first_non_ascii(data + i, size - i);
            continue;
        }
        if (kNoteCodes && i > 0 && p[i - 1] == kSubfieldDelimiter) non_ascii_code = true;
        const std::size_t n = c < 0xC2 ? 1 : c <= 0xDF ? 2 : c <= 0xEF ? 3 : c <= 0xF4 ? 4 : 1;  // utf8_sequence_length
        if (n == 1 || i + n > size) return i;
        const unsigned char c1 = p[i + 1];
        // The second byte's range depends on the lead byte (overlongs, surrogates, > U+10FFFF).
        unsigned char low = 0x80, high = 0xBF;
        if (c == 0xE0) low = 0xA0;
        else if (c == 0xED) high = 0x9F;
        else if (c == 0xF0) low = 0x90;
        else if (c == 0xF4) high = 0x8F;
        if (c1 < low || c1 > high) return i;
        for (std::size_t k = 2; k < n; ++k) {
            if (!is_continuation(p[i + k])) return i;
        }
        i += n;
    }
    return size;
}

}  // namespace

std::size_t find_invalid_utf8(const char* data, std::size_t size) noexcept {
    bool unused = false;
    return validate<false>(data, size, unused);
}

std::size_t find_invalid_utf8(const char* data, std::size_t size, bool& non_ascii_code) noexcept {
    non_ascii_code = false;
    return validate<true>(data, size, non_ascii_code);
}

std::size_t utf8_sequence_length(unsigned char lead) noexcept {
    if (lead >= 0xC2 && lead <= 0xDF) return 2;
    if (lead >= 0xE0 && lead <= 0xEF) return 3;
    if (lead >= 0xF0 && lead <= 0xF4) return 4;
    return 1;
}

}  // namespace mrrc
