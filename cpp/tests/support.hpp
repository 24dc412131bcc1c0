// Helpers shared by the C++ tests: build ISO 2709 bytes from fields.
#pragma once

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

namespace mrrc_test {

/// (tag, field data without terminator), e.g. {"245", "10\x1f" "aTitle"}.
using FieldSpec = std::pair<std::string, std::string>;

/// A well-formed record: directory and lengths computed, leader 9 = coding.
inline std::string make_record(const std::vector<FieldSpec>& fields, char coding = 'a') {
    std::string directory, data;
    for (const auto& [tag, body] : fields) {
        char entry[32];
        std::snprintf(entry, sizeof entry, "%s%04zu%05zu", tag.c_str(), body.size() + 1, data.size());
        directory += entry;
        data += body;
        data += '\x1e';
    }
    directory += '\x1e';
    data += '\x1d';
    const std::size_t base = 24 + directory.size();
    char leader[32];
    std::snprintf(leader, sizeof leader, "%05zunam %c22%05zu a 4500", base + data.size(), coding, base);
    return std::string(leader) + directory + data;
}

inline std::string sample_record() {
    return make_record({{"001", "ocm12345"},
                        {"008", "830412s1983    nyu           000 0 eng  "},
                        {"245", "10\x1f" "aThe title :\x1f" "bsubtitle /\x1f" "cby someone."},
                        {"650", " 0\x1f" "aCataloging\x1f" "xData processing."}});
}

inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace mrrc_test
