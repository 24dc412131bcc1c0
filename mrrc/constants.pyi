# Type stub for mrrc.constants; tests/test_stubs.py and mypy.stubtest check it against the runtime.
LEADER_LEN: int
DIRECTORY_ENTRY_LEN: int
SUBFIELD_INDICATOR: str
END_OF_FIELD: str
END_OF_RECORD: str
