"""A JSON Lines file (one MARC-in-JSON record per line) split at byte offsets
into ranges of whole lines: read range by range, in any order and in other
processes, the ranges give exactly the items that one NDJSONReader gives over
the whole file, with the same line numbers. mrrc.dask is built on this;
nothing here imports Dask.

Unlike ISO 2709 (mrrc/byte_ranges.py), a seam needs no checking: a line ends
at its 0x0A, which JSON text never holds inside a value, so a line starts at
byte 0 and right after every 0x0A, and a block owns the lines that start in it.
Line numbers need the count of 0x0A before a range, which each block's summary
gives for itself.

    size = os.path.getsize(path)
    read = byte_ranges.local_reader(path)
    summaries = [summarise(read, size, begin, end) for begin, end in byte_ranges.blocks(size, 1 << 26)]
    records = [item for r in plan(summaries, size) for item in read_range(read, r)]
"""

from collections import namedtuple

from mrrc.byte_ranges import read_exactly

__all__ = ["LineBlock", "LineRange", "plan", "read_range", "summarise"]

LineBlock = namedtuple("LineBlock", "begin end start newlines")
LineBlock.__doc__ = """Block [begin, end): `start`, where the first line that starts in it starts (None:
none does); `newlines`, how many 0x0A bytes it holds."""

LineRange = namedtuple("LineRange", "start stop first_line")
LineRange.__doc__ = """Bytes [start, stop) of the file, whole lines, the first of them line `first_line`
(1-based, blank lines counted, as NDJSONReader numbers them)."""


def summarise(read, size, begin, end):
    """The LineBlock of block [begin, end) of a file of `size` bytes."""
    if begin >= end:
        return LineBlock(begin, end, None, 0)
    if begin == 0:
        data = read(0, end)
        return LineBlock(begin, end, 0, data.count(b"\n"))
    data = read(begin - 1, end - begin + 1)  # the byte before the cut says whether a line starts at it
    newline = data.find(b"\n", 0, len(data) - 1)  # a 0x0A at end - 1 starts a line of the next block
    start = None if newline < 0 else begin + newline
    return LineBlock(begin, end, start, data.count(b"\n", 1))


def plan(summaries, size):
    """The LineRange of each block, in file order; together they cover the file."""
    ranges = []
    before = 0  # 0x0A bytes in the blocks before this one
    starts = [s.start for s in summaries]
    for number, summary in enumerate(summaries):
        if summary.start is None:
            ranges.append(None)
        else:
            stop = next((s for s in starts[number + 1:] if s is not None), size)
            # the 0x0A just before `start` is this block's first when `start` is past its first byte
            ranges.append(LineRange(summary.start, stop, 1 + before + (summary.start > summary.begin)))
        before += summary.newlines
    # a block where no line starts reads nothing
    return [r if r is not None else LineRange(0, 0, 0) for r in ranges]


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
    return items
