# Type stub for mrrc.reader; tests/test_stubs.py and mypy.stubtest check it against the runtime.
import os
from typing import IO, Any, Callable, List, NoReturn, Optional, Union

from mrrc._core import ReaderCore, Record
from mrrc._reader_base import Reader as Reader
from mrrc._text_readers import JSONReader as JSONReader
from mrrc._text_readers import MARCMakerReader as MARCMakerReader

BATCH_RECORDS: int
BATCH_BYTES: int
READ_CHUNK: int
QUEUE_BATCHES: int

# a path, bytes or another buffer (bytearray, memoryview, mmap), or a binary file
_MarcSource = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, IO[bytes], Any]

class MARCReader(ReaderCore, Reader):
    """pymarc's ISO 2709 reader: each item is a Record, or None for a record that could not be read
    (``current_exception`` and ``current_chunk`` say why)."""

    to_unicode: bool
    force_utf8: bool
    hide_utf8_warnings: bool
    utf8_handling: str
    file_encoding: str
    permissive: bool
    def __init__(
        self, marc_target: _MarcSource, to_unicode: bool = True, force_utf8: bool = False,
        hide_utf8_warnings: bool = False, utf8_handling: str = "strict", file_encoding: str = "iso8859-1",
        permissive: bool = False, threads: Optional[int] = None, oversized: Optional[str] = None,
    ) -> None: ...
    @property
    def current_chunk(self) -> Optional[bytes]: ...
    @property
    def current_exception(self) -> Optional[BaseException]: ...
    def __iter__(self) -> "MARCReader": ...
    def __next__(self) -> Optional[Record]: ...
    def close(self) -> None: ...
    def __copy__(self) -> NoReturn: ...  # a reader reads ahead: TypeError
    def __enter__(self) -> "MARCReader": ...
    def __exit__(self, *exc_info: object) -> None: ...

def resolve_threads(threads: Optional[int]) -> int: ...
def read_all(source: _MarcSource, threads: Optional[int] = None, **options: Any) -> List[Optional[Record]]: ...
def map_records(f: Callable[[Optional[Record]], Any], *files: IO[bytes]) -> None: ...
