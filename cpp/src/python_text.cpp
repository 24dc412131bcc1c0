#include "mrrc/python_text.hpp"

#include <algorithm>
#include <cstdint>

#include "mrrc/utf8.hpp"

namespace mrrc {

namespace {

/// Python's str.isspace() for a code point.
bool is_python_space(std::uint32_t cp) noexcept {
    if (cp < 0x80) return is_ascii_python_space(static_cast<unsigned char>(cp));
    return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
           cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

std::uint32_t decode_at(const unsigned char* p, std::size_t n) noexcept {
    if (n == 1) return p[0];
    std::uint32_t cp = p[0] & (0x7Fu >> n);
    for (std::size_t i = 1; i < n; ++i) cp = (cp << 6) | (p[i] & 0x3Fu);
    return cp;
}

/// The `n` bytes at `p` are one valid UTF-8 sequence.
bool is_one_sequence(const unsigned char* p, std::size_t n) noexcept {
    return lead_byte_length(p[0]) == n && find_invalid_utf8(reinterpret_cast<const char*>(p), n) == n;
}

}  // namespace

std::string_view strip_python_space(std::string_view utf8) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
    std::size_t begin = 0, end = utf8.size();
    while (begin < end) {
        const std::size_t n = std::min(lead_byte_length(p[begin]), end - begin);
        if (!is_python_space(decode_at(p + begin, n))) break;
        begin += n;
    }
    while (end > begin) {
        std::size_t start = end - 1;
        while (start > begin && (p[start] & 0xC0) == 0x80) --start;  // back to the lead byte
        if (!is_python_space(decode_at(p + start, end - start))) break;
        end = start;
    }
    return utf8.substr(begin, end - begin);
}

bool strip_python_space_checked(std::string_view& bytes) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    std::size_t begin = 0, end = bytes.size();
    while (begin < end) {
        std::size_t n = 1;
        if (p[begin] >= 0x80) {
            n = lead_byte_length(p[begin]);
            if (n > end - begin || !is_one_sequence(p + begin, n)) return false;
        }
        if (!is_python_space(decode_at(p + begin, n))) break;
        begin += n;
    }
    while (end > begin) {
        std::size_t start = end - 1;
        if (p[start] >= 0x80) {
            while (start > begin && end - start < 4 && (p[start] & 0xC0) == 0x80) --start;  // back to a lead byte
            if (!is_one_sequence(p + start, end - start)) return false;
        }
        if (!is_python_space(decode_at(p + start, end - start))) break;
        end = start;
    }
    bytes = bytes.substr(begin, end - begin);
    return true;
}

}  // namespace mrrc
