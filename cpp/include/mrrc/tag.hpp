// pymarc's tag rules, shared by the readers of text formats (MARCXML, MARC-in-JSON).
#pragma once

#include <string>
#include <string_view>

namespace mrrc {

/// What pymarc's Field(tag) makes of an ASCII tag: a string of digits keeps
/// three characters or becomes int(tag) zero-padded to three; anything else
/// stays as it is. (str.isdigit() is Unicode-wide, so callers leave tags
/// that are not ASCII to Python.)
std::string normalise_tag(std::string_view tag);

/// pymarc's control_field test on a normalised tag: digits, below "010".
bool is_control_tag(std::string_view normalised) noexcept;

/// True when every byte is ASCII.
bool is_ascii(std::string_view text) noexcept;

}  // namespace mrrc
