# Type stub for mrrc.mrk; tests/test_stubs.py and mypy.stubtest check it against the runtime.
import os
from typing import IO, Any, Iterator, Optional, Union

from mrrc._core import Record
from mrrc.exceptions import PymarcException

__all__ = ["MrkError", "MrkReader", "MrkWriter", "record_to_mrk"]

class MrkError(PymarcException, ValueError):
    """A .mrk line that cannot be read; ``line_number`` counts from 1."""

    line_number: Optional[int]
    line: Optional[str]
    def __init__(self, message: str, line_number: Optional[int] = None, line: Optional[str] = None) -> None: ...

class MrkReader:
    """Records from MarcEdit .mrk/.mrk8 text: a path, bytes, or a file object."""

    encoding: Optional[str]
    file_handle: Any
    def __init__(
        self, source: Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, IO[Any]],
        encoding: Optional[str] = None,
    ) -> None: ...
    def __iter__(self) -> Iterator[Record]: ...
    def __next__(self) -> Record: ...
    def close(self) -> None: ...
    def __enter__(self) -> "MrkReader": ...
    def __exit__(self, *exc_info: object) -> None: ...

def record_to_mrk(record: Record, encoding: Optional[str] = None) -> str: ...

class MrkWriter:
    """Writes records as MarcEdit .mrk text to a binary or text file."""

    file_handle: Any
    encoding: Optional[str]
    newline: str
    def __init__(self, fh: IO[Any], encoding: Optional[str] = None, newline: str = "\r\n") -> None: ...
    def write(self, record: Record) -> None: ...
    def close(self, close_fh: bool = True) -> None: ...
