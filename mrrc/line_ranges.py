"""A JSON Lines file (one MARC-in-JSON record per line) split at byte offsets
into ranges of whole lines: read range by range, in any order and in other
processes, the ranges give exactly the items that one NDJSONReader gives over
the whole file, with the same line numbers. mrrc.dask is built on this;
nothing here imports Dask.

Unlike ISO 2709 (mrrc/byte_ranges.py), a seam needs no checking: a line ends
at its 0x0A, which JSON text never holds inside a value, so a line starts at
byte 0 and right after every 0x0A, and a block owns the lines that start in it.
Line numbers and item indexes need the count of 0x0A and of lines that are not
blank before a range, which each block's summary gives for itself.

    size = os.path.getsize(path)
    read = byte_ranges.local_reader(path)
    summaries = [summarise(read, size, begin, end) for begin, end in byte_ranges.blocks(size, 1 << 26)]
    records = [item for r in plan(summaries, size) for item in read_range(read, r)]
"""

import re
from collections import namedtuple

from mrrc.byte_ranges import read_exactly

__all__ = ["LineBlock", "LineRange", "plan", "read_range", "summarise"]

LineBlock = namedtuple("LineBlock", "begin end start newlines items")
LineBlock.__doc__ = """Block [begin, end): `start`, where the first line that starts in it starts (None:
none does); `newlines`, how many 0x0A bytes it holds; `items`, how many of the lines that start in it
are not blank (NDJSONReader gives an item, a record or a None, for each of those)."""

LineRange = namedtuple("LineRange", "start stop first_line first_item items")
LineRange.__doc__ = """Bytes [start, stop) of the file, whole lines, the first of them line `first_line`
(1-based, blank lines counted, as NDJSONReader numbers them); `items` reader items, the first of them
item `first_item` of the file (0-based)."""

_BLANK_AFTER_NEWLINE = re.compile(rb"\n(?=[ \t\r]*(?:\n|\Z))")  # a 0x0A that a blank line follows
_EXTEND = 1 << 20


def _owned_lines(read, size, start, end, data):
    """Bytes from `start` to the end of the last line that starts before `end`
    (`data` holds [start, end) already)."""
    if end >= size or data.endswith(b"\n"):
        return data
    pieces, at, step = [data], end, 256
    while at < size:  # the last line runs past the block: to its 0x0A, in growing pieces
        piece = read(at, min(step, size - at))
        if not piece:
            break
        newline = piece.find(b"\n")
        if newline >= 0:
            pieces.append(piece[:newline + 1])
            break
        pieces.append(piece)
        at += len(piece)
        step = min(2 * step, _EXTEND)
    return b"".join(pieces)


def _items(lines):
    """How many of the whole lines in `lines` are not blank (only space, tab, CR)."""
    if not lines:
        return 0
    body = lines[:-1] if lines.endswith(b"\n") else lines
    first = body.split(b"\n", 1)[0]
    blank = (first.strip(b" \t\r") == b"") + len(_BLANK_AFTER_NEWLINE.findall(body))
    return body.count(b"\n") + 1 - blank


def summarise(read, size, begin, end):
    """The LineBlock of block [begin, end) of a file of `size` bytes."""
    if begin >= end:
        return LineBlock(begin, end, None, 0, 0)
    if begin == 0:
        data = read(0, end)
        start, newlines, owned = 0, data.count(b"\n"), data
    else:
        data = read(begin - 1, end - begin + 1)  # the byte before the cut says whether a line starts at it
        newline = data.find(b"\n", 0, len(data) - 1)  # a 0x0A at end - 1 starts a line of the next block
        newlines = data.count(b"\n", 1)
        if newline < 0:
            return LineBlock(begin, end, None, newlines, 0)
        start, owned = begin + newline, data[newline + 1:]
    return LineBlock(begin, end, start, newlines, _items(_owned_lines(read, size, start, end, owned)))


def plan(summaries, size):
    """The LineRange of each block, in file order; together they cover the file."""
    stops, stop = [], size
    for summary in reversed(summaries):  # each range ends where the next one starts
        stops.append(stop)
        if summary.start is not None:
            stop = summary.start
    stops.reverse()
    ranges = []
    newlines = items = 0  # in the blocks before this one, and in the ranges before this one
    for summary, stop in zip(summaries, stops):
        if summary.start is None:
            ranges.append(LineRange(stop, stop, 0, items, 0))  # a block where no line starts reads nothing
        else:
            # the 0x0A just before `start` is this block's first when `start` is past its first byte
            first_line = 1 + newlines + (summary.start > summary.begin)
            ranges.append(LineRange(summary.start, stop, first_line, items, summary.items))
        newlines += summary.newlines
        items += summary.items
    return ranges


def read_range(read, line_range, keep_errors=False, path=None, permissive=True):
    """The items of `line_range` as NDJSONReader gives them over the whole file:
    records, and None for a line that is not one (with `keep_errors`, its
    exception, ``line_number`` in the file and ``path`` set). With
    ``permissive=False`` the first bad line of the range raises."""
    from mrrc.marcjson import NDJSONReader

    if line_range.stop == line_range.start:
        return []
    data = read_exactly(read, line_range.start, line_range.stop, path)
    reader = NDJSONReader(data, permissive=permissive, first_line=line_range.first_line)
    items = []
    for record in reader:
        if record is None:
            error = reader.current_exception
            if path is not None:
                error.path = path
            items.append(error if keep_errors else None)
        else:
            items.append(record)
    if len(items) != line_range.items:
        raise RuntimeError(f"mrrc: lines of {path or 'the file'} read differently from their plan "
                           f"({len(items)} items, {line_range.items} planned)")
    return items
