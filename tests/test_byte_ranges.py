"""A file split at byte offsets (mrrc.byte_ranges) reads exactly as one
MARCReader over the whole file: every file of tests/data at several block
sizes, damaged copies of real files with the damage at the cuts, and the
edge cases (an empty file, one record, blocks smaller than a record)."""

import random

import pytest
from corpus_files import DATA, binary_files
from marc_bytes import CONVENTIONS, big_record, oversized_record, record
from sequential import sequential_items, split_items

import mrrc
from mrrc import byte_ranges
from mrrc.exceptions import FatalReaderError


def build_record(fields):
    """ISO 2709 bytes of (tag, data) control fields and (tag, indicators, [(code, value)]) data fields."""
    encoded = []
    for field in fields:
        if len(field) == 2:
            encoded.append((field[0].encode(), field[1].encode()))
        else:
            tag, indicators, subfields = field
            body = indicators.encode() + b"".join(b"\x1f" + c.encode() + v.encode() for c, v in subfields)
            encoded.append((tag.encode(), body))
    return record(encoded)


def memory_reader(data):
    return lambda offset, length: data[offset:offset + length]


def read_split(data, blocksize, keep_errors=False, oversized=False):
    """(the split reading's parts, the plan, seams read again)."""
    read = memory_reader(data)
    summaries = [byte_ranges.summarise(read, len(data), begin, end, oversized=oversized)
                 for begin, end in byte_ranges.blocks(len(data), blocksize)]
    ranges, reread = byte_ranges.plan(summaries, read, len(data), oversized=oversized)
    options = {"oversized": "scan"} if oversized else {}
    parts = []
    for record_range in reversed(ranges):  # any order: each range stands alone
        parts.append(byte_ranges.read_range(read, record_range, keep_errors=keep_errors, **options))
    parts.reverse()
    return parts, ranges, reread


def assert_same_as_sequential(data, blocksize):
    parts, ranges, _ = read_split(data, blocksize)
    assert split_items(parts) == sequential_items(data)
    kept, _, _ = read_split(data, blocksize, keep_errors=True)
    assert split_items(kept) == sequential_items(data, keep_errors=True)
    # the ranges tile the file's records: contiguous, in order
    assert ranges[0].start == 0
    for before, after in zip(ranges, ranges[1:]):
        assert after.start == before.stop
        assert after.first_index == before.first_index + before.records
    return ranges


def block_sizes(size):
    """A few sizes: tiny (many blocks, records across cuts), odd, half, whole."""
    return sorted({max(97, size // 150 + 1), max(1031, size // 7 + 3), size // 2 + 1, size + 1})


@pytest.mark.parametrize("path", binary_files(), ids=lambda p: str(p.relative_to(DATA)))
def test_every_file_reads_as_the_sequential_reader(path):
    data = path.read_bytes()
    for blocksize in block_sizes(len(data)):
        assert_same_as_sequential(data, blocksize)


def test_blocks_smaller_than_a_record_give_empty_ranges():
    records = [build_record([("001", f"id{n}"), ("245", "10", [("a", "t" * 300)])]) for n in range(5)]
    data = b"".join(records)
    ranges = assert_same_as_sequential(data, 50)
    assert sum(r.records for r in ranges) == 5
    assert sum(1 for r in ranges if r.records) == 5  # one record starts in each of 5 blocks
    assert len(ranges) > 20


def test_empty_file_and_one_record():
    assert read_split(b"", 64)[0] == [[]]
    one = build_record([("001", "only")])
    for blocksize in (1, 7, len(one) - 1, len(one), 1 << 20):
        assert_same_as_sequential(one, blocksize)


def damaged_copies(data, cuts, rng):
    """Copies of `data` with damage right around the cuts: a byte flipped, bytes
    dropped, a record terminator inserted, a leader's length overwritten."""
    for cut in cuts:
        for delta in (-30, -1, 0, 1, 5, 24):
            at = min(max(cut + delta, 0), len(data) - 1)
            yield data[:at] + bytes([data[at] ^ 0x5A]) + data[at + 1:]
            yield data[:at] + data[at + rng.randint(1, 40):]
            yield data[:at] + b"\x1d" + data[at:]
            yield data[:at] + b"\x1d00099nam  2200049   4500" + data[at:]
            yield data[:at] + b"99999" + data[at + 5:]


@pytest.mark.parametrize("name", ["marc4j/chabon.mrc", "pymarc/bad_records.mrc", "marc4j/selectedRecs.mrc",
                                  "marc4j/pride-and-prejudice-with-many-errors.mrc", "yaz/marccol1.u8.marc"])
def test_damage_at_the_seams_still_reads_as_the_sequential_reader(name):
    path = DATA / name
    if not path.exists():
        pytest.fail(f"tests/data/{name} is missing")
    data = path.read_bytes()
    rng = random.Random(name)
    blocksize = max(200, len(data) // 6)
    cuts = [begin for begin, _ in byte_ranges.blocks(len(data), blocksize)][1:]
    rereads = 0
    for damaged in damaged_copies(data, cuts, rng):
        _, _, reread = read_split(damaged, blocksize)
        rereads += reread
        assert_same_as_sequential(damaged, blocksize)
    assert rereads > 0  # the damage did break seams, and they were followed again


def test_a_false_leader_after_a_terminator_is_caught_at_the_seam():
    # A 0x1D followed by digits that look like a leader, inside a record's data:
    # the block after the cut guesses a start there; the seam check must reject it.
    decoy = b"\x1d00090nam  2200037   4500"
    first = build_record([("001", "a"), ("500", "  ", [("a", "x" * 150 + decoy.decode("ascii") + "y" * 50)])])
    data = first + build_record([("001", "b")]) + build_record([("001", "c")])
    decoy_at = data.index(decoy) + 1
    parts, ranges, reread = read_split(data, decoy_at - 3)  # the first record ends inside the second block
    assert reread >= 1
    assert split_items(parts) == sequential_items(data)


def test_a_length_below_five_reads_to_the_end_as_the_reader_does():
    good = build_record([("001", "a")])
    data = good + b"00003" + good[5:] + good
    for blocksize in (10, 60, len(good) + 2):
        assert_same_as_sequential(data, blocksize)


def test_errors_carry_positions_in_the_whole_file():
    good = build_record([("001", "a"), ("245", "10", [("a", "Title")])])
    bad = bytearray(good)
    bad[12:17] = b"0x0zz"  # base address not a number: None, and reading goes on
    data = good * 3 + bytes(bad) + good * 2 + good[:40]  # ...then truncated: fatal
    parts, ranges, _ = read_split(data, len(good) + 1, keep_errors=True)
    items = [item for part in parts for item in part]
    none_error, fatal = items[3], items[-1]
    assert (none_error.record_index, none_error.byte_offset) == (3, 3 * len(good) + 12)
    assert isinstance(fatal, FatalReaderError)
    assert fatal.record_index == 6
    assert fatal.byte_offset == 6 * len(good)
    assert "(record 6, byte" in fatal.detail


def test_a_changed_file_is_reported_not_misread():
    data = build_record([("001", "a")]) * 4
    read = memory_reader(data)
    ranges, _ = byte_ranges.plan([byte_ranges.summarise(read, len(data), 0, len(data))], read, len(data))
    with pytest.raises(OSError, match="changed while it was read"):
        byte_ranges.read_range(memory_reader(data[:-10]), ranges[0])


# -- oversized reading (MARCReader(oversized="scan")) ------------------------------------------


def oversized_file(convention):
    """Good records, records past the ISO 2709 limits written by `convention`, a
    damaged one, and a lone 0x1D inside a value, in one file."""
    good = build_record([("001", "good"), ("245", "10", [("a", "A title")])])
    long_field = oversized_record([(b"001", b"long505"), (b"505", b"0 \x1fa" + b"Part -- " * 1500)], convention)
    stray = build_record([("001", "stray"), ("500", "  ", [("a", "a \x1d inside a note")])])
    damaged = good[:12] + b"x2345" + good[17:]
    return b"".join([good, big_record(b"big1", convention, size=60_000), long_field, damaged, good,
                     big_record(b"big2", convention, size=150_000, contents=12_000), stray, good])


def rescued(items):
    return [None if item is None or isinstance(item, BaseException) else item.oversized for item in items]


@pytest.mark.parametrize("convention", CONVENTIONS)
def test_oversized_reading_splits_as_the_sequential_scan(convention):
    data = oversized_file(convention)
    reader = mrrc.MARCReader(data, oversized="scan")
    expected_rescued = [None if r is None else r.oversized for r in reader]
    assert sum(r is not None for r in expected_rescued) >= 2
    expected = sequential_items(data, oversized="scan")
    for blocksize in (97, 4096, 50_000, len(data) // 3 + 1, len(data) + 1):
        for keep_errors in (False, True):
            parts, ranges, _ = read_split(data, blocksize, keep_errors=keep_errors, oversized=True)
            items = [item for part in parts for item in part]
            assert split_items(parts) == sequential_items(data, keep_errors=keep_errors, oversized="scan")
            assert rescued(items) == expected_rescued, blocksize  # indexes and offsets in the whole file
        assert split_items(read_split(data, blocksize)[0]) == sequential_items(data)  # pymarc's rule still
    assert split_items(read_split(data, 4096, oversized=True)[0]) == expected


def test_oversized_scanning_reads_a_window_not_the_rest_of_the_file(monkeypatch):
    """Where a block's chain needs more than the usual 99,999 bytes past its end,
    it reads as far as an oversized record's terminator can be, not the rest of
    the file (the bound made smaller here so that a small file shows it)."""
    monkeypatch.setattr(byte_ranges, "MAX_SCANNED_RECORD_BYTES", 300_000)
    data = oversized_file("zeros") * 6
    assert len(data) > 4 * 300_000
    asked = []
    read = memory_reader(data)

    def counting(offset, length):
        asked.append(length)
        return read(offset, length)

    summaries = [byte_ranges.summarise(counting, len(data), begin, end, oversized=True)
                 for begin, end in byte_ranges.blocks(len(data), 8192)]
    ranges, _ = byte_ranges.plan(summaries, counting, len(data), oversized=True)
    assert sum(r.records for r in ranges) == len(sequential_items(data, oversized="scan"))
    assert max(asked) <= 300_000 + 64


@pytest.mark.parametrize("path", binary_files()[::9], ids=lambda p: str(p.relative_to(DATA)))
def test_a_mapped_file_gives_the_same_summaries(path):
    size = path.stat().st_size
    for blocksize in block_sizes(size):
        cuts = byte_ranges.blocks(size, blocksize)
        copied = [byte_ranges.summarise(byte_ranges.local_reader(path), size, b, e, oversized=o)
                  for b, e in cuts for o in (False, True)]
        with byte_ranges.mapped_reader(path) as read:
            mapped = [byte_ranges.summarise(read, size, b, e, oversized=o) for b, e in cuts for o in (False, True)]
        assert mapped == copied


def test_a_mapped_empty_file(tmp_path):
    empty = tmp_path / "empty.mrc"
    empty.write_bytes(b"")
    with byte_ranges.mapped_reader(empty) as read:
        assert byte_ranges.summarise(read, 0, 0, 0) == byte_ranges.summarise(memory_reader(b""), 0, 0, 0)
