#include "mrrc/ascii_number.hpp"

namespace mrrc {
namespace {

bool is_python_space(unsigned char c) noexcept {
    return c == ' ' || (c >= '\t' && c <= '\r');
}

bool is_digit(unsigned char c) noexcept { return c >= '0' && c <= '9'; }

}  // namespace

bool parse_python_int_general(const char* data, std::size_t size, std::int64_t& out) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(data);
    std::size_t begin = 0;
    std::size_t end = size;
    while (begin < end && is_python_space(p[begin])) ++begin;
    while (end > begin && is_python_space(p[end - 1])) --end;
    bool negative = false;
    if (begin < end && (p[begin] == '+' || p[begin] == '-')) {
        negative = p[begin] == '-';
        ++begin;
    }
    if (begin == end || !is_digit(p[begin]) || !is_digit(p[end - 1])) return false;
    std::int64_t value = 0;
    for (std::size_t i = begin; i < end; ++i) {
        if (p[i] == '_') {
            if (!is_digit(p[i + 1])) return false;  // "1__2" is rejected; end is a digit
            continue;
        }
        if (!is_digit(p[i])) return false;
        if (value > (INT64_MAX - 9) / 10) return false;  // unreachable for MARC widths
        value = value * 10 + (p[i] - '0');
    }
    out = negative ? -value : value;
    return true;
}

bool is_ascii(const char* data, std::size_t size) noexcept {
    for (std::size_t i = 0; i < size; ++i) {
        if (static_cast<unsigned char>(data[i]) >= 0x80) return false;
    }
    return true;
}

}  // namespace mrrc
