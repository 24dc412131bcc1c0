// The subfields of a data field walked from its bytes: how the parser lists
// them, and how a writer reads a field whose listing was deferred
// (FieldSpan::subfields_pending) without listing it.
#pragma once

#include <cstddef>

#include "mrrc/byte_search.hpp"
#include "mrrc/record.hpp"

namespace mrrc {

/// Calls chunk(offset, length) for each subfield of [cut, end) in `data`
/// (`cut` its first delimiter, or `end`): offset of its delimiter, length with
/// the delimiter. `delimiters` is a cursor just past `cut`. Empty chunks (a
/// delimiter with no code after it) are skipped, as pymarc skips them.
template <typename Chunk>
void each_subfield(DelimiterCursor& delimiters, std::size_t cut, std::size_t end, Chunk&& chunk) {
    for (std::size_t at = cut; at < end;) {
        const std::size_t stop = delimiters.next();
        if (stop > at + 1) chunk(at, stop - at);
        at = stop;
    }
}

/// Where a pending field's subfields lie: from its first delimiter,
/// `indicator_bytes` into its data (deferral needs fewer than 255), to its end.
struct UnlistedSubfields {
    std::size_t cut, end;
    explicit UnlistedSubfields(const FieldSpan& f) noexcept
        : cut(std::size_t{f.data_offset} + f.indicator_bytes), end(std::size_t{f.data_offset} + f.data_length) {}
    /// No empty chunk among them: written out, they are their own bytes.
    bool as_they_lie(const Record& record) const noexcept {
        return !has_empty_subfield(record.buffer.data(), cut, end);
    }
};

/// each_subfield for a field whose subfields are pending.
template <typename Chunk>
void each_unlisted_subfield(const Record& record, const FieldSpan& f, Chunk&& chunk) {
    const UnlistedSubfields where(f);
    DelimiterCursor delimiters(record.buffer.data(), record.buffer.size(), where.cut, where.end);
    delimiters.next();  // the delimiter at `cut` itself (or `end`)
    each_subfield(delimiters, where.cut, where.end, chunk);
}

}  // namespace mrrc
