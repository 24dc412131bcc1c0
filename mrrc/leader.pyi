# Type stub for mrrc.leader; tests/test_stubs.py and mypy.stubtest check it against the runtime.
from typing import Union

LEADER_LEN: int

class Leader:
    """The 24-character leader; index it, slice it, or use the named positions."""

    leader: str
    def __init__(self, leader: str) -> None: ...
    def __getitem__(self, item: Union[int, slice, str]) -> str: ...
    def __setitem__(self, item: Union[int, slice, str], value: str) -> None: ...
    record_length: str
    record_status: str
    type_of_record: str
    bibliographic_level: str
    type_of_control: str
    coding_scheme: str
    indicator_count: str
    subfield_code_count: str
    base_address: str
    encoding_level: str
    cataloging_form: str
    multipart_ressource: str
    length_of_field_length: str
    starting_character_position_length: str
    implementation_defined_length: str
