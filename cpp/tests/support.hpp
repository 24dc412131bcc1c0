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
        char entry[64];  // room for any tag and two size_t values (GCC 16 -Wformat-truncation)
        std::snprintf(entry, sizeof entry, "%s%04zu%05zu", tag.c_str(), body.size() + 1, data.size());
        directory += entry;
        data += body;
        data += '\x1e';
    }
    directory += '\x1e';
    data += '\x1d';
    const std::size_t base = 24 + directory.size();
    char leader[64];  // room for two size_t values
    std::snprintf(leader, sizeof leader, "%05zunam %c22%05zu a 4500", base + data.size(), coding, base);
    return std::string(leader) + directory + data;
}

/// How a writer filled the numbers that do not fit their digits.
enum class Lengths { kZeros, kNines, kWrapped, kTooSmall };

inline std::string oversized_number(std::size_t value, int digits, Lengths lengths) {
    const std::size_t limit = digits == 4 ? 10000 : 100000;
    char text[32] = {};  // room for any size_t
    if (value < limit) {
        std::snprintf(text, sizeof text, "%0*zu", digits, value);
        return text;
    }
    switch (lengths) {
        case Lengths::kZeros: return std::string(static_cast<std::size_t>(digits), '0');
        case Lengths::kNines: return std::string(static_cast<std::size_t>(digits), '9');
        case Lengths::kWrapped: std::snprintf(text, sizeof text, "%0*zu", digits, value % limit); return text;
        case Lengths::kTooSmall: std::snprintf(text, sizeof text, "%0*zu", digits, limit / 10); return text;
    }
    return text;
}

/// A record past the ISO 2709 limits (fields over 9,999 bytes, a record over
/// 99,999), its numbers that do not fit written the way `lengths` says.
inline std::string make_oversized_record(const std::vector<FieldSpec>& fields, Lengths lengths) {
    std::string directory, data;
    for (const auto& [tag, body] : fields) {
        directory += tag + oversized_number(body.size() + 1, 4, lengths) + oversized_number(data.size(), 5, lengths);
        data += body;
        data += '\x1e';
    }
    directory += '\x1e';
    data += '\x1d';
    const std::size_t base = 24 + directory.size();
    return oversized_number(base + data.size(), 5, lengths) + "nam a22" + oversized_number(base, 5, lengths) +
           " a 4500" + directory + data;
}

/// A 505 of about `bytes` bytes of contents notes.
inline std::string long_contents(std::size_t bytes) {
    std::string body = "0 ";
    for (int chapter = 1; body.size() < bytes; ++chapter) {
        body += "\x1f" "tChapter " + std::to_string(chapter) + " -- ";
    }
    return body;
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
