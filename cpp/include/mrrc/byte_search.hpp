// Byte searches of the parser's hot loop: the first non-ASCII byte, and the
// subfield delimiters of a field found 64 bytes at a time (SSE2 where the
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
/// The last step is a load that ends at `size`, overlapping bytes already
/// seen (they are ASCII, so the first high bit in it is past them): no
/// byte-by-byte tail, which the parser's three calls a record would pay each time.
inline std::size_t first_non_ascii(const char* data, std::size_t size) noexcept {
    std::size_t i = 0;
#if defined(__SSE2__)
    if (size >= 16) {
        auto high_bits = [data](std::size_t at) {
            return static_cast<std::uint32_t>(
                _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(data + at))));
        };
        for (; i + 32 <= size; i += 32) {  // one test for 32 bytes: most catalogue text is ASCII
            const std::uint32_t bits = high_bits(i) | high_bits(i + 16) << 16;
            if (bits != 0) return i + static_cast<std::size_t>(__builtin_ctz(bits));
        }
        if (i + 16 <= size) {
            if (const std::uint32_t bits = high_bits(i)) return i + static_cast<std::size_t>(__builtin_ctz(bits));
            i += 16;
        }
        if (i == size) return size;
        const std::uint32_t bits = high_bits(size - 16);  // bits of the bytes before `i` are clear
        return bits ? size - 16 + static_cast<std::size_t>(__builtin_ctz(bits)) : size;
    }
#endif
    auto high_bytes = [data](std::size_t at) {
        std::uint64_t word;
        std::memcpy(&word, data + at, sizeof word);
        return word & 0x8080808080808080ULL;
    };
    auto first_in = [data](std::size_t at, std::size_t end) {
        while (at < end && static_cast<unsigned char>(data[at]) < 0x80) ++at;
        return at;
    };
    for (; i + 8 <= size; i += 8) {
        if (high_bytes(i)) return first_in(i, i + 8);
    }
    if (i == size) return size;
    if (size >= 8) return high_bytes(size - 8) ? first_in(size - 8, size) : size;
    return first_in(i, size);
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

/// Bit k set when byte at + k is a delimiter, for the bytes of [at, at + 64) in
/// a buffer of `size` readable bytes (bits past its end clear).
inline std::uint64_t delimiter_mask_at(const char* data, std::size_t size, std::size_t at) noexcept {
    if (at + 64 <= size) return delimiter_mask64(data + at);
    if (at >= size) return 0;
    if (size >= 64) return delimiter_mask64(data + size - 64) >> (at - (size - 64));  // the last 64 bytes
    char tail[64] = {};  // a buffer shorter than 64 bytes, padded with bytes that are not delimiters
    std::memcpy(tail, data + at, size - at);
    return delimiter_mask64(tail);
}

/// True when [from, end) of a buffer holds an empty subfield: two delimiters
/// in a row, or one as its last byte (pymarc drops these chunks). 32 bytes a
/// step, then 16, the last step a load that ends at `end` (a field is seldom
/// longer than a few of them, so no 64-byte window); `data` is the buffer's
/// start, so the bytes before `from` can be read.
inline bool has_empty_subfield(const char* data, std::size_t from, std::size_t end) noexcept {
    if (from >= end) return false;
    if (data[end - 1] == kSubfieldDelimiter) return true;
    std::size_t at = from;
    unsigned carry = 0;  // 1: the byte before `at` is a delimiter
#if defined(__SSE2__)
    const __m128i delimiter = _mm_set1_epi8(static_cast<char>(kSubfieldDelimiter));
    auto mask16 = [&](std::size_t i) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
        return static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, delimiter)));
    };
    for (; at + 32 <= end; at += 32) {
        const std::uint32_t mask = mask16(at) | mask16(at + 16) << 16;
        if ((mask & ((mask << 1) | carry)) != 0) return true;
        carry = mask >> 31;
    }
    for (; at + 16 <= end; at += 16) {
        const unsigned mask = mask16(at);
        if ((mask & ((mask << 1) | carry)) != 0) return true;
        carry = mask >> 15;
    }
    if (at < end && end >= 16) {  // the rest, as the top bits of the 16 bytes before `end`
        const unsigned mask = mask16(end - 16) >> (16 - (end - at));
        return (mask & ((mask << 1) | carry)) != 0;
    }
#endif
    for (; at < end; ++at) {
        const unsigned here = data[at] == kSubfieldDelimiter;
        if (here & carry) return true;
        carry = here;
    }
    return false;
}

/// The subfield delimiters of [from, end) of a buffer, in order, found from a
/// 64-byte mask (a shift and a bit scan each, not a memchr call). The buffer
/// must hold `size` readable bytes; `end` <= `size`.
///   DelimiterCursor delimiters(buffer, size, from, end);
///   for (std::size_t at = delimiters.next(); at < end; at = delimiters.next()) { ... }
class DelimiterCursor {
public:
    DelimiterCursor(const char* data, std::size_t size, std::size_t from, std::size_t end) noexcept
        : data_(data), size_(size), end_(end), window_(from), mask_(from < end ? delimiter_mask_at(data, size, from) : 0) {}

    /// The next delimiter, or `end` once there is none.
    std::size_t next() noexcept {
        while (mask_ == 0) {
            window_ += 64;
            if (window_ >= end_) return end_;
            mask_ = delimiter_mask_at(data_, size_, window_);
        }
        const std::size_t at = window_ + static_cast<std::size_t>(__builtin_ctzll(mask_));
        mask_ &= mask_ - 1;
        return at < end_ ? at : end_;
    }

private:
    const char* data_;
    std::size_t size_;
    std::size_t end_;
    std::size_t window_;
    std::uint64_t mask_;
};

}  // namespace mrrc
