// The Unicode data for NFC normalisation (generated: cpp/src/nfc_tables.cpp).
#pragma once

#include <cstddef>
#include <cstdint>

namespace mrrc {

/// A code point whose canonical combining class is not 0.
struct CombiningClass {
    std::uint32_t codepoint;
    std::uint8_t combining_class;
};

/// A code point and its full canonical decomposition (0 pads).
struct CanonicalDecomposition {
    std::uint32_t codepoint;
    std::uint32_t parts[4];
};

/// A pair that NFC composes into `composite` (the primary composites).
struct CanonicalComposition {
    std::uint32_t first;
    std::uint32_t second;
    std::uint32_t composite;
};

/// Sorted by code point.
const CombiningClass* nfc_combining_classes(std::size_t& count) noexcept;
/// Sorted by code point; Hangul syllables are left to arithmetic.
const CanonicalDecomposition* nfc_decompositions(std::size_t& count) noexcept;
/// Sorted by (first, second).
const CanonicalComposition* nfc_compositions(std::size_t& count) noexcept;

}  // namespace mrrc
