# Type stub for mrrc.line_ranges; tests/test_stubs.py and mypy.stubtest check it against the runtime.
from typing import Callable, List, NamedTuple, Optional, Sequence, Union

from mrrc.record import Record

__all__ = ["LineBlock", "LineRange", "plan", "read_range", "summarise"]

_Read = Callable[[int, int], Union[bytes, memoryview]]

class LineBlock(NamedTuple):
    """Block [begin, end) of a JSON Lines file: its first line start, its 0x0A bytes, its items."""

    begin: int
    end: int
    start: Optional[int]
    newlines: int
    items: int

class LineRange(NamedTuple):
    """Bytes [start, stop) of the file: whole lines from line `first_line`, `items` items from `first_item`."""

    start: int
    stop: int
    first_line: int
    first_item: int
    items: int

def summarise(read: _Read, size: int, begin: int, end: int) -> LineBlock: ...
def plan(summaries: Sequence[LineBlock], size: int) -> List[LineRange]: ...
def read_range(read: _Read, line_range: LineRange, keep_errors: bool = False, path: Optional[str] = None,
               permissive: bool = True) -> List[Union[Record, BaseException, None]]: ...
