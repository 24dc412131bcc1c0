# Type stub for mrrc.byte_ranges; tests/test_stubs.py and mypy.stubtest check it against the runtime.
import os
from typing import Any, Callable, ContextManager, List, NamedTuple, Optional, Sequence, Tuple, Union

from mrrc.record import Record

__all__ = ["BlockSummary", "RecordRange", "blocks", "local_reader", "mapped_reader", "plan", "read_exactly",
           "read_range", "relocate", "summarise"]

_Buffer = Union[bytes, memoryview]
_Read = Callable[[int, int], _Buffer]

MAX_RECORD_BYTES: int

class BlockSummary(NamedTuple):
    """What a block [begin, end) of an ISO 2709 file holds, found without the rest of the file."""

    begin: int
    end: int
    start: Optional[int]
    passed: Optional[int]
    records: int
    error: Optional[str]
    error_end: Optional[int]

class RecordRange(NamedTuple):
    """Bytes [start, stop) of the file: `records` reader items from `first_index`, then a fatal one."""

    start: int
    stop: int
    first_index: int
    records: int
    fatal: Optional[str]

def blocks(size: int, blocksize: Optional[int]) -> List[Tuple[int, int]]: ...
def local_reader(path: Union[str, "os.PathLike[str]"]) -> Callable[[int, int], bytes]: ...
def mapped_reader(path: Union[str, "os.PathLike[str]"]) -> ContextManager[_Read]: ...
def summarise(read: _Read, size: int, begin: int, end: int, start: Optional[int] = None,
              oversized: bool = False) -> BlockSummary: ...
def plan(summaries: Sequence[BlockSummary], read: _Read, size: int,
         oversized: bool = False) -> Tuple[List[RecordRange], int]: ...
def relocate(error: BaseException, first_index: int, start: int, path: Optional[str] = None) -> BaseException: ...
def read_exactly(read: _Read, start: int, stop: int, path: Optional[str] = None) -> _Buffer: ...
def read_range(read: _Read, record_range: RecordRange, keep_errors: bool = False, path: Optional[str] = None,
               **reader_options: Any) -> List[Union[Record, BaseException, None]]: ...
