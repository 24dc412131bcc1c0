// MARC-in-JSON documents and JSON Lines: Boost.JSON driven by the record
// builder; every record read serialises.
#include <cstdint>
#include <string>
#include <vector>

#include "mrrc/json_reader.hpp"
#include "mrrc/serializer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const char* bytes = reinterpret_cast<const char*>(data);
    std::vector<mrrc::Record> records;
    bool single = false;
    if (mrrc::read_marc_json(bytes, size, records, single) == mrrc::JsonOutcome::kRecords) {
        std::string out;
        for (const mrrc::Record& r : records) mrrc::serialize_record(r, r.leader(), out);
    }
    std::vector<mrrc::JsonLine> lines;
    const std::size_t used = mrrc::read_marc_json_lines(bytes, size, true, 1, lines);
    if (used > size) __builtin_trap();
    for (const mrrc::JsonLine& line : lines) {
        if (line.offset + line.length > size) __builtin_trap();
    }
    return 0;
}
