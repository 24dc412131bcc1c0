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
