#include "mrrc/record.hpp"

namespace mrrc {

void Record::clear() noexcept {
    buffer.clear();
    fields.clear();
    subfields.clear();
    text.clear();
    texts.clear();
    messages.clear();
    flags = kFlagNone;
    record_index = 0;
    stream_offset = 0;
}

std::size_t Record::heap_bytes() const noexcept {
    return buffer.capacity() + fields.capacity() * sizeof(FieldSpan) +
           subfields.capacity() * sizeof(SubfieldSpan) + text.capacity() + texts.capacity() * sizeof(TextSpan) +
           messages.capacity();
}

}  // namespace mrrc
