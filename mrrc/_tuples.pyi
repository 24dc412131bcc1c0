# Type stub for mrrc._tuples; tests/test_stubs.py and mypy.stubtest check it against the runtime.
from typing import NamedTuple

class Subfield(NamedTuple):
    code: str
    value: str

class Indicators(NamedTuple):
    first: str
    second: str
