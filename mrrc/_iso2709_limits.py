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


def number_slot(value, digits):
    """`value` zero-padded in `digits` digits, or `digits` zeros when it does not
    fit: ruby-marc's allow_oversized convention (mrrc::write_number_slot)."""
    return f"{value:0{digits}d}" if value < 10**digits else "0" * digits


def check_field_fits(tag, entry, field_data, encoding, allow_oversized=False):
    """The checks for one field of a record assembled in Python: its directory
    entry (a three-byte tag, a length of four digits unless `allow_oversized`)."""
    if len(field_data) > 9999 and not allow_oversized:
        raise_field_too_long(tag, len(field_data))
    if len(entry) != 12:
        if len(tag.encode(encoding, "replace")) != 3:
            raise FieldNotEncodable(f"tag {tag!r} is not three bytes: an ISO 2709 directory cannot hold it",
                                    tag=tag, limit=3, length=len(tag))
        # otherwise an offset past 99,999: the record is too long, which the caller reports


def check_field_encodable(field, tag, encoding):
    """A data field assembled in Python: each indicator and subfield code must be
    one byte, or the field reads back with its indicators or values shifted."""
    if field.control_field or not hasattr(field, "subfields"):
        return
    for name, indicator in (("first indicator", field.indicator1), ("second indicator", field.indicator2)):
        if isinstance(indicator, str) and len(indicator.encode(encoding, "replace")) != 1:
            raise FieldNotEncodable(f"field {tag}: {name} {indicator!r} is not one byte: ISO 2709 cannot hold it",
                                    tag=tag, limit=1, length=len(indicator.encode(encoding, "replace")))
    for subfield in field.subfields:
        code = subfield.code
        if isinstance(code, str) and len(code.encode(encoding, "replace")) != 1:
            raise FieldNotEncodable(f"field {tag}: subfield code {code!r} is not one byte: ISO 2709 cannot hold it",
                                    tag=tag, limit=1, length=len(code.encode(encoding, "replace")))
