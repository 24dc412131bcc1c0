# Type stub for mrrc.record; tests/test_stubs.py and mypy.stubtest check it against the runtime.
from typing import TypeVar

from mrrc._core import Record as Record
from mrrc._core import isbn_regex as isbn_regex
from mrrc._decode import normalize_subfield_code as normalize_subfield_code

__all__ = ["Record", "isbn_regex", "normalize_subfield_code", "map_marc8_record"]

_R = TypeVar("_R", bound=Record)

def map_marc8_record(record: _R) -> _R: ...
