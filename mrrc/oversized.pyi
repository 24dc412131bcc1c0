# Type stub for mrrc.oversized; tests/test_stubs.py and mypy.stubtest check it against the runtime.
from typing import NamedTuple, Optional

SCAN: str
MAX_SCANNED_RECORD_BYTES: int

class Oversized(NamedTuple):
    """Where a record over ISO 2709's length limits was found, and how its end was found."""

    record_index: int
    byte_offset: int
    by_record_terminator: bool
    by_field_terminators: bool

def scan_mode(oversized: Optional[str]) -> bool: ...
