"""The position of a file object a reader reads, as pymarc 5.4.0 leaves it:
tell() after every record, the error a closed file raises at the next record,
and records found again by seeking to a recorded offset. pymarc reads record
by record; mrrc reads ahead and moves the file back, so these tests compare
the two on every file in tests/data, through real files and io.BytesIO."""

import contextlib
import gzip
import io
import os
import random

import pytest
from oracle import binary_files, pymarc
from test_mutations import SEED, base_streams, mutate

import mrrc

FILES = binary_files()


@contextlib.contextmanager
def quiet():
    """pymarc and mrrc both print MARC-8 trouble to stderr and log indicator problems."""
    with contextlib.redirect_stderr(io.StringIO()):
        yield


def walk(module, handle, **options):
    """[(what the reader gave, handle.tell() afterwards), ...] to the end (or to
    the error next() raised)."""
    out = []
    with quiet():
        reader = module.MARCReader(handle, **options)
        while True:
            try:
                record = next(reader)
            except StopIteration:
                out.append(("end", handle.tell()))
                return out
            except Exception as error:  # noqa: BLE001 - the exception is the outcome compared
                out.append((("raised", type(error).__name__, str(error)), None))
                return out
            given = None if record is None else record.as_marc()
            out.append(((given, type(reader.current_exception).__name__), handle.tell()))


def file_ids(path):
    return str(path.relative_to(path.parents[1]))


@pytest.mark.parametrize("path", FILES, ids=file_ids)
def test_tell_after_each_record_matches_pymarc(path):
    with open(path, "rb") as expected_handle, open(path, "rb") as actual_handle:
        expected = walk(pymarc, expected_handle)
        assert walk(mrrc, actual_handle) == expected
    data = path.read_bytes()
    assert walk(mrrc, io.BytesIO(data)) == walk(pymarc, io.BytesIO(data))


@pytest.mark.parametrize("path", FILES[::5], ids=file_ids)
def test_reading_from_the_middle_of_a_file_matches_pymarc(path):
    """A file object already moved on: both start where it is, and report positions from there."""
    data = path.read_bytes()
    start = len(data) // 3
    with open(path, "rb") as expected_handle, open(path, "rb") as actual_handle:
        expected_handle.seek(start)
        actual_handle.seek(start)
        assert walk(mrrc, actual_handle) == walk(pymarc, expected_handle)
    expected_buffer, actual_buffer = io.BytesIO(data), io.BytesIO(data)
    expected_buffer.seek(start)
    actual_buffer.seek(start)
    assert walk(mrrc, actual_buffer) == walk(pymarc, expected_buffer)


def test_positions_on_corrupted_streams_match_pymarc():
    rng = random.Random(SEED + 19)
    streams = base_streams()
    for _ in range(1500):
        data = mutate(rng, rng.choice(streams))
        assert walk(mrrc, io.BytesIO(data)) == walk(pymarc, io.BytesIO(data)), data[:60]


def offsets(module, handle):
    """The position before each record, as a program indexing a file records it."""
    out = []
    with quiet():
        reader = module.MARCReader(handle)
        while True:
            where = handle.tell()
            try:
                next(reader)
            except StopIteration:
                return out
            out.append(where)


def first_item(module, handle, where):
    handle.seek(where)
    with quiet():
        reader = module.MARCReader(handle)
        record = next(reader, "end")
    return (record if record in (None, "end") else record.as_marc(), type(reader.current_exception).__name__,
            handle.tell())


@pytest.mark.parametrize("path", FILES, ids=file_ids)
def test_a_new_reader_at_a_recorded_offset_gives_pymarcs_record(path):
    with open(path, "rb") as handle:
        expected_offsets = offsets(pymarc, handle)
    with open(path, "rb") as handle:
        assert offsets(mrrc, handle) == expected_offsets
    rng = random.Random(path.name)
    chosen = sorted(rng.sample(expected_offsets, min(6, len(expected_offsets))))
    with open(path, "rb") as expected_handle, open(path, "rb") as actual_handle:
        for where in reversed(chosen):  # backwards: each seek really moves the file
            assert first_item(mrrc, actual_handle, where) == first_item(pymarc, expected_handle, where)


def exhaust_then_close(module, path, stop_after):
    """Read `stop_after` records inside a with-block, then go on reading after it
    closed the file: what each of the next two next() calls gives."""
    with open(path, "rb") as handle:
        reader = module.MARCReader(handle)
        with quiet():
            for _ in range(stop_after):
                next(reader, None)  # one.dat has a single record: its reader ends here
    out = []
    for _ in range(2):
        try:
            with quiet():
                out.append(("gave", next(reader) is None))
        except StopIteration:
            out.append("end")
        except Exception as error:  # noqa: BLE001 - the exception is the outcome compared
            out.append((type(error).__name__, str(error)))
    return out


@pytest.mark.parametrize("name", ["marc4j/pride-and-prejudice-with-many-errors.mrc", "pymarc/test.dat",
                                  "pymarc/one.dat"])
def test_reading_after_the_with_block_closed_the_file_raises_its_error(name):
    path = FILES[0].parents[1] / name
    for stop_after in (0, 1, 3):
        expected = exhaust_then_close(pymarc, path, stop_after)
        assert exhaust_then_close(mrrc, path, stop_after) == expected
    assert expected[0] == ("ValueError", "read of closed file")


def test_a_file_closed_after_the_last_record_raises_as_in_pymarc():
    path = FILES[0].parents[1] / "pymarc" / "one.dat"
    for module in (pymarc, mrrc):
        with open(path, "rb") as handle:
            reader = module.MARCReader(handle)
            assert len(list(reader)) == 1
        with pytest.raises(ValueError, match="read of closed file"):
            next(reader)


@pytest.mark.parametrize("module", [pymarc, mrrc], ids=["pymarc", "mrrc"])
def test_closing_the_reader_or_its_bytesio_raises_the_files_error(module):
    data = (FILES[0].parents[1] / "pymarc" / "test.dat").read_bytes()
    reader = module.MARCReader(data)
    next(reader)
    reader.close()
    with pytest.raises(ValueError, match=r"^I/O operation on closed file\.$"):
        next(reader)
    buffer = io.BytesIO(data)
    reader = module.MARCReader(buffer)
    next(reader)
    buffer.close()
    with pytest.raises(ValueError, match=r"^I/O operation on closed file\.$"):
        next(reader)
    with open(FILES[0].parents[1] / "pymarc" / "test.dat", "rb") as handle:
        reader = module.MARCReader(handle)
        next(reader)
        reader.close()
        assert handle.closed
        with pytest.raises(ValueError, match="read of closed file"):
            next(reader)


def test_a_closed_file_raises_again_and_loses_no_record():
    """The error comes before the record is taken: reopening nothing, the reader
    keeps raising, as pymarc's keeps failing its read()."""
    path = FILES[0].parents[1] / "pymarc" / "test.dat"
    handle = open(path, "rb")
    reader = mrrc.MARCReader(handle)
    next(reader)
    handle.close()
    for _ in range(3):
        with pytest.raises(ValueError, match="read of closed file"):
            next(reader)


def test_file_handle_of_a_reader_holding_the_only_reference_is_positioned():
    """`MARCReader(open(path, "rb"))`: nobody else can see the file, so mrrc
    moves it only when file_handle is read; then it is where pymarc's would be."""
    path = FILES[0].parents[1] / "pymarc" / "test.dat"
    positions = {}
    for module in (pymarc, mrrc):
        reader = module.MARCReader(open(path, "rb"))
        next(reader)
        next(reader)
        seen = [reader.file_handle.tell()]
        next(reader)
        seen.append(reader.file_handle.tell())
        reader.close()
        positions[module.__name__] = seen
    assert positions["mrrc"] == positions["pymarc"]
    assert positions["mrrc"][0] > 0


def test_file_handle_of_bytes_input_is_a_bytesio_that_moves_as_pymarcs():
    data = (FILES[0].parents[1] / "pymarc" / "test.dat").read_bytes()
    for module in (pymarc, mrrc):
        reader = module.MARCReader(data)
        assert type(reader.file_handle) is io.BytesIO
    expected_reader, actual_reader = pymarc.MARCReader(data), mrrc.MARCReader(data)
    for _ in range(4):
        next(expected_reader)
        next(actual_reader)
        assert actual_reader.file_handle.tell() == expected_reader.file_handle.tell()
    assert list(actual_reader.file_handle) == list(expected_reader.file_handle)  # the rest, from there


def test_records_from_a_pipe_are_pymarcs_and_a_closed_pipe_raises():
    """A pipe cannot seek: mrrc reads it ahead in chunks (its position is not
    pymarc's), but the records are the same and closing it still raises."""
    data = (FILES[0].parents[1] / "pymarc" / "test.dat").read_bytes()
    read_end, write_end = os.pipe()
    os.write(write_end, data)
    os.close(write_end)
    with open(read_end, "rb") as pipe:
        assert not pipe.seekable()
        reader = mrrc.MARCReader(pipe)
        first = next(reader)
        assert first.as_marc() == next(pymarc.MARCReader(data)).as_marc()
    with pytest.raises(ValueError, match="read of closed file"):
        next(reader)


def test_a_gzip_file_is_read_ahead_but_a_closed_one_raises(tmp_path):
    data = (FILES[0].parents[1] / "pymarc" / "test.dat").read_bytes()
    packed = tmp_path / "test.dat.gz"
    packed.write_bytes(gzip.compress(data))
    with gzip.open(packed, "rb") as handle:
        reader = mrrc.MARCReader(handle)
        assert [r.as_marc() for r in reader] == [r.as_marc() for r in pymarc.MARCReader(data)]
    with gzip.open(packed, "rb") as handle:
        reader = mrrc.MARCReader(handle)
        next(reader)
    with pytest.raises(ValueError, match="closed file"):
        next(reader)


class CountingSeeks(io.BufferedReader):
    seeks = 0

    def seek(self, *args):
        CountingSeeks.seeks += 1
        return super().seek(*args)


def test_a_file_only_the_reader_refers_to_is_not_sought_after_every_record():
    """The cost of following pymarc's position is paid only when somebody else
    holds the file (the usual `with open(...) as f`), not for `MARCReader(open(...))`."""
    path = FILES[0].parents[1] / "marc4j" / "pride-and-prejudice-with-many-errors.mrc"
    CountingSeeks.seeks = 0
    count = sum(1 for _ in mrrc.MARCReader(CountingSeeks(io.FileIO(path))))
    assert count > 10 and CountingSeeks.seeks == 0
    handle = CountingSeeks(io.FileIO(path))
    assert sum(1 for _ in mrrc.MARCReader(handle)) == count
    assert CountingSeeks.seeks >= count
    handle.close()
