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
from oracle import answer, binary_files, pymarc
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
    def walked(module):
        with open(path, "rb") as handle:
            return walk(module, handle)
    assert walked(mrrc) == answer(lambda: walked(pymarc))
    data = path.read_bytes()
    assert walk(mrrc, io.BytesIO(data)) == answer(lambda: walk(pymarc, io.BytesIO(data)))


@pytest.mark.parametrize("path", FILES[::5], ids=file_ids)
def test_reading_from_the_middle_of_a_file_matches_pymarc(path):
    """A file object already moved on: both start where it is, and report positions from there."""
    data = path.read_bytes()
    start = len(data) // 3

    def walked(module, handle):
        with handle:
            handle.seek(start)
            return walk(module, handle)
    assert walked(mrrc, open(path, "rb")) == answer(lambda: walked(pymarc, open(path, "rb")))
    assert walked(mrrc, io.BytesIO(data)) == answer(lambda: walked(pymarc, io.BytesIO(data)))


def test_positions_on_corrupted_streams_match_pymarc():
    rng = random.Random(SEED + 19)
    streams = base_streams()
    inputs = [mutate(rng, rng.choice(streams)) for _ in range(1500)]

    def walks(module):
        return [walk(module, io.BytesIO(data)) for data in inputs]
    ours = walks(mrrc)
    theirs = answer(lambda: walks(pymarc), depth=1, mine=ours)
    assert ours == theirs or [d[:60] for d, mine, pymarcs in zip(inputs, ours, theirs) if mine != pymarcs] == []


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
    def indexed(module):
        with open(path, "rb") as handle:
            return offsets(module, handle)
    found = indexed(mrrc)
    assert found == answer(lambda: indexed(pymarc))
    rng = random.Random(path.name)
    chosen = sorted(rng.sample(found, min(6, len(found))))

    def firsts(module):
        with open(path, "rb") as handle:  # backwards: each seek really moves the file
            return [first_item(module, handle, where) for where in reversed(chosen)]
    assert firsts(mrrc) == answer(lambda: firsts(pymarc))


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
        ours = exhaust_then_close(mrrc, path, stop_after)
        assert ours == answer(lambda s=stop_after: exhaust_then_close(pymarc, path, s))
    assert ours[0] == ("ValueError", "read of closed file")


def test_a_file_closed_after_the_last_record_raises_as_in_pymarc():
    path = FILES[0].parents[1] / "pymarc" / "one.dat"

    def after(module):
        with open(path, "rb") as handle:
            reader = module.MARCReader(handle)
            count = len(list(reader))
        with pytest.raises(ValueError) as raised:
            next(reader)
        return count, str(raised.value)
    ours = after(mrrc)
    assert ours == answer(lambda: after(pymarc)) and ours == (1, "read of closed file")


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

    def positions(module):
        reader = module.MARCReader(open(path, "rb"))
        next(reader)
        next(reader)
        seen = [reader.file_handle.tell()]
        next(reader)
        seen.append(reader.file_handle.tell())
        reader.close()
        return seen
    ours = positions(mrrc)
    assert ours == answer(lambda: positions(pymarc)) and ours[0] > 0


def test_file_handle_of_bytes_input_is_a_bytesio_that_moves_as_pymarcs():
    data = (FILES[0].parents[1] / "pymarc" / "test.dat").read_bytes()

    def moves(module):
        reader = module.MARCReader(data)
        seen = [type(reader.file_handle).__name__]
        for _ in range(4):
            next(reader)
            seen.append(reader.file_handle.tell())
        return seen, list(reader.file_handle)  # the rest, from there
    assert type(mrrc.MARCReader(data).file_handle) is io.BytesIO
    assert moves(mrrc) == answer(lambda: moves(pymarc))


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
        assert first.as_marc() == answer(lambda: next(pymarc.MARCReader(data)).as_marc())
    with pytest.raises(ValueError, match="read of closed file"):
        next(reader)


def test_a_gzip_file_is_read_ahead_but_a_closed_one_raises(tmp_path):
    data = (FILES[0].parents[1] / "pymarc" / "test.dat").read_bytes()
    packed = tmp_path / "test.dat.gz"
    packed.write_bytes(gzip.compress(data))
    with gzip.open(packed, "rb") as handle:
        reader = mrrc.MARCReader(handle)
        assert [r.as_marc() for r in reader] == answer(lambda: [r.as_marc() for r in pymarc.MARCReader(data)])
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
