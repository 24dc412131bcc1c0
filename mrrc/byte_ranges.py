"""An ISO 2709 file split at byte offsets into ranges of whole records: read
range by range, in any order and in other processes, the ranges give exactly
the items (records, Nones) and the fatal error that one MARCReader gives over
the whole file. mrrc.dask is built on this; nothing here imports Dask.

How (docs/dask.md, "How the seams are checked"): the file is cut into blocks.
Each block is summarised on its own (``summarise``): where its first record
starts (the first plausible leader right after a 0x1D, found by the C++
boundary scanner) and where the chain of records, followed by their lengths as
the reader steps, first passes the block's end. The sequential reader's chain
starts at offset 0 and ends at the end of the file or at a fatal error (a None,
after which it stops); a block's guessed start is right exactly when it is where
the previous block's chain passed into it. ``plan`` checks every seam in file
order and, where one does not match (damage near a cut, or a guess inside
a damaged record), follows the chain again from the true position, so the
result never rests on a guess. ``read_range`` reads one range and puts record
indexes and byte offsets back in terms of the whole file.

    size = os.path.getsize(path)
    read = local_reader(path)
    summaries = [summarise(read, size, begin, end) for begin, end in blocks(size, 1 << 26)]
    ranges = plan(summaries, read, size)
    records = [item for r in ranges for item in read_range(read, r)]  # == list(MARCReader(path))
"""

import contextlib
import mmap
import os
import re
from collections import namedtuple

from mrrc._core import find_record_start, follow_records
from mrrc._errors import fatal_error_class
from mrrc.oversized import MAX_SCANNED_RECORD_BYTES

__all__ = ["BlockSummary", "RecordRange", "blocks", "local_reader", "mapped_reader", "plan", "read_exactly",
           "read_range", "relocate", "summarise"]

MAX_RECORD_BYTES = 99_999  # a 5-digit record length: no record that starts before a cut ends further past it

BlockSummary = namedtuple("BlockSummary", "begin end start passed records error error_end")
BlockSummary.__doc__ = """What a block [begin, end) holds, found without the rest of the file: `start`, the
first record starting in it (None: none does); `passed`, where the records that follow from there first start
at or beyond `end`; `records`, how many items the reader yields on the way; `error`, the name of the fatal
error the reader stops with before that (then `passed` is where, and `error_end` how far it read)."""

RecordRange = namedtuple("RecordRange", "start stop first_index records fatal")
RecordRange.__doc__ = """Bytes [start, stop) of the file: `records` reader items whose indexes in the whole
file start at `first_index`, then, when `fatal` names one, the item (None) of the fatal error that ends the
file's reading."""


def blocks(size, blocksize):
    """The [begin, end) cuts of a file of `size` bytes (one empty block for an empty file)."""
    if size == 0 or not blocksize or blocksize >= size:
        return [(0, size)]
    return [(begin, min(begin + blocksize, size)) for begin in range(0, size, blocksize)]


def local_reader(path):
    """read(offset, length) -> bytes for a local file."""

    def read(offset, length):
        with open(path, "rb") as f:
            f.seek(offset)
            return f.read(length)

    return read


@contextlib.contextmanager
def mapped_reader(path):
    """read(offset, length) -> a memoryview of a local file mapped into memory,
    valid inside the ``with`` block: the seam pass follows the records' lengths
    through the page cache without copying each block into a bytes object."""
    with open(path, "rb") as f:
        if os.fstat(f.fileno()).st_size == 0:
            yield lambda offset, length: b""
            return
        mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        view = memoryview(mapped)
        try:
            yield lambda offset, length: view[offset:offset + length]
        finally:
            view.release()
            try:
                mapped.close()
            except BufferError:  # a view still held (by a traceback, say): closed when it goes
                pass


def summarise(read, size, begin, end, start=None, oversized=False):
    """The BlockSummary of block [begin, end); with `start`, follow the records
    from that known start instead of looking for one (a seam read again).
    `oversized`: records delimited as MARCReader(oversized="scan") delimits them."""
    if start is None and begin > 0:
        base = begin - 1  # the byte before the cut says whether a record starts right at it
    else:
        base = begin if start is None else start
    data = read(base, max(0, min(end + MAX_RECORD_BYTES, size) - base))
    if start is None:
        found = 0 if begin == 0 else find_record_start(data, 1, oversized)
        start = base + found
        if found >= len(data) or start >= end:
            return BlockSummary(begin, end, None, None, 0, None, None)
    passed, records, error, error_end = _follow(read, size, data, base, start, end, oversized)
    return BlockSummary(begin, end, start, passed, records, error, error_end)


def _follow(read, size, data, base, pos, stop, oversized):
    """(where the chain from `pos` passes `stop` or stops, items on the way, fatal error, its end)."""
    records = 0
    while True:
        status, at, passed, error, error_end = follow_records(data, pos - base, stop - base,
                                                              base + len(data) >= size, oversized)
        records += passed
        pos = base + at
        if status == "need_more":
            # pymarc's rule: a length below 5, and the reader takes the rest of the
            # file; oversized scanning: a record's terminator is at most
            # MAX_SCANNED_RECORD_BYTES away (and a leader's length after it)
            more = size if not oversized else min(size, pos + MAX_SCANNED_RECORD_BYTES + 64)
            if more <= base + len(data):
                more = size
            data, base = read(pos, more - pos), pos
            continue
        if status == "error":
            return pos, records, error, base + error_end
        return pos, records, None, None


def plan(summaries, read, size, oversized=False):
    """The RecordRange of each block, in file order, from the blocks' summaries
    (made with the same `oversized`): every seam checked, and followed again
    where it does not match. Returns (ranges, number of seams read again)."""
    ranges, expected, index, reread, stopped = [], 0, 0, 0, False
    for summary in summaries:
        if stopped or expected >= summary.end:  # no record of the file starts in this block
            ranges.append(RecordRange(expected, expected, index, 0, None))
            continue
        if summary.start != expected:
            summary = summarise(read, size, summary.begin, summary.end, start=expected, oversized=oversized)
            reread += 1
        if summary.error is not None:
            ranges.append(RecordRange(expected, summary.error_end, index, summary.records, summary.error))
            expected, stopped = summary.error_end, True
        else:
            ranges.append(RecordRange(expected, summary.passed, index, summary.records, None))
            expected = summary.passed
        index += summary.records
    if not stopped and expected != size:  # never lose the end of a file silently
        raise RuntimeError(f"mrrc: the records of a file of {size} bytes were planned only to byte {expected}")
    return ranges, reread


_POSITION = re.compile(r"\(record \d+, byte \d+\)$")


def relocate(error, first_index, start, path=None):
    """Put an error's record index and byte offset in terms of the whole file
    (they were relative to a range starting at byte `start`, item `first_index`)."""
    if getattr(error, "record_index", None) is not None:
        error.record_index += first_index
    if getattr(error, "byte_offset", None) is not None:
        error.byte_offset += start
    detail = getattr(error, "detail", None)
    if detail is not None and error.record_index is not None:
        error.detail = _POSITION.sub(f"(record {error.record_index}, byte {error.byte_offset})", detail)
    if path is not None:
        error.path = path
    return error


def read_exactly(read, start, stop, path=None):
    """Bytes [start, stop) of the file; OSError when they are no longer all there."""
    data = read(start, stop - start)
    if len(data) != stop - start:
        raise OSError(f"{path or 'the file'} changed while it was read: bytes {start}-{stop} are no longer all there")
    return data


def read_range(read, record_range, keep_errors=False, path=None, **reader_options):
    """The items of `record_range` as MARCReader gives them over the whole file:
    records, and None for a bad record (with `keep_errors`, its exception instead),
    the last one None when a fatal error ends the file's reading; exceptions'
    indexes and offsets are relative to the file (and ``path`` is set)."""
    from mrrc.reader import MARCReader

    if record_range.stop == record_range.start:
        return []
    data = read_exactly(read, record_range.start, record_range.stop, path)
    reader = MARCReader(data, **reader_options)
    items = []
    for record in reader:
        if record is None:
            error = relocate(reader.current_exception, record_range.first_index, record_range.start, path)
            items.append(error if keep_errors else None)
        else:
            rescued = record.oversized
            if rescued is not None:  # where in the file, not in the range
                record._mark_oversized(rescued._replace(record_index=rescued.record_index + record_range.first_index,
                                                        byte_offset=rescued.byte_offset + record_range.start))
            items.append(record)
    planned = record_range.records + (record_range.fatal is not None)
    fatal = fatal_error_class(record_range.fatal)
    if len(items) != planned or (fatal is not None and not isinstance(reader.current_exception, fatal)):
        raise RuntimeError(f"mrrc: a range of {path or 'the file'} read differently from its plan "
                           f"({len(items)} items, {planned} planned)")
    return items
