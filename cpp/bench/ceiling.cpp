// The pure C++ ceiling for the benchmark workloads: the same work as the
// Python workloads, with no Python at all.
//   mrrc_ceiling read|extract|roundtrip|write|xml_write FILE    (ISO 2709)
//   mrrc_ceiling xml_read FILE                                   (MARCXML; built with libexpat)
// prints {"records": N, "seconds": S} for the best of a few repetitions.
#include <array>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "mrrc/record_writer.hpp"
#include "mrrc/serializer.hpp"
#include "mrrc/stream_reader.hpp"
#include "mrrc/threaded_reader.hpp"
#include "mrrc/xml_writer.hpp"
#ifdef MRRC_HAVE_EXPAT
#include <fstream>

#include "../tests/expat_support.hpp"
#include "mrrc/xml_reader.hpp"
#endif

namespace {

using Clock = std::chrono::steady_clock;

/// Visit every record of a file read by the stream reader.
template <typename Visit>
std::size_t for_each_record(const char* path, Visit visit, mrrc::ParseOptions options = {}) {
    mrrc::StreamReader reader{options};
    int err = 0;
    if (!reader.open_file(path, err)) {
        std::perror(path);
        std::exit(2);
    }
    std::vector<mrrc::ReadItem> batch;
    std::size_t count = 0;
    while (reader.next_batch(batch, 256, 4u << 20) == mrrc::StreamReader::Status::kItems) {
        for (auto& item : batch) {
            if (item.ok()) visit(item.record);
            ++count;
        }
        batch.clear();
    }
    return count;
}

/// pymarc's Field.value(): subfield values, each stripped, joined by spaces.
std::size_t field_value(const mrrc::Record& r, const mrrc::FieldSpan& f, std::string& out) {
    out.clear();
    if (f.is_control) {
        out.assign(r.field_data(f));
        return out.size();
    }
    for (std::uint32_t i = 0; i < f.subfield_count; ++i) {
        std::string_view v = r.subfield_value(r.subfields[f.first_subfield + i]);
        while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
        while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
        if (i) out.push_back(' ');
        out.append(v);
    }
    return out.size();
}

struct Timing {
    std::size_t records = 0;
    double seconds = 0;
};

double since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

Timing run(const std::string& workload, const char* path) {
    static volatile std::size_t sink = 0;
    std::string scratch;
    const auto start = Clock::now();
    if (workload == "read") {  // parsed as the Python reader parses: subfield spans of ASCII fields wait
        mrrc::ParseOptions options;
        options.defer_subfields = true;
        const std::size_t n = for_each_record(path, [](const mrrc::Record&) {}, options);
        return {n, since(start)};
    }
    if (workload == "extract") {
        const std::size_t n = for_each_record(path, [&](const mrrc::Record& r) {
            for (const auto& f : r.fields) {
                if (f.tag_view() == "245") {  // title: $a and $b
                    for (std::uint32_t i = 0; i < f.subfield_count; ++i) {
                        const auto& s = r.subfields[f.first_subfield + i];
                        const char code = r.subfield_code(s);
                        if (code == 'a' || code == 'b') sink = sink + r.subfield_value(s).size();
                    }
                }
                sink = sink + field_value(r, f, scratch);
            }
        });
        return {n, since(start)};
    }
    if (workload == "read-threaded") {  // the producer thread of a path reader, consumed here
        mrrc::ThreadedReaderOptions options;
        options.parse.defer_subfields = true;  // (as the Python reader parses)
        mrrc::ThreadedReader reader{options};
        int err = 0;
        if (!reader.open(path, err)) std::exit(2);
        std::size_t n = 0;
        std::vector<mrrc::Record> done;
        for (;;) {
            auto batch = reader.pop();
            n += batch->items.size();
            for (auto& item : batch->items) done.push_back(std::move(item.record));  // dropped, as Python drops them
            reader.pool()->give_back(done);
            if (batch->status != mrrc::StreamReader::Status::kItems) break;
        }
        return {n, since(start)};
    }
    if (workload == "marc8_read") {  // MARC-8 decoded at parse time; touch every value's text
        mrrc::ParseOptions options;
        options.decode_marc8 = true;
        options.marc8_quiet = true;
        const std::size_t n = for_each_record(
            path,
            [&](const mrrc::Record& r) {
                for (std::size_t i = 0; i < r.subfields.size(); ++i) {
                    const bool decoded = i < r.texts.size() && r.texts[i].offset != mrrc::TextSpan::kRaw;
                    sink = sink + (decoded ? r.texts[i].length : r.subfields[i].length);
                }
            },
            options);
        return {n, since(start)};
    }
    if (workload == "roundtrip") {
        const std::size_t n = for_each_record(path, [&](const mrrc::Record& r) {
            scratch.clear();
            mrrc::serialize_record(r, 'a', scratch);
            sink = sink + scratch.size();
        });
        return {n, since(start)};
    }
    if (workload == "write" || workload == "write_all" || workload == "xml_write") {  // records in memory: only writing is timed
        std::vector<mrrc::Record> records;
        for_each_record(path, [&](const mrrc::Record& r) { records.push_back(r); });
        const auto write_start = Clock::now();
        std::FILE* out = std::fopen("/dev/null", "wb");
        if (workload != "xml_write") {  // as the writers do: 256 records serialised at a time, written 1 MiB at a time
            std::vector<mrrc::WriteItem> items;
            std::vector<std::array<char, 24>> leaders(records.size());
            mrrc::ByteBuffer batch;
            for (std::size_t i = 0; i < records.size(); ++i) {
                records[i].leader().copy(leaders[i].data(), 24);
                leaders[i][9] = 'a';
                items.push_back({&records[i], std::string_view(leaders[i].data(), 24)});
                if (items.size() == 256 || i + 1 == records.size()) {
                    mrrc::serialize_batch(items.data(), items.size(), 1, batch);
                    items.clear();
                }
                if (batch.size() >= (1u << 20) || i + 1 == records.size()) {
                    std::fwrite(batch.data(), 1, batch.size(), out);
                    batch.clear();
                }
            }
        } else {
            for (const auto& r : records) {
                scratch.clear();
                mrrc::write_record_xml(r, r.leader(), {}, scratch);  // XMLWriter's UTF-8 form
                std::fwrite(scratch.data(), 1, scratch.size(), out);
            }
        }
        std::fclose(out);
        return {records.size(), since(write_start)};
    }
#ifdef MRRC_HAVE_EXPAT
    if (workload == "xml_read") {  // read in xml.sax's pieces, as the Python reader does
        std::ifstream in(path, std::ios::binary);
        mrrc::XmlReader reader(mrrc_test::system_expat(), {});
        std::vector<char> piece(65516);
        std::size_t n = 0;
        while (in.read(piece.data(), static_cast<std::streamsize>(piece.size())) || in.gcount() > 0) {
            reader.feed(piece.data(), static_cast<std::size_t>(in.gcount()), false);
            n += reader.items().size();
            reader.items().clear();
        }
        reader.feed(nullptr, 0, true);
        n += reader.items().size();
        return {n, since(start)};
    }
#endif
    std::fprintf(stderr, "unknown workload %s\n", workload.c_str());
    std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s read|extract|roundtrip|write FILE\n", argv[0]);
        return 2;
    }
    Timing best{0, 1e30};
    for (int rep = 0; rep < 5; ++rep) {
        const Timing t = run(argv[1], argv[2]);
        if (t.seconds < best.seconds) best = t;
    }
    std::printf("{\"records\": %zu, \"seconds\": %.9f}\n", best.records, best.seconds);
    return 0;
}
