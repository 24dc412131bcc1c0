"""Decoding of record text, and pymarc's decoding in plain Python for the rare
records the C++ fast path hands back: non-ASCII subfield codes,
``to_unicode=False`` and ``file_encoding`` other than the default."""

import logging
import unicodedata
import warnings

from mrrc.exceptions import (
    BadSubfieldCodeWarning,
    BaseAddressInvalid,
    BaseAddressNotFound,
    NoFieldsFound,
    RecordDirectoryInvalid,
    RecordLeaderInvalid,
    TruncatedRecord,
)
from mrrc.field import Field, Indicators, RawField, Subfield
from mrrc.leader import Leader
from mrrc.marc8 import marc8_to_unicode

logger = logging.getLogger("pymarc")

def normalize_subfield_code(subfield: bytes):
    """pymarc's normalisation of a subfield chunk whose code byte is not ASCII:
    (first ASCII character of the chunk's NFKD form, bytes of the first
    character to skip). Raises IndexError when no ASCII character remains."""
    try:
        text = subfield.decode("utf-8")
        skip = len(text[0].encode("utf-8"))
    except UnicodeDecodeError:
        text = subfield.decode("latin-1")
        skip = 1
    ascii_only = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return ascii_only[0], skip


def decode_chunk(record, marc: bytes, to_unicode, force_utf8, hide_utf8_warnings, utf8_handling, encoding,
                 add_field=None, layout=None):
    """Fill `record` (leader, fields) from ISO 2709 bytes exactly as pymarc's
    Record.decode_marc does; raises what it raises. `add_field` (a subclass's
    override) is called with each field as it is decoded, as pymarc does.
    `layout`: (tag, field data) pairs found already (oversized reading, whose
    lengths are not the leader's and directory's), used instead of them."""
    leader = marc[0:24].decode("ascii")
    if len(leader) != 24:
        raise RecordLeaderInvalid
    utf8 = leader[9] == "a" or force_utf8
    if utf8:
        encoding = "utf-8"
    record.leader = Leader(leader)
    fields = []
    if add_field is not None:
        fields = _Counting(add_field)
    for tag, data in _directory_fields(marc, leader) if layout is None else layout:
        if tag < "010" and tag.isdigit():
            if to_unicode:
                fields.append(Field(tag=tag, data=data.decode(encoding)))
            else:
                fields.append(RawField(tag=tag, data=data))
            continue
        chunks = data.split(b"\x1f")
        indicators = chunks[0].decode("ascii")
        if not indicators:
            logger.warning("missing indicators: %s", data)
            indicators = "  "
        elif len(indicators) == 1:
            logger.warning("only 1 indicator found: %s", data)
            indicators += " "
        elif len(indicators) > 2:
            logger.warning("more than 2 indicators found: %s", data)
        subfields = []
        for chunk in chunks[1:]:
            if not chunk:
                continue
            skip = 1
            try:
                code = chunk[0:1].decode("ascii")
            except UnicodeDecodeError:
                warnings.warn(BadSubfieldCodeWarning(chunk), stacklevel=3)
                code, skip = normalize_subfield_code(chunk)
            value = chunk[skip:]
            if to_unicode:
                if utf8:
                    value = value.decode("utf-8", utf8_handling)
                elif encoding == "iso8859-1":
                    value = marc8_to_unicode(value, hide_utf8_warnings)
                else:
                    value = value.decode(encoding)
            subfields.append(Subfield(code=code, value=value))
        cls = Field if to_unicode else RawField
        fields.append(cls(tag=tag, indicators=Indicators(indicators[0], indicators[1]), subfields=subfields))
    if not fields:
        raise NoFieldsFound
    if add_field is None:
        record.fields = fields


def _directory_fields(marc, leader):
    """(tag, field data) for each directory entry, with pymarc's checks and
    slicing, one at a time (an entry is read after the field before it is
    decoded, as in pymarc, so the same error comes first)."""
    base_address = int(marc[12:17])
    if base_address <= 0:
        raise BaseAddressNotFound
    if base_address >= len(marc):
        raise BaseAddressInvalid
    if len(marc) < int(leader[:5]):
        raise TruncatedRecord
    directory = marc[24 : base_address - 1].decode("ascii")
    if len(directory) % 12 != 0:
        raise RecordDirectoryInvalid
    for start in range(0, len(directory), 12):
        entry = directory[start : start + 12]
        length = int(entry[3:7])
        offset = int(entry[7:12])
        yield entry[0:3], marc[base_address + offset : base_address + offset + length - 1]


class _Counting:
    """Stands in for the list of fields when each goes to the record's own add_field."""

    def __init__(self, add_field):
        self.add_field = add_field
        self.count = 0

    def append(self, field):
        self.add_field(field)
        self.count += 1

    def __len__(self):
        return self.count
