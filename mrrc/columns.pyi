# Type stub for mrrc.columns; tests/test_stubs.py and mypy.stubtest check it against the runtime.
# pyarrow, pandas and polars are optional, so the tables they make are typed Any here.
import os
from typing import IO, Any, Dict, Iterator, List, NamedTuple, Optional, Sequence, Tuple, Union

from mrrc._core import ArrowBatch
from mrrc.exceptions import PymarcException

__all__ = ["ColumnSpecError", "Extraction", "ExtractionError", "ExtractionWarning", "SkippedRecord", "extract",
           "to_arrow", "to_pandas", "to_parquet", "to_polars"]

DEFAULT_BATCH_RECORDS: int
GROUP_RECORDS: int

_Source = Union[str, "os.PathLike[str]", bytes, IO[bytes], Sequence[Union[str, "os.PathLike[str]", bytes]]]
_Columns = Union[str, Sequence[str], Dict[str, str]]

class SkippedRecord(NamedTuple):
    """A record left out of a table: which input, its index there, the byte offset, the error's name, a message."""

    source: int
    record_index: int
    byte_offset: Optional[int]
    error: str
    message: str

class ColumnSpecError(PymarcException, ValueError):
    """A column spec that cannot be read (``position`` points into ``spec``)."""

    spec: str
    position: int
    reason: str
    def __init__(self, spec: str, position: int, reason: str) -> None: ...

class ExtractionError(PymarcException, ValueError):
    """A record that could not be extracted, with errors="raise"."""

    skipped: SkippedRecord
    def __init__(self, skipped: SkippedRecord) -> None: ...

class ExtractionWarning(UserWarning): ...

class Extraction:
    """The table of `columns` for every record of `source`, made batch by batch (read once)."""

    names: List[str]
    specs: List[str]
    threads: int
    errors: str
    def __init__(
        self, source: _Source, columns: _Columns, *, threads: int = 1, force_utf8: bool = False,
        errors: str = "warn", progress: bool = False, batch_records: int = 8192,
    ) -> None: ...
    def __arrow_c_schema__(self) -> Any: ...
    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any: ...
    def batches(self) -> Iterator[ArrowBatch]: ...
    def __iter__(self) -> Iterator[Any]: ...
    def schema(self) -> Any: ...
    @property
    def skipped(self) -> List[SkippedRecord]: ...
    @property
    def progress(self) -> Tuple[int, ...]: ...
    def report(self) -> None: ...
    def close(self) -> None: ...
    def __enter__(self) -> "Extraction": ...
    def __exit__(self, *exc_info: object) -> None: ...

def extract(source: _Source, columns: _Columns, **options: Any) -> Extraction: ...
def to_arrow(
    source: _Source, columns: _Columns, *, threads: int = 1, force_utf8: bool = False, errors: str = "warn",
    progress: bool = False,
) -> Any: ...
def to_pandas(
    source: _Source, columns: _Columns, *, threads: int = 1, force_utf8: bool = False, errors: str = "warn",
    progress: bool = False, **to_pandas_options: Any,
) -> Any: ...
def to_polars(
    source: _Source, columns: _Columns, *, threads: int = 1, force_utf8: bool = False, errors: str = "warn",
    progress: bool = False,
) -> Any: ...
def to_parquet(
    source: _Source, dest: Union[str, "os.PathLike[str]", IO[bytes]], columns: _Columns, *, threads: int = 1,
    force_utf8: bool = False, errors: str = "warn", progress: bool = False, **parquet_options: Any,
) -> Extraction: ...
