# Type stub for mrrc.field; tests/test_stubs.py and mypy.stubtest check it against the runtime.
import logging
from typing import Optional, TypeVar

from mrrc._core import Field as Field
from mrrc._tuples import Indicators as Indicators
from mrrc._tuples import Subfield as Subfield

__all__ = ["Field", "Indicators", "Subfield", "RawField", "map_marc8_field"]

logger: logging.Logger

_F = TypeVar("_F", bound=Field)

class RawField(Field):
    """A field whose data and subfield values stay undecoded ``bytes`` (records read with ``to_unicode=False``)."""

    def as_marc(self, encoding: Optional[str] = None) -> bytes: ...  # type: ignore[override]
    def as_marc21(self, encoding: Optional[str] = None) -> bytes: ...  # type: ignore[override]

def map_marc8_field(f: _F) -> _F: ...
