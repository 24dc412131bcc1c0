# Type stub for mrrc.dask (needs the dask extra); tests/test_stubs.py checks it against the runtime.
import os
from typing import Any, Dict, Mapping, Optional, Sequence, Union

__all__ = ["DEFAULT_BLOCKSIZE", "read_marc", "to_dataframe", "to_parquet"]

_Paths = Union[str, "os.PathLike[str]", Sequence[Union[str, "os.PathLike[str]"]]]
_Columns = Union[Mapping[str, Any], Sequence[Any]]

DEFAULT_BLOCKSIZE: str

def read_marc(urlpath: _Paths, blocksize: Union[int, str, None] = ..., *, format: Optional[str] = None,
              compression: Optional[str] = "infer", errors: str = "none",
              storage_options: Optional[Dict[str, Any]] = None, **reader_options: Any) -> Any: ...
def to_dataframe(urlpath: _Paths, columns: _Columns, blocksize: Union[int, str, None] = ..., *,
                 format: Optional[str] = None, compression: Optional[str] = "infer", force_utf8: bool = False,
                 errors: str = "warn", storage_options: Optional[Dict[str, Any]] = None) -> Any: ...
def to_parquet(urlpath: _Paths, dest: Union[str, "os.PathLike[str]"], columns: _Columns,
               blocksize: Union[int, str, None] = ..., *, format: Optional[str] = None,
               compression: Optional[str] = "infer", force_utf8: bool = False, errors: str = "warn",
               storage_options: Optional[Dict[str, Any]] = None, **parquet_options: Any) -> Any: ...
