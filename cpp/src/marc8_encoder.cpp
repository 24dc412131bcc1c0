#include "mrrc/marc8_encoder.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <vector>

#include "mrrc/marc8.hpp"
#include "mrrc/marc8_tables.hpp"
#include "mrrc/utf8.hpp"

namespace mrrc {
namespace {

constexpr std::uint8_t kPreference[] = {0x42, 0x45, 0x53, 0x4E, 0x51, 0x32, 0x33, 0x34, 0x31, 0x67, 0x62, 0x70};

bool technique_one(std::uint8_t set) noexcept { return set == 0x62 || set == 0x67 || set == 0x70; }

struct Code {
    std::uint8_t set;
    std::uint32_t code;
    bool combining;
};

/// Code point -> code, per set, built once from the generated tables.
class ReverseIndex {
public:
    ReverseIndex() {
        std::size_t count = 0;
        const Marc8Set* sets = marc8_sets(count);
        for (std::size_t i = 0; i < count; ++i) {
            auto& map = by_set_[sets[i].iso_code];
            for (std::size_t k = 0; k < sets[i].size; ++k) {
                const Marc8Entry& e = sets[i].entries[k];
                map.emplace(e.codepoint, Code{sets[i].iso_code, e.code, e.combining});  // first code wins
            }
        }
        decompositions_ = marc8_decompositions(decomposition_count_);
    }

    const Code* in_set(std::uint8_t set, std::uint32_t cp) const {
        const auto& map = by_set_[set];
        const auto found = map.find(cp);
        return found == map.end() ? nullptr : &found->second;
    }

    const Code* preferred(std::uint32_t cp) const {
        for (std::uint8_t set : kPreference) {
            if (const Code* c = in_set(set, cp)) return c;
        }
        return nullptr;
    }

    const Marc8Decomposition* decomposition(std::uint32_t cp) const noexcept {
        const Marc8Decomposition* end = decompositions_ + decomposition_count_;
        const auto* hit = std::lower_bound(decompositions_, end, cp,
                                           [](const Marc8Decomposition& d, std::uint32_t c) { return d.codepoint < c; });
        return hit != end && hit->codepoint == cp ? hit : nullptr;
    }

private:
    std::array<std::unordered_map<std::uint32_t, Code>, 256> by_set_;
    const Marc8Decomposition* decompositions_ = nullptr;
    std::size_t decomposition_count_ = 0;
};

const ReverseIndex& reverse_index() {
    static const ReverseIndex instance;
    return instance;
}

/// ASCII characters that MARC-8 writes as themselves from Basic Latin: text of
/// only these is its own MARC-8 form (no escapes, no reordering).
const std::array<bool, 128>& plain_ascii() {
    static const std::array<bool, 128> plain = [] {
        std::array<bool, 128> table{};
        const ReverseIndex& index = reverse_index();
        table[0x20] = true;  // a space stays in Basic Latin
        for (std::uint32_t c = 0x21; c < 0x7F; ++c) {
            const Code* code = index.in_set(Marc8Decoder::kBasicLatin, c);
            table[c] = code != nullptr && code->code == c && !code->combining && index.preferred(c) != nullptr;
        }
        return table;
    }();
    return plain;
}

/// Next code point of valid UTF-8 (the input comes from Python str).
std::uint32_t next_codepoint(const unsigned char* p, std::size_t size, std::size_t& i) noexcept {
    const unsigned char c = p[i];
    std::size_t n = utf8_sequence_length(c);
    std::uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    if (i + n > size) n = size - i;
    for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (p[i + k] & 0x3F);
    i += n;
    return cp;
}

}  // namespace

bool encode_marc8(const char* utf8, std::size_t size, std::string& out, std::uint32_t& unencodable) {
    const ReverseIndex& index = reverse_index();
    const auto* p = reinterpret_cast<const unsigned char*>(utf8);
    const std::array<bool, 128>& plain = plain_ascii();
    std::size_t ascii = 0;
    while (ascii < size && p[ascii] < 0x80 && plain[p[ascii]]) ++ascii;
    if (ascii == size) {  // the usual value: its own MARC-8 form
        out.append(utf8, size);
        return true;
    }

    // 1. Code points, with precomposed letters no set has replaced by their parts.
    std::vector<std::uint32_t> points;
    for (std::size_t i = 0; i < size;) {
        const std::uint32_t cp = next_codepoint(p, size, i);
        const Marc8Decomposition* d = index.preferred(cp) ? nullptr : index.decomposition(cp);
        if (d == nullptr) {
            points.push_back(cp);
            continue;
        }
        for (std::uint32_t part : d->parts) {
            if (part != 0) points.push_back(part);
        }
    }

    // 2. Choose each character's code, staying in the current sets when they have it.
    std::uint8_t g0 = Marc8Decoder::kBasicLatin, g1 = Marc8Decoder::kAnsel;
    std::vector<Code> codes;
    codes.reserve(points.size());
    for (std::uint32_t cp : points) {
        const Code* code = nullptr;
        if (cp < 0x20) {  // separators and controls: MARC-8 readers drop them, or they end the field
            unencodable = cp;
            return false;
        }
        if (cp == 0x20 && g0 != Marc8Decoder::kEacc && !technique_one(g0)) {
            codes.push_back({g0, 0x20, false});  // a space stays in a script's run, as cataloguing tools write it
            continue;
        }
        // While G0 is EACC every character is read as three bytes, so G1 is out of reach.
        if (const Code* current = index.in_set(g0, cp)) code = current;
        else if (const Code* high = g0 == Marc8Decoder::kEacc ? nullptr : index.in_set(g1, cp)) code = high;
        else code = index.preferred(cp);
        if (code == nullptr) {
            unencodable = cp;
            return false;
        }
        codes.push_back(*code);
        if (code->code >= 0x80 && code->set != Marc8Decoder::kEacc) {
            g1 = code->set;
            if (g0 == Marc8Decoder::kEacc) g0 = Marc8Decoder::kBasicLatin;
        } else {
            g0 = code->set;
        }
    }

    // 3. Write: diacritics before their base letter, escapes where the set changes.
    g0 = Marc8Decoder::kBasicLatin;
    g1 = Marc8Decoder::kAnsel;
    auto emit = [&](const Code& c) {
        const bool high = c.code >= 0x80 && c.set != Marc8Decoder::kEacc;
        if (high) {
            if (g0 == Marc8Decoder::kEacc) {  // leave three-byte mode before a G1 character
                out += "\x1b(B";
                g0 = Marc8Decoder::kBasicLatin;
            }
            if (g1 != c.set) {
                out += "\x1b)";
                out.push_back(static_cast<char>(c.set));
                g1 = c.set;
            }
        } else if (g0 != c.set) {
            if (c.set == Marc8Decoder::kBasicLatin && technique_one(g0)) {
                out += "\x1bs";
            } else if (technique_one(c.set)) {
                out.push_back('\x1b');
                out.push_back(static_cast<char>(c.set));
            } else if (c.set == Marc8Decoder::kEacc) {
                out += "\x1b$1";
            } else {
                out += "\x1b(";
                out.push_back(static_cast<char>(c.set));
            }
            g0 = c.set;
        }
        if (c.set == Marc8Decoder::kEacc) {
            out.push_back(static_cast<char>(c.code >> 16));
            out.push_back(static_cast<char>((c.code >> 8) & 0xFF));
        }
        out.push_back(static_cast<char>(c.code & 0xFF));
    };
    std::size_t i = 0;
    while (i < codes.size()) {
        std::size_t marks_end = i + 1;
        while (marks_end < codes.size() && codes[marks_end].combining) ++marks_end;
        if (!codes[i].combining) {
            for (std::size_t k = i + 1; k < marks_end; ++k) emit(codes[k]);
            emit(codes[i]);
        } else {
            for (std::size_t k = i; k < marks_end; ++k) emit(codes[k]);
        }
        i = marks_end;
    }
    if (g0 != Marc8Decoder::kBasicLatin) out += technique_one(g0) ? "\x1bs" : "\x1b(B";
    if (g1 != Marc8Decoder::kAnsel) out += "\x1b)E";
    return true;
}

}  // namespace mrrc
