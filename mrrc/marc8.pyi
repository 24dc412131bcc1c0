# Type stub for mrrc.marc8; tests/test_stubs.py and mypy.stubtest check it against the runtime.
from typing import Set, Union

from mrrc._core import marc8_decode as marc8_decode
from mrrc._core import marc8_decode_text as marc8_decode_text

class MARC8ToUnicode:
    """pymarc's converter: the G0/G1 character sets carry over between translate() calls on one instance."""

    basic_latin: int
    ansel: int
    g0: int
    g0_set: Set[bytes]
    g1: int
    g1_set: Set[bytes]
    quiet: bool
    def __init__(self, G0: int = 0x42, G1: int = 0x45, quiet: bool = False) -> None: ...  # noqa: N803
    def translate(self, marc8_string: Union[bytes, bytearray, str]) -> str: ...

def marc8_to_unicode(marc8: Union[bytes, bytearray, str], hide_utf8_warnings: bool = False) -> str: ...
