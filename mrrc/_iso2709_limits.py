"""Refusing what ISO 2709 cannot hold: pymarc writes such records anyway, with
lengths that overflow their digits or a directory that no longer lines up,
and the file is corrupt from that record on. mrrc raises instead, before any
of the record's bytes are written (see Iso2709LimitExceeded)."""

from mrrc.exceptions import FieldNotEncodable, FieldTooLong, RecordTooLong

_OTHER_FORMATS = "write the record as MARCXML or MARC-in-JSON, which have no such limit"


def raise_field_too_long(tag, length):
    raise FieldTooLong(f"field {tag} is {length:,} bytes: an ISO 2709 field holds at most 9,999 ({_OTHER_FORMATS})",
                       tag=tag, limit=9999, length=length)


def raise_record_too_long(length):
    raise RecordTooLong(f"the record is {length:,} bytes: an ISO 2709 record holds at most 99,999 ({_OTHER_FORMATS})",
                        limit=99999, length=length)


def check_field_fits(tag, entry, field_data, encoding):
    """The checks for one field of a record assembled in Python: its directory
    entry (a three-byte tag, a length of four digits)."""
    if len(field_data) > 9999:
        raise_field_too_long(tag, len(field_data))
    if len(entry) != 12:
        if len(tag.encode(encoding, "replace")) != 3:
            raise FieldNotEncodable(f"tag {tag!r} is not three bytes: an ISO 2709 directory cannot hold it",
                                    tag=tag, limit=3, length=len(tag))
        # otherwise an offset past 99,999: the record is too long, which the caller reports
