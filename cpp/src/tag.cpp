#include "mrrc/tag.hpp"

#include <algorithm>

namespace mrrc {

namespace {
bool all_digits(std::string_view text) noexcept {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}
}  // namespace

std::string normalise_tag(std::string_view tag) {
    if (!all_digits(tag) || tag.size() == 3) return std::string(tag);
    const std::size_t first = tag.find_first_not_of('0');
    std::string number = first == std::string_view::npos ? std::string("0") : std::string(tag.substr(first));
    if (number.size() < 3) number.insert(0, 3 - number.size(), '0');
    return number;
}

bool is_control_tag(std::string_view normalised) noexcept { return all_digits(normalised) && normalised < "010"; }

bool is_ascii(std::string_view text) noexcept {
    return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace mrrc
