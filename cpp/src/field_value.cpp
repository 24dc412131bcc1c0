#include "mrrc/field_value.hpp"

#include <cstring>
#include <string_view>

#include "mrrc/python_text.hpp"
#include "mrrc/unlisted_subfields.hpp"

namespace mrrc {

namespace {

/// Copies the `n` bytes at `from` to `out`, 16 at a time while they are few
/// (a call to memcpy costs more than the bytes): up to 15 bytes past each end
/// are read and written, within `limit` and within the padding.
void copy_value(char* out, const char* from, std::size_t n, const char* limit) noexcept {
    constexpr std::size_t kStep = 16, kInline = 64;
    if (n <= kInline && static_cast<std::size_t>(limit - from) >= ((n + kStep - 1) & ~(kStep - 1))) {
        for (std::size_t i = 0; i < n; i += kStep) std::memcpy(out + i, from + i, kStep);
    } else {
        std::memcpy(out, from, n);
    }
}

}  // namespace

// Room: a subfield takes at least its code besides its value, and a code is
// replaced by at most one space, so the values never need more than the field
// (and the padding, for copy_value's last step).

std::size_t join_listed_values(const Record& record, const FieldSpan& field, char* out) noexcept {
    char* const start = out;
    const char* const limit = record.buffer.data() + record.buffer.size();
    const std::size_t first = field.data_offset, last = first + field.data_length;
    for (std::uint32_t k = 0; k < field.subfield_count; ++k) {
        const SubfieldSpan& s = record.subfields[field.first_subfield + k];
        if (s.offset < first || s.offset + std::size_t{s.length} > last) return kNoValue;  // (never, as readers list them)
        std::string_view value = record.subfield_value(s);
        if (!strip_python_space_checked_fast(value)) return kNoValue;
        if (k) *out++ = ' ';
        copy_value(out, value.data(), value.size(), limit);
        out += value.size();
    }
    return static_cast<std::size_t>(out - start);
}

std::size_t join_unlisted_values(const Record& record, const FieldSpan& field, char* out) noexcept {
    const char* data = record.buffer.data();
    const char* const limit = data + record.buffer.size();
    char* const start = out;
    bool first = true;
    each_unlisted_subfield(record, field, [&](std::size_t at, std::size_t length) {
        const auto* begin = reinterpret_cast<const unsigned char*>(data + at + 2);  // past delimiter and code
        const auto* end = reinterpret_cast<const unsigned char*>(data + at + length);
        while (begin < end && is_ascii_python_space(*begin)) ++begin;
        while (end > begin && is_ascii_python_space(end[-1])) --end;
        if (!first) *out++ = ' ';
        first = false;
        const std::size_t n = static_cast<std::size_t>(end - begin);
        copy_value(out, reinterpret_cast<const char*>(begin), n, limit);
        out += n;
    });
    return static_cast<std::size_t>(out - start);
}

}  // namespace mrrc
