"""Building ISO 2709 bytes by hand for tests and fuzz inputs."""

LEADER = b"00000nam a2200000 a 4500"


def record(fields, leader=LEADER):
    """A well-formed record from (tag, field data without terminator) pairs:
    directory, lengths and base address computed; leader positions 5-11 and
    17-23 taken from `leader`."""
    directory, data = b"", b""
    for tag, body in fields:
        directory += tag + b"%04d%05d" % (len(body) + 1, len(data))
        data += body + b"\x1e"
    directory += b"\x1e"
    base = 24 + len(directory)
    return b"%05d" % (base + len(data) + 1) + leader[5:12] + b"%05d" % base + leader[17:] + directory + data + b"\x1d"


# -- Records past the ISO 2709 limits ------------------------------------------
# A field over 9,999 bytes or a record over 99,999 cannot state its lengths in
# four or five digits. Systems that write such records anyway fill those
# numbers in one of these ways; oversized reading (MARCReader(oversized="scan"))
# reads every one of them.
CONVENTIONS = ("zeros", "nines", "wrapped", "too_small")


def _number(value, digits, convention):
    """`value` in `digits` digits, or, when it does not fit, what `convention` writes."""
    limit = 10**digits
    if value < limit:
        return b"%0*d" % (digits, value)
    return {
        "zeros": b"0" * digits,  # ruby-marc's allow_oversized (and mrrc's)
        "nines": b"9" * digits,  # the largest number that fits
        "wrapped": b"%0*d" % (digits, value % limit),  # the digits that fit
        "too_small": b"%0*d" % (digits, limit // 10),  # stale: a length from before fields were added
    }[convention]


def oversized_record(fields, convention="zeros", leader=LEADER):
    """As record(), for records past the limits: each record length, base
    address, field length or offset that does not fit is written the way
    `convention` (one of CONVENTIONS) says; the others as usual."""
    directory, data = b"", b""
    for tag, body in fields:
        directory += tag + _number(len(body) + 1, 4, convention) + _number(len(data), 5, convention)
        data += body + b"\x1e"
    directory += b"\x1e"
    base = 24 + len(directory)
    length = base + len(data) + 1
    return (_number(length, 5, convention) + leader[5:12] + _number(base, 5, convention) + leader[17:] + directory
            + data + b"\x1d")


def contents_note(size, chapter="Chapter"):
    """A 505 (formatted contents note) body of about `size` bytes: many $t."""
    parts, total, number = [b"0 "], 2, 1
    while total < size:
        part = b"\x1ft%s %d -- " % (chapter.encode(), number)
        parts.append(part)
        total += len(part)
        number += 1
    return b"".join(parts)


def big_record_fields(identifier=b"big0001", size=120_000, contents=30_000, link_count=None):
    """The fields of a record of about `size` bytes, as a large serial or a
    digitised book has them: a 505 of `contents` bytes (a field past 9,999),
    then as many 856 links as it takes (or `link_count`), and a 520 with
    non-ASCII text."""
    fields = [
        (b"001", identifier),
        (b"008", b"830412c19839999nyuar p       0   a0eng  "),
        (b"245", b"00\x1faA very long record :\x1fbtables of contents and links /\x1fcmrrc tests."),
        (b"505", contents_note(contents)),
        (b"520", b"  \x1fa" + "Résumé, déjà vu. ".encode() * 40),
    ]
    size_so_far = sum(len(body) + 13 for _, body in fields) + 26
    number = 0
    while (link_count is None and size_so_far < size) or (link_count is not None and number < link_count):
        body = b"40\x1fuhttps://example.org/%s/volume/%d/contents.pdf\x1f3v. %d" % (identifier, number, number)
        fields.append((b"856", body))
        size_so_far += len(body) + 13
        number += 1
    return fields


def big_record(identifier=b"big0001", convention="zeros", size=120_000, contents=30_000):
    """An oversized record of about `size` bytes (see big_record_fields)."""
    return oversized_record(big_record_fields(identifier, size, contents), convention)
