// MARCXML fed in pieces to the C++ reader over the system libexpat (the
// Python build hands it pyexpat's): no crash, no runaway memory (entity
// bombs), and every record read serialises.
#include <cstdint>
#include <string>

#include "../tests/expat_support.hpp"
#include "fuzz_input.hpp"
#include "mrrc/serializer.hpp"
#include "mrrc/xml_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    mrrc_fuzz::Input in{data, size};
    const std::uint8_t flags = in.take();
    const std::size_t piece = 1 + in.take() % 200;
    mrrc::XmlReadOptions options;
    options.strict = flags & 1;
    static const mrrc::expat::Api api = mrrc_test::system_expat();
    mrrc::XmlReader reader(api, options);
    std::size_t at = 0;
    std::string out;
    while (at < in.size) {
        const std::size_t n = std::min(piece, in.size - at);
        if (!reader.feed(in.bytes() + at, n, false)) break;
        at += n;
    }
    reader.feed(nullptr, 0, true);
    for (const mrrc::XmlItem& item : reader.items()) {
        if (!item.loose) mrrc::serialize_record(item.record, item.record.leader(), out);
    }
    return 0;
}
