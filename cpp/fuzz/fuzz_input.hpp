// Helpers for the fuzz targets: take options from the first bytes of the
// input so that one target covers every mode of the code it drives.
#pragma once

#include <cstddef>
#include <cstdint>

#include "mrrc/parser.hpp"

namespace mrrc_fuzz {

/// Reads flags off the front of the input, then hands over the rest.
struct Input {
    const std::uint8_t* data;
    std::size_t size;

    /// The next byte as flags (0 when the input is used up); the byte is consumed.
    std::uint8_t take() noexcept {
        if (size == 0) return 0;
        --size;
        return *data++;
    }
    const char* bytes() const noexcept { return reinterpret_cast<const char*>(data); }
};

/// Parse options from a byte of flags: every combination pymarc's readers and mrrc's strict mode use.
inline mrrc::ParseOptions options_from(std::uint8_t flags) noexcept {
    mrrc::ParseOptions options;
    options.conformance = flags & 1 ? mrrc::Conformance::kStrict : mrrc::Conformance::kPymarc;
    options.force_utf8 = flags & 2;
    options.validate_text = !(flags & 4);
    options.decode_marc8 = flags & 8;
    options.marc8_quiet = flags & 16;
    options.strict_values = !(flags & 32);
    options.oversized = flags & 64;  // MARCReader(oversized="scan"): scanning and parsing by terminators
    options.defer_subfields = flags & 128;  // as the Python readers parse: spans listed when asked for
    return options;
}

}  // namespace mrrc_fuzz
