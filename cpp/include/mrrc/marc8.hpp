// MARC-8 to UTF-8, decoding exactly as pymarc 5.x's MARC8ToUnicode.translate
// does (its escape handling, combining-mark reordering, dropped control codes
// and messages), except the final NFC normalisation, which callers apply.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace mrrc {

/// A decoder with pymarc's G0/G1 state, which carries over between calls.
///   Marc8Decoder d;
///   std::string text, messages;
///   if (!d.decode(bytes, n, text, messages)) { /* pymarc raises UnicodeDecodeError */ }
class Marc8Decoder {
public:
    static constexpr std::uint8_t kBasicLatin = 0x42;
    static constexpr std::uint8_t kAnsel = 0x45;
    static constexpr std::uint8_t kEacc = 0x31;  ///< the only three-byte set

    explicit Marc8Decoder(bool quiet = false, std::uint8_t g0 = kBasicLatin, std::uint8_t g1 = kAnsel) noexcept
        : quiet_(quiet), g0_(g0), g1_(g1) {}

    /// Append the UTF-8 for `size` MARC-8 bytes to `out`, and pymarc's stderr
    /// messages to `messages`. False where pymarc raises UnicodeDecodeError
    /// (an escape sequence cut off by the end of the data). Never throws
    /// except std::bad_alloc.
    bool decode(const char* data, std::size_t size, std::string& out, std::string& messages);

    /// As decode(), for text that is already Unicode (given as code points),
    /// as pymarc's translate() treats a str: no escape sequence is recognised
    /// and every character is looked up in the G0/G1 tables. Never fails.
    bool decode_text(const std::uint32_t* code_points, std::size_t size, std::string& out, std::string& messages);

    std::uint8_t g0() const noexcept { return g0_; }
    std::uint8_t g1() const noexcept { return g1_; }

private:
    template <typename Unit>
    bool decode_units(const Unit* units, std::size_t size, bool escapes, std::string& out, std::string& messages);

    bool quiet_;
    std::uint8_t g0_;
    std::uint8_t g1_;
};

/// True when the bytes decode to themselves: printable ASCII only (0x20-0x7E).
bool is_plain_marc8(const char* data, std::size_t size) noexcept;

/// Append the UTF-8 encoding of a code point.
void append_utf8(std::string& out, std::uint32_t codepoint);

}  // namespace mrrc
