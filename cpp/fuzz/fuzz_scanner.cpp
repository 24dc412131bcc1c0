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
        // Oversized scanning: inside the buffer, and what a prefix decides stays decided.
        mrrc::ScanOptions scan;
        scan.oversized = true;
        scan.max_record_bytes = 64 + size / 2;
        const mrrc::ScanResult whole = mrrc::scan_record(bytes, size, pos, true, scan);
        if (whole.status == mrrc::ScanStatus::kRecord && (whole.end <= pos || whole.end > size)) __builtin_trap();
        const std::size_t cut = pos + (size - pos) / 2;
        const mrrc::ScanResult part = mrrc::scan_record(bytes, cut, pos, false, scan);
        if (part.status == mrrc::ScanStatus::kRecord &&
            (whole.status != mrrc::ScanStatus::kRecord || whole.end != part.end)) __builtin_trap();
        const std::size_t again = mrrc::find_record_start(bytes, size, pos, scan);
        if (again < pos || again > size) __builtin_trap();
    }
    return 0;
}
