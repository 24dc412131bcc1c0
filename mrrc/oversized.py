"""Records beyond the ISO 2709 limits (beyond pymarc).

ISO 2709 gives a record's length five digits and a field's four, so a record
over 99,999 bytes or a field over 9,999 bytes cannot state its length. Systems
write such records anyway: with a length of ``00000`` (ruby-marc's
``allow_oversized`` writer, and mrrc's), ``99999``, the low digits of the true
length, or a length left from before fields were added.

Reading them: ``MARCReader(source, oversized="scan")`` delimits a record whose
leader length cannot be right by its record terminator (0x1D), and a field
whose directory entry cannot be right by its field terminator (0x1E); each
record rescued so says so in ``record.oversized`` (an ``Oversized``), and
``reader.oversized_count`` counts them. Writing them:
``MARCWriter(handle, allow_oversized=True)``, ``record.as_marc(allow_oversized=True)``
and ``write_all(..., allow_oversized=True)`` write each number that does not fit
as zeros. See docs/error-handling.md, "Records beyond the ISO 2709 limits".
"""

from typing import NamedTuple

SCAN = "scan"

# How far oversized reading looks for a record's terminator from its start
# (mrrc::kMaxScannedRecordBytes): past it, reading stops with EndOfRecordNotFound.
MAX_SCANNED_RECORD_BYTES = 16 << 20


class Oversized(NamedTuple):
    """How oversized reading rescued a record (``record.oversized``)."""

    record_index: int  #: the record's position in the stream (0-based)
    byte_offset: int  #: the offset of its first byte in the stream
    by_record_terminator: bool  #: its end was found at its 0x1D, not where its leader length says
    by_field_terminators: bool  #: a field was found by 0x1E, not where its directory entry says


def scan_mode(oversized):
    """True for ``oversized="scan"``, False for None (pymarc's reading);
    ValueError for anything else."""
    if oversized is None:
        return False
    if oversized == SCAN:
        return True
    raise ValueError(f'oversized must be None (read as pymarc does) or "scan", not {oversized!r}')
