"""Hostile ISO 2709 input, each case through every backend against pymarc
5.4.0: the same records, the same None + current_exception (class and text),
the same place where reading stops; never a crash, a hang or runaway memory."""

import io
import os
import threading

import pytest
from marc_bytes import record
from memory_probe import records_and_growth_kb
from oracle import DATA, answer, pymarc, run_reader

import mrrc

GOOD = record([(b"001", b"ocm1"), (b"245", b"10\x1faTitle :\x1fbsub")])
CASES = {
    "length-99999-on-30-bytes": b"99999nam a2200025 a 4500" + b"001000",
    "directory-of-thousands": b"99999nam a2236025 a 4500" + b"245000100000" * 3000 + b"\x1e" + b"x\x1e\x1d",
    "offsets-outside-the-record": GOOD.replace(b"00000\x1e", b"99990\x1e", 1) + GOOD,
    "lengths-outside-the-record": GOOD.replace(b"2450023", b"2459999", 1) + GOOD,
    "no-record-terminator-at-the-end": GOOD + GOOD[:-1],
    "separators-inside-data": record([(b"245", b"1\x1d\x1fa\x1e\x1f\x1f\x1d"), (b"001", b"a\x1db")]) + GOOD,
    "terminator-only": b"\x1d" * 10 + GOOD,
    "zero-length-leader": b"00000" + GOOD[5:] + GOOD,
    "negative-looking-length": b"-0100" + GOOD[5:] + GOOD,
    "base-address-past-the-end": GOOD[:12] + b"99999" + GOOD[17:] + GOOD,
}


class Backends:
    """The same bytes as each of MARCReader's inputs."""

    def __init__(self, tmp_path):
        self.tmp_path = tmp_path

    def make(self, kind, data):
        if kind == "bytes":
            return data
        if kind == "bytesio":
            return io.BytesIO(data)
        path = self.tmp_path / "input.mrc"
        path.write_bytes(data)
        if kind == "path":
            return str(path)
        return open(path, "rb")


KINDS = ["bytes", "bytesio", "path", "file"]


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("permissive", [False, True], ids=["default", "permissive"])
def test_hostile_records_read_as_pymarc_reads_them_through_every_backend(name, permissive, tmp_path):
    data = CASES[name]
    expected = answer(lambda: run_reader(pymarc, io.BytesIO(data), permissive=permissive))
    backends = Backends(tmp_path)
    for kind in KINDS:
        assert run_reader(mrrc, backends.make(kind, data), permissive=permissive) == expected, kind
    for threads in (2, 3):
        assert run_reader(mrrc, data, permissive=permissive, threads=threads) == expected, threads


def test_errors_say_where_they_are():
    reported = 0
    for data in CASES.values():
        reader = mrrc.MARCReader(GOOD + data, permissive=True)
        for index, item in enumerate(reader):
            if item is None:
                error = reader.current_exception
                assert error.record_index == index
                assert len(GOOD) <= error.byte_offset <= len(GOOD) + len(data)
                reported += 1
    assert reported >= 5


class Generous(io.RawIOBase):
    """read(n) returns up to three times what was asked: Python's file contract
    does not allow it, a careless wrapper does it anyway."""

    def __init__(self, data):
        self.data, self.pos = data, 0

    def readable(self):
        return True

    def read(self, n=-1):
        n = len(self.data) if n is None or n < 0 else 3 * n
        piece = self.data[self.pos:self.pos + n]
        self.pos += len(piece)
        return piece


def test_a_file_object_that_returns_more_than_asked_loses_nothing():
    # pymarc reads 5 bytes for a length, gets 15 and misreads from there on;
    # mrrc reads in large chunks and keeps every byte it was given.
    data = (DATA / "pymarc" / "test.dat").read_bytes()
    assert run_reader(mrrc, Generous(data)) == run_reader(mrrc, data)
    assert sum(1 for item in run_reader(mrrc, Generous(data)) if item[0] is not None) == 10
    assert answer(lambda: run_reader(pymarc, Generous(data))[0][:1]) == (None,)


def test_a_file_object_that_returns_str_raises_as_pymarc_does():
    class Text:
        def read(self, n=-1):
            return "00026nam a2200025 a 4500\x1d"

    with pytest.raises((TypeError, mrrc.PymarcException)):
        next(mrrc.MARCReader(Text()))


def test_a_read_that_fails_mid_record_raises_after_the_records_before():
    data = (DATA / "pymarc" / "test.dat").read_bytes()

    class Failing(io.RawIOBase):
        pos = 0

        def readable(self):
            return True

        def read(self, n=-1):
            if self.pos > len(data) // 2:
                raise OSError("the network share went away")
            piece = data[self.pos:self.pos + 1000]
            self.pos += len(piece)
            return piece

    got = []
    with pytest.raises(OSError, match="went away"):
        for record in mrrc.MARCReader(Failing()):
            got.append(record)
    assert got and all(r is not None for r in got)
    assert [r.as_marc() for r in got] == [r.as_marc() for r in list(mrrc.MARCReader(data))[:len(got)]]


def test_a_file_truncated_under_a_path_reader_ends_without_crashing(tmp_path):
    path = tmp_path / "shrinking.mrc"
    data = (DATA / "marc4j" / "pride-and-prejudice-fixed.mrc").read_bytes() * 2000  # 7 MB
    path.write_bytes(data)
    reader = mrrc.MARCReader(str(path))
    first = next(reader)
    os.truncate(path, len(data) // 3 + 17)  # cut mid-record while the producer thread reads
    rest = list(reader)
    assert first is not None
    assert len(rest) < data.count(b"\x1d")
    if rest and rest[-1] is None:  # the cut record, reported as pymarc reports a short one
        assert isinstance(reader.current_exception, mrrc.PymarcException)


def test_a_file_growing_under_a_path_reader_gives_whole_records(tmp_path):
    path = tmp_path / "growing.mrc"
    path.write_bytes(GOOD * 1000)
    reader = mrrc.MARCReader(str(path))
    seen = [next(reader)]
    with open(path, "ab") as out:
        out.write(GOOD * 1000)
    seen += list(reader)
    assert all(r is not None and r.as_marc() == GOOD for r in seen)
    assert len(seen) in range(1000, 2001)


def test_garbage_chunks_read_as_pymarc_reads_them():
    chunk = b"99999" + (bytes(range(32, 127)) * 1053)[:99993] + b"\x1d"
    ours = run_reader(mrrc, chunk * 3, permissive=True)
    assert [item[0] for item in ours] == [None, None, None]
    assert ours == answer(lambda: run_reader(pymarc, io.BytesIO(chunk * 3), permissive=True))


def test_two_gigabytes_of_garbage_stream_in_bounded_memory():
    # 20,000 chunks of 100 kB that each claim a length of 99,999 and are not
    # records (as the previous test shows pymarc reads them).
    count, growth_kb = records_and_growth_kb("""
import io, mrrc
CHUNK = b"99999" + (bytes(range(32, 127)) * 1053)[:99993] + b"\\x1d"
class Garbage(io.RawIOBase):
    left = 20_000 * len(CHUNK)
    at = 0  # position in CHUNK
    def readable(self):
        return True
    def readinto(self, buffer):
        n = min(len(buffer), self.left)
        buffer[:n] = (CHUNK * (n // len(CHUNK) + 2))[self.at:self.at + n]
        self.at = (self.at + n) % len(CHUNK)
        self.left -= n
        return n
def read():
    reader = mrrc.MARCReader(io.BufferedReader(Garbage(), 1 << 20), permissive=True)
    nones = 0
    for item in reader:
        nones += item is None
        if item is not None:
            raise SystemExit("garbage read as a record")
    return nones
""")
    assert count > 1000  # steady progress: every chunk reported, none taken for a record
    assert growth_kb < 256 * 1024


def test_many_readers_and_writers_at_once_with_early_close(tmp_path):
    """Stress: threads reading (some dropped half-read, some closed early) and
    writing at once; every finished output is exact."""
    data = (DATA / "traject" / "test_data.utf8.mrc").read_bytes()
    expected = [r.as_marc() for r in mrrc.MARCReader(data)]
    failures = []
    # Written before the threads start: a thread that found the file half
    # written by another would read a truncated input (seen once on 3.13).
    path = _path(tmp_path, data)

    def work(index):
        try:
            reader = mrrc.MARCReader(data if index % 2 else path, threads=1 + index % 3)
            if index % 5 == 0:
                next(reader)
                reader.close()  # early close
                return
            if index % 7 == 0:
                next(reader)
                return  # dropped half-read
            target = tmp_path / f"out-{index}.mrc"
            with mrrc.MARCWriter(target) as writer:
                for record in reader:
                    writer.write(record)
            if target.read_bytes() != b"".join(expected):
                failures.append(index)
        except Exception as error:  # noqa: BLE001 - any exception is a failure of the test
            failures.append((index, error))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(24)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


def _path(tmp_path, data):
    path = tmp_path / "stress.mrc"
    if not path.exists():
        path.write_bytes(data)
    return str(path)
