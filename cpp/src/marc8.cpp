#include "mrrc/marc8.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "mrrc/marc8_tables.hpp"

namespace mrrc {
namespace {

/// The generated sets, indexed for fast lookup: single-byte sets get a
/// 256-slot table, EACC is searched.
class Marc8Index {
public:
    Marc8Index() {
        std::size_t count = 0;
        const Marc8Set* sets = marc8_sets(count);
        for (std::size_t i = 0; i < count; ++i) {
            sets_[sets[i].iso_code] = &sets[i];
            if (sets[i].iso_code == Marc8Decoder::kEacc) continue;
            auto& direct = direct_[sets[i].iso_code];
            direct.assign(256, nullptr);
            for (std::size_t k = 0; k < sets[i].size; ++k) direct[sets[i].entries[k].code & 0xFF] = &sets[i].entries[k];
        }
        odd_ = marc8_odd_map(odd_size_);
    }

    bool known(std::uint8_t iso_code) const noexcept { return sets_[iso_code] != nullptr; }

    const Marc8Entry* find(std::uint8_t iso_code, std::uint32_t code) const noexcept {
        const Marc8Set* set = sets_[iso_code];
        if (set == nullptr) return nullptr;
        if (iso_code != Marc8Decoder::kEacc) return code < 256 ? direct_[iso_code][code] : nullptr;
        return search(set->entries, set->size, code);
    }

    const Marc8Entry* find_odd(std::uint32_t code) const noexcept { return search(odd_, odd_size_, code); }

private:
    static const Marc8Entry* search(const Marc8Entry* entries, std::size_t size, std::uint32_t code) noexcept {
        const Marc8Entry* end = entries + size;
        const Marc8Entry* hit = std::lower_bound(entries, end, code,
                                                 [](const Marc8Entry& e, std::uint32_t c) { return e.code < c; });
        return hit != end && hit->code == code ? hit : nullptr;
    }

    std::array<const Marc8Set*, 256> sets_{};
    std::array<std::vector<const Marc8Entry*>, 256> direct_;
    const Marc8Entry* odd_ = nullptr;
    std::size_t odd_size_ = 0;
};

const Marc8Index& index() {
    static const Marc8Index instance;  // built once, thread-safe
    return instance;
}

void append_decimal(std::string& out, unsigned value) { out += std::to_string(value); }

void append_hex(std::string& out, std::uint64_t value) {
    static const char digits[] = "0123456789abcdef";
    char buffer[16];
    int n = 0;
    do {
        buffer[n++] = digits[value & 0xF];
        value >>= 4;
    } while (value != 0);
    while (n > 0) out.push_back(buffer[--n]);
}

}  // namespace

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

bool is_plain_marc8(const char* data, std::size_t size) noexcept {
    for (std::size_t i = 0; i < size; ++i) {
        const auto c = static_cast<unsigned char>(data[i]);
        if (c < 0x20 || c >= 0x7F) return false;
    }
    return true;
}

// The one decoding loop, over bytes (escape sequences recognised) or over the
// code points of text already decoded (pymarc compares such text with bytes,
// so its escapes never match and every character goes through the tables).
template <typename Unit>
bool Marc8Decoder::decode_units(const Unit* p, std::size_t n, bool escapes, std::string& out, std::string& messages) {
    const Marc8Index& sets = index();
    std::vector<std::uint32_t> combining;  // diacritics wait for their base character
    std::size_t pos = 0;
    while (pos < n) {
        if (escapes && p[pos] == 0x1B) {
            const bool has_next = pos + 1 < n;
            const Unit next = has_next ? p[pos + 1] : 0;
            if (has_next && (next == '(' || next == ',' || next == '$')) {  // designate G0
                if (n >= pos + 3) {
                    if (p[pos + 2] == ',' && next == '$') ++pos;  // ESC $ , F
                    if (pos + 2 >= n) return false;
                    g0_ = static_cast<std::uint8_t>(p[pos + 2]);
                    pos += 3;
                    continue;
                }
                out.push_back('\x1b');  // too short: pymarc keeps the ESC so the problem shows
                ++pos;
                continue;
            }
            if (has_next && (next == ')' || next == '-')) {  // designate G1
                if (pos + 2 >= n) return false;
                g1_ = static_cast<std::uint8_t>(p[pos + 2]);
                pos += 3;
                continue;
            }
            if (!has_next) return false;
            if (sets.known(static_cast<std::uint8_t>(next))) {  // technique 1: ESC F selects a G0 set
                g0_ = static_cast<std::uint8_t>(next);
                pos += 2;
            } else if (next == 0x73) {  // ESC s: back to Basic Latin
                g0_ = kBasicLatin;
                pos += 2;
                if (pos == n) break;
            }
            // Otherwise nothing is consumed and the ESC itself is read as a (dropped) character.
        }
        const bool multibyte = g0_ == kEacc;
        std::uint64_t cp;
        if (multibyte) {
            if (n < pos + 3) {
                messages += "Multi-byte position ";
                append_decimal(messages, static_cast<unsigned>(pos + 3));
                messages += " exceeds length of marc8 string ";
                append_decimal(messages, static_cast<unsigned>(n));
                messages += "\n";
                cp = 0x20;
            } else {
                cp = (static_cast<std::uint64_t>(p[pos]) << 16) + (static_cast<std::uint64_t>(p[pos + 1]) << 8) + p[pos + 2];
            }
            pos += 3;
        } else {
            if (pos >= n) return false;  // an ESC F at the very end leaves nothing to read
            cp = p[pos];
            pos += 1;
        }
        if (cp < 0x20 || (cp > 0x80 && cp < 0xA0)) continue;  // control codes are dropped
        const bool in_tables = cp <= 0xFFFFFFFFu;
        const auto code = static_cast<std::uint32_t>(cp);
        const Marc8Entry* entry = in_tables ? sets.find(cp > 0x80 && !multibyte ? g1_ : g0_, code) : nullptr;
        std::uint32_t uni = 0x20;
        bool is_combining = false;
        if (entry != nullptr) {
            uni = entry->codepoint;
            is_combining = entry->combining;
        } else if (const Marc8Entry* odd = in_tables ? sets.find_odd(code) : nullptr) {
            append_utf8(out, odd->codepoint);  // never combining, and does not release waiting marks
            continue;
        } else if (!quiet_) {
            messages += "Unable to parse character 0x";
            append_hex(messages, cp);
            messages += " in g0=";
            append_decimal(messages, g0_);
            messages += " g1=";
            append_decimal(messages, g1_);
            messages += "\n";
        }
        if (is_combining) {
            combining.push_back(uni);
        } else {
            append_utf8(out, uni);
            for (std::uint32_t mark : combining) append_utf8(out, mark);
            combining.clear();
        }
    }
    return true;  // marks still waiting at the end are dropped, as pymarc drops them
}

bool Marc8Decoder::decode(const char* data, std::size_t size, std::string& out, std::string& messages) {
    return decode_units(reinterpret_cast<const unsigned char*>(data), size, true, out, messages);
}

bool Marc8Decoder::decode_text(const std::uint32_t* code_points, std::size_t size, std::string& out,
                               std::string& messages) {
    return decode_units(code_points, size, false, out, messages);
}

}  // namespace mrrc
