"""A JSON Lines file split at byte offsets (mrrc.line_ranges) reads exactly as
one NDJSONReader over the whole file: the same records, the same bad lines
with the same line numbers, at block sizes from a few bytes to the whole
file, blank lines, a last line without its newline and lines longer than a
block included."""

import itertools
import json

import pytest
from corpus_files import DATA, binary_files
from sequential import describe_item

import mrrc
from mrrc import byte_ranges, line_ranges
from mrrc.marcjson import NDJSONReader


def memory_reader(data):
    return lambda offset, length: data[offset:offset + length]


def describe(item):
    if isinstance(item, BaseException):
        return ("error", type(item).__name__, str(item), item.line_number)
    return describe_item(item)


def sequential(data):
    reader = NDJSONReader(data)
    return [describe(reader.current_exception if record is None else record) for record in reader]


def read_split(data, blocksize):
    read = memory_reader(data)
    summaries = [line_ranges.summarise(read, len(data), begin, end)
                 for begin, end in byte_ranges.blocks(len(data), blocksize)]
    ranges = line_ranges.plan(summaries, len(data))
    parts = [line_ranges.read_range(read, r, keep_errors=True) for r in reversed(ranges)]  # any order
    return [describe(item) for part in reversed(parts) for item in part], ranges


def assert_same_as_sequential(data, blocksize):
    items, ranges = read_split(data, blocksize)
    assert items == sequential(data), blocksize
    assert [r.first_item for r in ranges] == [0, *itertools.accumulate(r.items for r in ranges)][:-1]
    assert sum(r.items for r in ranges) == len(items)
    owned = [r for r in ranges if r.stop > r.start]
    assert (owned[0].start if owned else 0) == 0 and (owned[-1].stop if owned else len(data)) == len(data)
    for before, after in zip(owned, owned[1:]):  # the ranges tile the file
        assert after.start == before.stop


def json_lines(path):
    records = [r for r in mrrc.MARCReader(path.read_bytes()) if r is not None]
    return "".join(json.dumps(r.as_dict(), separators=(",", ":")) + "\n" for r in records).encode()


def mixed_file():
    records = [r for r in mrrc.MARCReader((DATA / "marc4j" / "chabon.mrc").read_bytes())]
    good = [json.dumps(r.as_dict()).encode() for r in records]
    lines = [good[0], b"", b"{not json", good[1], b"   ", b'{"fields": []}', good[0] * 1, b"[1, 2]",
             good[1] + b"\r", b"", b'{"leader": 5}', good[0]]
    return b"\n".join(lines)  # no newline after the last line


@pytest.mark.parametrize("path", binary_files()[::6], ids=lambda p: str(p.relative_to(DATA)))
def test_corpus_files_as_json_lines(path):
    data = json_lines(path)
    for blocksize in sorted({1, 97, max(1, len(data) // 7 + 3), len(data) + 1}):
        assert_same_as_sequential(data, blocksize)


def test_bad_and_blank_lines_keep_their_numbers():
    data = mixed_file()
    expected = sequential(data)
    errors = [item for item in expected if item[0] == "error"]
    assert len(errors) >= 4 and errors[0][3] == 3  # the line numbers of the whole file
    for blocksize in range(1, 200, 7):
        assert_same_as_sequential(data, blocksize)
    for blocksize in (len(data) // 3, len(data) - 1, len(data), len(data) + 10):
        assert_same_as_sequential(data, blocksize)


def test_a_line_longer_than_many_blocks():
    record = next(mrrc.MARCReader((DATA / "marc4j" / "chabon.mrc").read_bytes()))
    line = json.dumps(record.as_dict()).encode()
    data = line + b"\n" + b"oops\n" + line + b"\n"
    items, ranges = read_split(data, 50)
    assert items == sequential(data)
    starts = {0, len(line) + 1, len(line) + 6}
    # a range for each block where a line starts; the blocks inside the long lines read nothing
    assert sum(1 for r in ranges if r.stop > r.start) == len({s // 50 for s in starts}) == 2


def test_edge_files():
    assert_same_as_sequential(b"", 10)
    for data in (b"\n\n\n", b"{}", b" \t\r\n", b"\n{}", b"{}\n \n", b" " * 300 + b"\n{}\n" + b" " * 300):
        for blocksize in (1, 2, 3, 7, 100, 1000):
            assert_same_as_sequential(data, blocksize)


def test_the_reader_numbers_a_part_as_the_file():
    with pytest.raises(ValueError):
        NDJSONReader(b"", first_line=0)
    reader = NDJSONReader(b"\n{bad\n", first_line=41)
    assert next(reader) is None and reader.current_exception.line_number == 42
