"""The record leader, with pymarc's named positions."""

from mrrc.exceptions import BadLeaderValue, RecordLeaderInvalid

LEADER_LEN = 24


def _position(start, length, label):
    """A property reading and writing `length` characters at `start`; `label`
    begins pymarc's error message (whose stated widths are pymarc's, kept as is)."""
    end = start + length

    def getter(self):
        return self.leader[start:end]

    def setter(self, value):
        if len(value) != length:
            raise BadLeaderValue(f"{label} field, got {value}")
        self._replace_values(start, value)

    return property(getter, setter, doc=f"Leader position {start}" + (f"-{end - 1}" if length > 1 else ""))


class Leader:
    """The 24-character leader; index it, slice it, or use the named positions."""

    __slots__ = ("leader",)

    def __init__(self, leader: str) -> None:
        """`leader`: exactly 24 characters (``RecordLeaderInvalid`` otherwise)."""
        if len(leader) != LEADER_LEN:
            raise RecordLeaderInvalid
        self.leader = leader

    def __getitem__(self, item):
        """A character or slice of the leader, or a named position by its name."""
        if isinstance(item, (int, slice)):
            return self.leader[item]
        return getattr(self, item)

    def __setitem__(self, item, value):
        """Overwrite from an index (or a slice's start) with `value`, or set a named position."""
        if isinstance(item, slice):
            self._replace_values(item.start, value)
        elif isinstance(item, int):
            self._replace_values(item, value)
        else:
            setattr(self, item, value)

    def __str__(self) -> str:
        """The 24 characters."""
        return self.leader

    def _replace_values(self, position: int, value: str) -> None:
        if position < 0:
            raise IndexError("Position must be positive")
        after = position + len(value)
        if after > LEADER_LEN:
            raise BadLeaderValue(f"{value} is too long to be inserted at {position}")
        self.leader = self.leader[:position] + value + self.leader[after:]

    record_length = _position(0, 5, "Record length is 4 chars")
    record_status = _position(5, 1, "Record status is 1 char")
    type_of_record = _position(6, 1, "Type of record is 1 char")
    bibliographic_level = _position(7, 1, "Bibliographic level is 1 char")
    type_of_control = _position(8, 1, "Type of control is 1 char")
    coding_scheme = _position(9, 1, "Character coding scheme is 1 char")
    indicator_count = _position(10, 1, "Indicator count is 1 char")
    subfield_code_count = _position(11, 1, "Subfield code count is 1 char")
    base_address = _position(12, 5, "Base address of data is 4 chars")
    encoding_level = _position(17, 1, "Encoding level is 1 char")
    cataloging_form = _position(18, 1, "Descriptive cataloging form is 1 char")
    multipart_ressource = _position(19, 1, "Multipart resource record level is 1 char")
    length_of_field_length = _position(20, 1, "Length of the length-of-field portion is 1 char")
    starting_character_position_length = _position(21, 1, "Length of the starting-character-position portion is 1 char")
    implementation_defined_length = _position(22, 1, "Length of the implementation-defined portion is 1 char")
