"""Records with pymarc 5.4.0's interface (pymarc.record).

``Record`` is implemented in Cython (mrrc/_record.pxi): a record read by mrrc
keeps its parsed C++ form and makes its Field objects only when they are
needed; ``as_marc()`` serialises from the C++ form while nothing has changed.
"""

from mrrc._core import Record, isbn_regex
from mrrc._decode import normalize_subfield_code  # noqa: F401  (pymarc exports it from here)
from mrrc.exceptions import (  # noqa: F401  (pymarc.record exposes these names too)
    BadSubfieldCodeWarning,
    BaseAddressInvalid,
    BaseAddressNotFound,
    FieldNotFound,
    MissingLinkedFields,
    NoFieldsFound,
    RecordDirectoryInvalid,
    RecordLeaderInvalid,
    TruncatedRecord,
)
from mrrc.field import Field, Indicators, RawField, Subfield, map_marc8_field  # noqa: F401
from mrrc.leader import Leader
from mrrc.marc8 import marc8_to_unicode  # noqa: F401

__all__ = ["Record", "isbn_regex", "map_marc8_record", "normalize_subfield_code"]


def map_marc8_record(record):
    """Decode, in place, the MARC-8 text of a record read with to_unicode=False,
    and mark its leader as Unicode (byte 9 'a'), as pymarc does."""
    record.fields = [map_marc8_field(field) for field in record.fields]
    leader = list(str(record.leader))
    leader[9] = "a"
    record.leader = Leader("".join(leader))
    return record
