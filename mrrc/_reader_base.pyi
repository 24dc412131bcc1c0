# Type stub for mrrc._reader_base; tests/test_stubs.py and mypy.stubtest check it against the runtime.
from typing import Iterator, Optional

from mrrc._core import Record

class Reader:
    """Base class of the readers: an iterator over records (None for a record that could not be read)."""

    def __iter__(self) -> Iterator[Optional[Record]]: ...
