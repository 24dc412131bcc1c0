# Type stub for mrrc._text_readers; tests/test_stubs.py and mypy.stubtest check it against the runtime.
import os
from typing import IO, Any, Iterator, List, Union

from mrrc._core import Record
from mrrc._reader_base import Reader

_Target = Union[str, bytes, "os.PathLike[str]", IO[Any]]

class JSONReader(Reader):
    """pymarc's MARC-in-JSON reader: records from a JSON array (or one object)."""

    encoding: str
    file_handle: Any
    iter: Iterator[Any]
    def __init__(self, marc_target: _Target, encoding: str = "utf-8", stream: bool = False) -> None: ...
    @property
    def records(self) -> List[Any]: ...
    @records.setter
    def records(self, value: List[Any]) -> None: ...
    def __iter__(self) -> Iterator[Record]: ...
    def __next__(self) -> Record: ...

def record_from_json(item: Any) -> Record: ...

class MARCMakerReader(Reader):
    """pymarc's reader of its own MARCMaker text (the output of ``str(record)``)."""

    records: List[Any]
    iter: Iterator[Any]
    def __init__(self, target: _Target, encoding: str = "utf-8") -> None: ...
    def __iter__(self) -> Iterator[Record]: ...
    def __next__(self) -> Record: ...
