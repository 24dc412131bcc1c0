"""GIL release, thread safety and reader lifecycle (no timing assertions:
every check is about order and results)."""

import gc
import io
import sys
import threading

import pytest
from corpus_files import DATA, binary_files

import mrrc

BIG = (DATA / "marc4j" / "pride-and-prejudice-fixed.mrc").read_bytes() * 100  # 35 MB, 38,300 records


def summary(reader):
    out = []
    for record in reader:
        out.append(None if record is None else (record["001"].value() if "001" in record else "", record.title))
    return out


@pytest.fixture(scope="module")
def big_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "big.mrc"
    path.write_bytes(BIG)
    return path


@pytest.fixture(scope="module")
def expected(big_file):
    return summary(mrrc.MARCReader(BIG))


def other_thread_runs_while_reading(read):
    """With a switch interval so long that the GIL is only ever handed over when
    a thread releases it, start a thread that needs the GIL, then read: the
    other thread can only have finished by the time reading returns if the
    reader released the GIL while it worked."""
    go, finished = threading.Event(), threading.Event()

    def other():
        go.wait()  # parked (not holding the GIL) until reading is about to start
        total = 0
        for i in range(200_000):
            total += i
        finished.set()

    old = sys.getswitchinterval()
    sys.setswitchinterval(1000)
    try:
        thread = threading.Thread(target=other)
        thread.start()
        go.set()  # the other thread is now runnable but needs the GIL, which this thread holds
        read()
        ran_during_read = finished.is_set()
        thread.join()
    finally:
        sys.setswitchinterval(old)
    return ran_during_read


def test_the_check_detects_work_that_holds_the_gil():
    assert not other_thread_runs_while_reading(lambda: sum(range(3 * 10**6)))


def test_parsing_bytes_releases_the_gil():
    from mrrc._core import StreamParser

    parser = StreamParser()
    parser.attach(BIG)
    assert other_thread_runs_while_reading(lambda: parser.next_batch(10**9, 1 << 40))


def test_reading_a_path_never_needs_the_gil(big_file):
    """The producer thread reads and parses while this thread holds the GIL
    without a break (pure Python, no other Python thread, no switching)."""
    from mrrc._core import FileParser

    old = sys.getswitchinterval()
    sys.setswitchinterval(1000)
    try:
        parser = FileParser(big_file, queue_batches=4)
        spins = 0
        while parser.ready() < 4 and spins < 50_000_000:  # holds the GIL throughout
            spins += 1
        ready = parser.ready()
    finally:
        sys.setswitchinterval(old)
    parser.close()
    assert ready == 4


@pytest.mark.parametrize("threads", [1, 2, 4, 8])
def test_threads_reading_separate_readers_match_sequential(big_file, expected, threads):
    results = [None] * threads

    def work(index):
        source = big_file if index % 2 == 0 else BIG  # paths and bytes, each thread its own reader
        results[index] = summary(mrrc.MARCReader(source))

    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert all(result == expected for result in results)


def test_eof_is_idempotent(big_file):
    reader = mrrc.MARCReader(DATA / "pymarc" / "test.dat")
    assert len(list(reader)) == 10
    for _ in range(3):
        with pytest.raises(StopIteration):
            next(reader)


def test_close_and_context_manager_stop_the_producer(big_file):
    before = threading.active_count()
    with mrrc.MARCReader(big_file) as reader:
        next(reader)
    with pytest.raises(ValueError):
        next(reader)
    reader.close()  # closing twice is fine
    assert threading.active_count() == before  # the producer is a C++ thread, never a Python one


def test_dropping_a_half_read_reader_does_not_hang(big_file):
    for _ in range(20):
        reader = mrrc.MARCReader(big_file)
        next(reader)
        del reader
        gc.collect()
    assert summary(mrrc.MARCReader(DATA / "pymarc" / "test.dat"))[0] is not None


def test_one_reader_from_two_threads_is_refused_or_serialised(big_file):
    reader = mrrc.MARCReader(big_file)
    errors, counts = [], [0, 0]

    def drain(index):
        try:
            for _ in reader:
                counts[index] += 1
        except RuntimeError as error:
            errors.append(str(error))

    workers = [threading.Thread(target=drain, args=(i,)) for i in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    # Sharing a reader is misuse: it either raises RuntimeError or, where the
    # threads never overlapped inside the core, hands out each record once.
    assert all("two threads" in e for e in errors)
    if not errors:
        assert sum(counts) == len(BIG) // len((DATA / "marc4j" / "pride-and-prejudice-fixed.mrc").read_bytes()) * 383


def test_file_objects_short_reads_errors_and_text(tmp_path):
    data = (DATA / "pymarc" / "test.dat").read_bytes()

    class Sliced(io.RawIOBase):
        def __init__(self, size):
            self.pos, self.size = 0, size

        def readable(self):
            return True

        def read(self, n=-1):
            piece = data[self.pos : self.pos + self.size]
            self.pos += len(piece)
            return piece

    expected = summary(mrrc.MARCReader(data))
    for size in (1, 5, 24, 100, 4096):
        assert summary(mrrc.MARCReader(Sliced(size))) == expected
    with open(tmp_path / "t.mrc", "wb") as handle:
        handle.write(data)
    with open(tmp_path / "t.mrc", "r", encoding="latin-1") as text:
        with pytest.raises(TypeError, match="binary"):
            mrrc.MARCReader(text)


@pytest.mark.parametrize("threads", [2, 4, 8])
def test_parallel_parsing_matches_one_thread_on_every_file(threads):
    def outcome(source, **options):
        reader = mrrc.MARCReader(source, **options)
        out = []
        for record in reader:
            error = reader.current_exception
            out.append((None if record is None else (str(record), record.as_marc()),
                        None if error is None else (type(error).__name__, str(error), error.record_index,
                                                    error.byte_offset),
                        reader.current_chunk))
        return out

    for path in binary_files():
        expected = outcome(path, threads=1)
        assert outcome(path, threads=threads) == expected, path
        assert outcome(path.read_bytes(), threads=threads) == expected, path


def test_parallel_parsing_of_a_large_stream_with_errors(big_file):
    broken = bytearray(BIG)
    for position in range(5_000, len(broken), 400_000):  # damage a base address every so often
        start = broken.rfind(b"\x1d", 0, position) + 1
        broken[start + 12 : start + 17] = b"00000"
    data = bytes(broken) + b"0012"

    def outcome(reader):
        return [(type(reader.current_exception).__name__, reader.current_exception.record_index,
                 reader.current_exception.byte_offset) if r is None else r.title for r in reader]

    expected = outcome(mrrc.MARCReader(data))
    assert sum(1 for item in expected if isinstance(item, tuple)) > 50
    assert outcome(mrrc.MARCReader(data, threads=4)) == expected


def test_threads_from_the_environment_and_bulk_reading(monkeypatch, big_file):
    expected = summary(mrrc.MARCReader(big_file))
    monkeypatch.setenv("MRRC_THREADS", "3")
    assert [None if r is None else (r["001"].value() if "001" in r else "", r.title)
            for r in mrrc.read_all(big_file)] == expected
    monkeypatch.setenv("MRRC_THREADS", "many")
    with pytest.raises(ValueError, match="MRRC_THREADS"):
        mrrc.MARCReader(big_file)
    monkeypatch.setenv("MRRC_THREADS", "0")  # one per core
    assert len(mrrc.read_all(BIG)) == len(expected)
    with pytest.raises(ValueError):
        mrrc.MARCReader(BIG, threads=-2)


def test_dropping_a_parallel_reader_mid_stream(big_file):
    for _ in range(10):
        reader = mrrc.MARCReader(big_file, threads=4)
        next(reader)
        del reader
        gc.collect()


def test_every_input_backend_gives_the_same_records(tmp_path):
    import mmap

    data = (DATA / "marc4j" / "pride-and-prejudice-with-many-errors.mrc").read_bytes()
    path = tmp_path / "p.mrc"
    path.write_bytes(data)
    expected = summary(mrrc.MARCReader(data))
    with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
        assert summary(mrrc.MARCReader(mapped)) == expected  # read in place, no copy
    assert summary(mrrc.MARCReader(memoryview(data))) == expected
    assert summary(mrrc.MARCReader(io.BytesIO(data))) == expected
    with open(path, "rb") as handle:
        assert summary(mrrc.MARCReader(handle)) == expected
    assert summary(mrrc.MARCReader(str(path))) == expected
    assert summary(mrrc.MARCReader(path, threads=2)) == expected


def test_a_mutable_buffer_changed_after_opening_does_not_change_the_records():
    data = bytearray((DATA / "pymarc" / "test.dat").read_bytes())
    reader = mrrc.MARCReader(data)
    expected = summary(mrrc.MARCReader(bytes(data)))
    data[:] = b"x" * len(data)  # scribble over the caller's buffer
    assert summary(reader) == expected


def test_bytesio_is_read_from_its_position():
    one = (DATA / "pymarc" / "one.dat").read_bytes()
    rest = (DATA / "pymarc" / "test.dat").read_bytes()
    stream = io.BytesIO(one + rest)
    stream.seek(len(one))
    assert summary(mrrc.MARCReader(stream)) == summary(mrrc.MARCReader(rest))
