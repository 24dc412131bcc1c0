// The MARC-8 character sets as data (generated: cpp/src/marc8_tables.cpp).
#pragma once

#include <cstddef>
#include <cstdint>

namespace mrrc {

/// One MARC-8 code and the Unicode code point it stands for.
struct Marc8Entry {
    std::uint32_t code;       ///< one byte, or three bytes (EACC) as 0xXXYYZZ
    std::uint32_t codepoint;
    bool combining;           ///< a diacritic written before its base character
};

/// A character set, named by its ISO 2022 final byte (0x42 Basic Latin, 0x45 ANSEL, 0x31 EACC, ...).
struct Marc8Set {
    std::uint8_t iso_code;
    const Marc8Entry* entries;  ///< sorted by code
    std::size_t size;
};

/// A character written in MARC-8 as its canonical decomposition (base, then marks; 0 pads).
struct Marc8Decomposition {
    std::uint32_t codepoint;
    std::uint32_t parts[4];
};

/// All character sets, sorted by ISO code.
const Marc8Set* marc8_sets(std::size_t& count) noexcept;

/// Decompositions for encoding, sorted by code point.
const Marc8Decomposition* marc8_decompositions(std::size_t& count) noexcept;

/// Codes outside the sets that pymarc maps anyway (III/Innovative output), sorted by code.
const Marc8Entry* marc8_odd_map(std::size_t& count) noexcept;

}  // namespace mrrc
