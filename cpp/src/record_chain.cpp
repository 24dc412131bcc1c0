#include "mrrc/record_chain.hpp"

namespace mrrc {

ChainResult follow_records(const char* data, std::size_t size, std::size_t pos, std::size_t stop,
                           bool at_eof) noexcept {
    return follow_records(data, size, pos, stop, at_eof, ScanOptions{});
}

ChainResult follow_records(const char* data, std::size_t size, std::size_t pos, std::size_t stop, bool at_eof,
                           const ScanOptions& options) noexcept {
    ChainResult r;
    for (;;) {
        if (pos >= stop) {
            r.status = ChainStatus::kPassed;
            break;
        }
        const ScanResult step = scan_record(data, size, pos, at_eof, options);
        if (step.status == ScanStatus::kRecord) {
            ++r.records;
            pos = step.end;
            continue;
        }
        if (step.status == ScanStatus::kError) {
            r.status = ChainStatus::kError;
            r.error = step.error;
            r.error_end = step.end;
        } else {
            r.status = step.status == ScanStatus::kEnd ? ChainStatus::kEnd : ChainStatus::kNeedMore;
        }
        break;
    }
    r.pos = pos;
    return r;
}

}  // namespace mrrc
