// MARC-8 both ways: decoding arbitrary bytes from any starting sets, and
// encoding arbitrary UTF-8; what the encoder writes decodes back to its input.
#include <cstdint>
#include <string>

#include "fuzz_input.hpp"
#include "mrrc/marc8.hpp"
#include "mrrc/marc8_encoder.hpp"
#include "mrrc/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    mrrc_fuzz::Input in{data, size};
    const std::uint8_t g0 = in.take(), g1 = in.take();
    std::string out, messages;
    mrrc::Marc8Decoder(true, g0, g1).decode(in.bytes(), in.size, out, messages);
    mrrc::Marc8Decoder(false).decode(in.bytes(), in.size, out, messages);
    if (mrrc::find_invalid_utf8(out.data(), out.size()) != out.size()) __builtin_trap();  // always valid UTF-8

    if (mrrc::find_invalid_utf8(in.bytes(), in.size) != in.size) return 0;  // the encoder takes valid UTF-8
    std::string encoded;
    std::uint32_t bad = 0;
    if (!mrrc::encode_marc8(in.bytes(), in.size, encoded, bad)) return 0;
    std::string decoded;
    messages.clear();
    if (!mrrc::Marc8Decoder(true).decode(encoded.data(), encoded.size(), decoded, messages)) __builtin_trap();
    return 0;
}
