"""Columnar extraction without any Arrow library (these also run in the
sanitizer build): row and skip counts against pymarc, spec errors, capsules
released unconsumed, corrupted input that must never crash."""

import random
import threading

import pytest
from corpus_files import binary_files

from mrrc import _core, columns

SPECS = ["LDR/06", "001", "008/07-10", "245$abnp", "650|*0|$a*", "6..*", "880$a"]
FILES = binary_files()


def drain(extraction):
    return sum(1 for _ in extraction.batches())


def counts(records, bad):
    return len(records), bad


def test_rows_and_skipped_records_match_pymarc():
    from oracle import answer
    from test_columns_oracle import pymarc_read

    for path in FILES:
        extraction = columns.extract(str(path), SPECS, errors="ignore")
        drain(extraction)
        read, rows, _ = extraction.progress
        assert (rows, len(extraction.skipped)) == answer(lambda p=path: counts(*pymarc_read(p))), path
        assert read == rows + len(extraction.skipped), path


@pytest.mark.parametrize("spec, position", [
    ("", 0), ("24", 2), ("2?5", 1), ("245abc", 3), ("245$", 4), ("245$aa", 5), ("245/1-2", 3),
    ("008/10-07", 7), ("008$a", 3), ("LDR|00|", 3), ("650|0|$a", 5), ("650|*0$a", 6), ("245$a**", 6),
    ("245 $a", 3), ("008/x", 4), ("008/123456", 9), ("24é$a", 2), ("245$é", 4), ("é", 1), ("2é5$a", 1),
])
def test_malformed_specs_point_at_the_mistake(spec, position):
    with pytest.raises(columns.ColumnSpecError) as raised:
        columns.extract(b"", [spec])
    assert raised.value.position == position
    assert isinstance(raised.value, ValueError)
    assert str(raised.value).splitlines()[-1] == "    " + " " * position + "^"


def test_capsules_left_unconsumed_are_released():
    data = FILES[0].read_bytes()
    for threads in (1, 2):
        core = _core.ExtractionCore(SPECS, SPECS, [data, str(FILES[1])], threads)
        schema = core.schema()
        batch = core.next_batch()
        array_pair = batch.__arrow_c_array__()
        stream = core.export_stream()
        with pytest.raises(ValueError):
            core.next_batch()
        del schema, batch, array_pair, stream, core  # every release callback runs here


def test_a_half_read_extraction_stops_its_threads():
    big = max(FILES, key=lambda p: p.stat().st_size)
    extraction = columns.extract([str(big)] * 50, SPECS, threads=3, batch_records=5)
    next(iter(extraction.batches()))
    extraction.close()
    assert extraction._core.next_batch() is None  # closed: the end


def test_two_threads_sharing_one_extraction_never_corrupt_it():
    data = b"".join(p.read_bytes() for p in FILES[:20]) * 5
    core = _core.ExtractionCore(SPECS, SPECS, [data], 1, False, 10)
    outcomes = []

    def drain_core():
        try:
            while core.next_batch() is not None:
                pass
            outcomes.append("end")
        except RuntimeError:
            outcomes.append("busy")

    workers = [threading.Thread(target=drain_core) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert "end" in outcomes and set(outcomes) <= {"end", "busy"}


def test_corrupted_input_is_skipped_or_ends_never_crashes():
    rng = random.Random(7)
    good = b"".join(p.read_bytes() for p in FILES[:30])
    for _ in range(200):
        data = bytearray(good)
        for _ in range(rng.randint(1, 40)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        cut = rng.randrange(len(data))
        data = bytes(data[:cut])
        for threads in (1, 2):
            extraction = columns.extract(data, SPECS, threads=threads, errors="ignore", batch_records=7)
            drain(extraction)
            read, rows, _ = extraction.progress
            assert read == rows + len(extraction.skipped)
