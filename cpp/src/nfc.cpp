#include "mrrc/nfc.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "mrrc/marc8.hpp"
#include "mrrc/nfc_tables.hpp"

namespace mrrc {
namespace {

constexpr std::uint32_t kHangulBase = 0xAC00, kLeadBase = 0x1100, kVowelBase = 0x1161, kTrailBase = 0x11A7;
constexpr std::uint32_t kVowelCount = 21, kTrailCount = 28, kSyllableCount = 11172;
constexpr std::uint32_t kLeadCount = 19, kPerLead = kVowelCount * kTrailCount;

std::uint8_t combining_class(std::uint32_t cp) noexcept {
    static std::size_t count = 0;
    static const CombiningClass* table = nfc_combining_classes(count);
    const CombiningClass* end = table + count;
    const CombiningClass* hit =
        std::lower_bound(table, end, cp, [](const CombiningClass& c, std::uint32_t v) { return c.codepoint < v; });
    return hit != end && hit->codepoint == cp ? hit->combining_class : 0;
}

void decompose(std::uint32_t cp, std::vector<std::uint32_t>& out) {
    if (cp >= kHangulBase && cp < kHangulBase + kSyllableCount) {
        const std::uint32_t index = cp - kHangulBase;
        out.push_back(kLeadBase + index / kPerLead);
        out.push_back(kVowelBase + (index % kPerLead) / kTrailCount);
        if (index % kTrailCount != 0) out.push_back(kTrailBase + index % kTrailCount);
        return;
    }
    static std::size_t count = 0;
    static const CanonicalDecomposition* table = nfc_decompositions(count);
    const CanonicalDecomposition* end = table + count;
    const CanonicalDecomposition* hit = std::lower_bound(
        table, end, cp, [](const CanonicalDecomposition& d, std::uint32_t v) { return d.codepoint < v; });
    if (hit == end || hit->codepoint != cp) {
        out.push_back(cp);
        return;
    }
    for (std::uint32_t part : hit->parts) {
        if (part != 0) out.push_back(part);
    }
}

/// The primary composite of the pair, or 0.
std::uint32_t compose(std::uint32_t first, std::uint32_t second) noexcept {
    if (first >= kLeadBase && first < kLeadBase + kLeadCount && second >= kVowelBase &&
        second < kVowelBase + kVowelCount) {
        return kHangulBase + ((first - kLeadBase) * kVowelCount + (second - kVowelBase)) * kTrailCount;
    }
    if (first >= kHangulBase && first < kHangulBase + kSyllableCount && (first - kHangulBase) % kTrailCount == 0 &&
        second > kTrailBase && second < kTrailBase + kTrailCount) {
        return first + (second - kTrailBase);
    }
    static std::size_t count = 0;
    static const CanonicalComposition* table = nfc_compositions(count);
    const CanonicalComposition* end = table + count;
    const CanonicalComposition* hit =
        std::lower_bound(table, end, std::make_pair(first, second), [](const CanonicalComposition& c, auto key) {
            return c.first < key.first || (c.first == key.first && c.second < key.second);
        });
    return hit != end && hit->first == first && hit->second == second ? hit->composite : 0;
}

/// Decode one code point of valid UTF-8 at `p` (advanced past it).
std::uint32_t next_code_point(const unsigned char*& p, const unsigned char* end) noexcept {
    std::uint32_t c = *p++;
    int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (more) c &= 0x3Fu >> more;
    while (more-- > 0 && p < end) c = (c << 6) | (*p++ & 0x3Fu);
    return c;
}

}  // namespace

void append_nfc(const char* utf8, std::size_t size, std::string& out) {
    const auto* p = reinterpret_cast<const unsigned char*>(utf8);
    const auto* end = p + size;
    if (std::all_of(p, end, [](unsigned char c) { return c < 0x80; })) {
        out.append(utf8, size);
        return;
    }
    std::vector<std::uint32_t> points;
    points.reserve(size);
    while (p < end) decompose(next_code_point(p, end), points);
    // Canonical order: a stable sort of each run of non-starters by class.
    std::vector<std::uint8_t> classes(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) classes[i] = combining_class(points[i]);
    for (std::size_t i = 1; i < points.size(); ++i) {
        for (std::size_t j = i; j > 0 && classes[j] != 0 && classes[j - 1] > classes[j]; --j) {
            std::swap(points[j], points[j - 1]);
            std::swap(classes[j], classes[j - 1]);
        }
    }
    // Canonical composition.
    std::size_t kept = 0;
    std::size_t starter = 0;
    bool have_starter = false;
    int last_class = -1;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const std::uint32_t cp = points[i];
        const int cls = classes[i];
        if (have_starter && (last_class < cls || last_class == 0)) {
            if (std::uint32_t composite = compose(points[starter], cp)) {
                points[starter] = composite;
                continue;
            }
        }
        if (cls == 0) {
            starter = kept;
            have_starter = true;
        }
        last_class = cls;
        points[kept] = cp;
        classes[kept] = static_cast<std::uint8_t>(cls);
        ++kept;
    }
    for (std::size_t i = 0; i < kept; ++i) append_utf8(out, points[i]);
}

}  // namespace mrrc
