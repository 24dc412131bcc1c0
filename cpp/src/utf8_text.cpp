#include "mrrc/utf8_text.hpp"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace mrrc {

namespace {

#if !defined(__SSE2__)
constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;

std::uint64_t load8(const unsigned char* p) noexcept {
    std::uint64_t word;
    std::memcpy(&word, p, sizeof word);
    return word;
}
#endif

// Sixteen ASCII bytes at `p` copied to 16 units at `out`: false (nothing
// written) when one of them is not ASCII.
template <typename Unit>
bool ascii16(const unsigned char* p, Unit* out) noexcept {
#if defined(__SSE2__)
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    if (_mm_movemask_epi8(bytes) != 0) return false;
    if constexpr (sizeof(Unit) == 1) {
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out), bytes);
    } else {
        const __m128i zero = _mm_setzero_si128();
        const __m128i low = _mm_unpacklo_epi8(bytes, zero), high = _mm_unpackhi_epi8(bytes, zero);
        if constexpr (sizeof(Unit) == 2) {
            _mm_storeu_si128(reinterpret_cast<__m128i*>(out), low);
            _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 8), high);
        } else {
            _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm_unpacklo_epi16(low, zero));
            _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 4), _mm_unpackhi_epi16(low, zero));
            _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 8), _mm_unpacklo_epi16(high, zero));
            _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 12), _mm_unpackhi_epi16(high, zero));
        }
    }
    return true;
#else
    if (((load8(p) | load8(p + 8)) & kHighBits) != 0) return false;
    for (int k = 0; k < 16; ++k) out[k] = static_cast<Unit>(p[k]);
    return true;
#endif
}

template <typename Unit>
void decode(const unsigned char* p, std::size_t size, Unit* out) noexcept {
    const unsigned char* const end = p + size;
    while (p < end) {
        const unsigned char c = *p;
        if (c < 0x80) {  // an ASCII run, 16 at a time (only tried where one starts)
            if (end - p >= 16 && ascii16(p, out)) {
                p += 16;
                out += 16;
            } else {
                *out++ = c;
                p += 1;
            }
            continue;
        }
        std::uint32_t code;
        if (c < 0xE0) {
            code = (std::uint32_t{c} & 0x1F) << 6 | (p[1] & 0x3Fu);
            p += 2;
        } else if (c < 0xF0) {
            code = (std::uint32_t{c} & 0x0F) << 12 | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu);
            p += 3;
        } else {
            code = (std::uint32_t{c} & 0x07) << 18 | (p[1] & 0x3Fu) << 12 | (p[2] & 0x3Fu) << 6 | (p[3] & 0x3Fu);
            p += 4;
        }
        *out++ = static_cast<Unit>(code);
    }
}

}  // namespace

Utf8Measure measure_valid_utf8(const char* data, std::size_t size) noexcept {
    // Code points are the bytes that are not continuations (10xxxxxx); the
    // largest byte is the widest lead: below 0x80 none, C2-C3 one byte a
    // character, C4-EF two, F0-F4 four (continuations are below every lead).
    const auto* p = reinterpret_cast<const unsigned char*>(data);
    std::size_t continuations = 0;
    unsigned top = 0;
    std::size_t i = 0;
#if defined(__SSE2__)
    if (size >= 16) {
        // Per lane: the largest byte, and continuations counted down from 0
        // (a comparison's true is -1), summed every 255 blocks before a lane
        // could wrap. The last block is the 16 bytes that end the text, its
        // lanes already seen masked out of the count.
        static constexpr unsigned char kTail[32] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                                    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                                    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
        const __m128i below_leads = _mm_set1_epi8(-64);  // as signed bytes, continuations are below 0xC0's -64
        const __m128i zero = _mm_setzero_si128();
        __m128i largest = zero, counts = zero, sums = zero;
        int blocks = 0;
        auto block = [&](const unsigned char* at, __m128i lanes) {
            const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
            largest = _mm_max_epu8(largest, bytes);
            counts = _mm_sub_epi8(counts, _mm_and_si128(_mm_cmplt_epi8(bytes, below_leads), lanes));
            if (++blocks == 255) {
                sums = _mm_add_epi64(sums, _mm_sad_epu8(counts, zero));
                counts = zero;
                blocks = 0;
            }
        };
        const __m128i all = _mm_set1_epi8(-1);
        for (; i + 16 <= size; i += 16) block(p + i, all);
        if (i < size) block(p + size - 16, _mm_loadu_si128(reinterpret_cast<const __m128i*>(kTail + (size - i))));
        i = size;
        sums = _mm_add_epi64(sums, _mm_sad_epu8(counts, zero));
        alignas(16) std::uint64_t halves[2];  // (a store, not _mm_cvtsi128_si64, which 32-bit x86 lacks)
        _mm_store_si128(reinterpret_cast<__m128i*>(halves), sums);
        continuations = static_cast<std::size_t>(halves[0] + halves[1]);
        largest = _mm_max_epu8(largest, _mm_srli_si128(largest, 8));
        largest = _mm_max_epu8(largest, _mm_srli_si128(largest, 4));
        largest = _mm_max_epu8(largest, _mm_srli_si128(largest, 2));
        largest = _mm_max_epu8(largest, _mm_srli_si128(largest, 1));
        top = static_cast<unsigned>(_mm_cvtsi128_si32(largest)) & 0xFF;
    }
#endif
    for (; i < size; ++i) {
        const unsigned char c = p[i];
        continuations += (c & 0xC0) == 0x80;
        top = c > top ? c : top;
    }
    Utf8Measure m;
    m.code_points = size - continuations;
    m.max_code_point = top < 0x80 ? 0x7F : top < 0xC4 ? 0xFF : top < 0xF0 ? 0xFFFF : 0x10FFFF;
    return m;
}

void decode_valid_utf8(const char* data, std::size_t size, std::uint8_t* out) noexcept {
    decode(reinterpret_cast<const unsigned char*>(data), size, out);
}

void decode_valid_utf8(const char* data, std::size_t size, std::uint16_t* out) noexcept {
    decode(reinterpret_cast<const unsigned char*>(data), size, out);
}

void decode_valid_utf8(const char* data, std::size_t size, std::uint32_t* out) noexcept {
    decode(reinterpret_cast<const unsigned char*>(data), size, out);
}

}  // namespace mrrc
