// Byte searches of the parser's hot loop: the first non-ASCII byte, and the
// subfield delimiters of a record found 64 bytes at a time (SSE2 where the
// compiler offers it, a plain loop elsewhere).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "mrrc/constants.hpp"

namespace mrrc {

/// Offset of the first byte >= 0x80 in [data, data + size), or `size`.
///   first_non_ascii("abc\xC3", 4) == 3
inline std::size_t first_non_ascii(const char* data, std::size_t size) noexcept {
    std::size_t i = 0;
#if defined(__SSE2__)
    for (; i + 32 <= size; i += 32) {  // one test for 32 bytes: most catalogue text is ASCII
        const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
        const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i + 16));
        if (_mm_movemask_epi8(_mm_or_si128(a, b)) != 0) break;
    }
#endif
    for (; i + 8 <= size; i += 8) {
        std::uint64_t word;
        std::memcpy(&word, data + i, sizeof word);
        if (word & 0x8080808080808080ULL) break;
    }
    for (; i < size; ++i) {
        if (static_cast<unsigned char>(data[i]) >= 0x80) return i;
    }
    return size;
}

/// Bit k set when data[k] is a subfield delimiter (0x1F), for the 64 bytes at `data`.
inline std::uint64_t delimiter_mask64(const char* data) noexcept {
#if defined(__SSE2__)
    const __m128i delimiter = _mm_set1_epi8(static_cast<char>(kSubfieldDelimiter));
    std::uint64_t mask = 0;
    for (int block = 0; block < 4; ++block) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + 16 * block));
        const auto bits = static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, delimiter)));
        mask |= static_cast<std::uint64_t>(bits) << (16 * block);
    }
    return mask;
#else
    std::uint64_t mask = 0;
    for (int k = 0; k < 64; ++k) {
        if (data[k] == kSubfieldDelimiter) mask |= std::uint64_t{1} << k;
    }
    return mask;
#endif
}

/// Finds the subfield delimiters of one buffer, keeping the mask of a 64-byte
/// window so that consecutive searches (subfields, then the next field) cost a
/// shift and a bit scan instead of a memchr call each.
///   DelimiterFinder find(buffer, size);
///   std::size_t at = find.next(from, end);  // first 0x1F in [from, end), or end
class DelimiterFinder {
public:
    DelimiterFinder(const char* data, std::size_t size) noexcept : data_(data), size_(size) {}

    std::size_t next(std::size_t from, std::size_t end) noexcept {
        while (from < end) {
            if (from < window_ || from - window_ >= 64) load(from);
            const std::uint64_t mask = mask_ >> (from - window_);
            if (mask != 0) {
                const std::size_t at = from + static_cast<std::size_t>(__builtin_ctzll(mask));
                return at < end ? at : end;
            }
            from = window_ + 64;
        }
        return end;
    }

private:
    void load(std::size_t at) noexcept {
        if (at + 64 <= size_) {
            window_ = at;
        } else if (size_ >= 64) {
            window_ = size_ - 64;  // the buffer's last 64 bytes: `at` is inside them
        } else {
            char tail[64] = {};  // a buffer shorter than a window, padded with bytes that are not delimiters
            std::memcpy(tail, data_, size_);
            window_ = 0;
            mask_ = delimiter_mask64(tail);
            return;
        }
        mask_ = delimiter_mask64(data_ + window_);
    }

    const char* data_;
    std::size_t size_;
    std::size_t window_ = static_cast<std::size_t>(-1) / 2;  // no window loaded yet
    std::uint64_t mask_ = 0;
};

}  // namespace mrrc
