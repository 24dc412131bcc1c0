"""MARC-8 to Unicode with pymarc's API (pymarc.marc8), decoded in C++.

    marc8_to_unicode(b"caf\\xe2e")  ->  "café"
"""

import sys
import unicodedata

from mrrc._core import marc8_decode, marc8_decode_text


class MARC8ToUnicode:
    """pymarc's converter: the G0/G1 character sets carry over between
    translate() calls on one instance."""

    basic_latin = 0x42
    ansel = 0x45

    def __init__(self, G0=basic_latin, G1=ansel, quiet=False):  # noqa: N803 - pymarc's argument names
        """`G0`, `G1`: the character sets in force at the start of each string
        (Basic Latin and ANSEL); `quiet`: do not print decoding problems."""
        self.g0 = G0
        self.g0_set = {b"(", b",", b"$"}
        self.g1 = G1
        self.g1_set = {b")", b"-", b"$"}
        self.quiet = quiet

    def translate(self, marc8_string):
        """Unicode (NFC) for MARC-8 bytes; messages go to stderr as pymarc's do.
        Raises TypeError where pymarc's does (an escape cut off by the end)."""
        if not marc8_string:
            return ""
        if isinstance(marc8_string, str):  # already decoded: pymarc still runs it through the tables
            text, messages, self.g0, self.g1 = marc8_decode_text(marc8_string, self.quiet, self.g0, self.g1)
            if messages:
                sys.stderr.write(messages)
            return unicodedata.normalize("NFC", text)
        ok, text, messages, self.g0, self.g1 = marc8_decode(bytes(marc8_string), self.quiet, self.g0, self.g1)
        if messages:
            sys.stderr.write(messages)
        if not ok:
            raise TypeError("ord() expected a character, but string of length 0 found")
        return unicodedata.normalize("NFC", text)


def marc8_to_unicode(marc8, hide_utf8_warnings=False):
    """Decode MARC-8 bytes to (NFC) Unicode as pymarc does; a truncated escape
    sequence raises UnicodeDecodeError."""
    converter = MARC8ToUnicode(quiet=hide_utf8_warnings)
    try:
        return converter.translate(marc8)
    except (IndexError, TypeError) as err:
        raise UnicodeDecodeError(
            "marc8_to_unicode", marc8, 0, len(marc8), "invalid multibyte character encoding"
        ) from err
