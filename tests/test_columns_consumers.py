"""Arrow consumers take mrrc's columns through the PyCapsule interface; Parquet
is written batch by batch; progress bars; a GIL-free extraction."""

import sys
import threading
import time
import warnings

import pytest
from corpus_files import binary_files

import mrrc
from mrrc import columns

WHY = "an optional extra (pip install 'mrrc[arrow]'), which the test extra installs"
pa = pytest.importorskip("pyarrow", reason=WHY)

SPECS = {"id": "001", "title": "245$abnp", "date": "008/07-10", "language": "008/35-37", "isbn": "020$a*",
         "subjects": "650$a*"}
PATHS = [str(p) for p in binary_files()]


@pytest.fixture(autouse=True)
def _quiet():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", columns.ExtractionWarning)
        yield


@pytest.fixture(scope="module")
def expected():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", columns.ExtractionWarning)
        return mrrc.to_arrow(PATHS, SPECS)


def test_pyarrow_reads_the_stream_capsule(expected):
    table = pa.table(columns.extract(PATHS, SPECS, threads=2))
    assert table.equals(expected)
    reader = pa.RecordBatchReader.from_stream(columns.extract(PATHS, SPECS))
    assert reader.read_all().equals(expected)


def test_a_stream_is_read_once():
    extraction = columns.extract(PATHS[:2], SPECS)
    extraction.__arrow_c_stream__()
    with pytest.raises(ValueError, match="already"):
        extraction.__arrow_c_stream__()


def test_batches_carry_the_array_capsule(expected):
    batches = list(columns.extract(PATHS, SPECS).batches())
    first = batches[0]
    assert pa.record_batch(first).num_rows > 0
    with pytest.raises(ValueError, match="already taken"):
        first.__arrow_c_array__()


def test_polars_reads_without_pyarrow_conversion(expected):
    pl = pytest.importorskip("polars", reason=WHY)
    frame = mrrc.to_polars(PATHS, SPECS, threads=2)
    assert frame.height == expected.num_rows
    assert frame["id"].to_list() == expected.column("id").to_pylist()
    assert frame["subjects"].to_list() == expected.column("subjects").to_pylist()
    assert frame.schema["subjects"] == pl.List(pl.String)


def test_duckdb_queries_the_extraction(expected):
    duckdb = pytest.importorskip("duckdb", reason=WHY)
    records = columns.extract(PATHS, SPECS)  # noqa: F841 (duckdb finds it by name)
    count, languages = duckdb.sql("select count(*), count(distinct language) from records").fetchall()[0]
    assert count == expected.num_rows
    assert languages == len(set(expected.column("language").to_pylist()) - {None})


def test_pandas_frame(expected):
    pytest.importorskip("pandas", reason=WHY)
    frame = mrrc.to_pandas(PATHS, SPECS)
    assert list(frame.columns) == list(SPECS)
    assert len(frame) == expected.num_rows
    assert list(frame["title"].head(5)) == expected.column("title").to_pylist()[:5]


def test_parquet_round_trip(tmp_path, expected):
    pq = pytest.importorskip("pyarrow.parquet", reason=WHY)
    dest = tmp_path / "records.parquet"
    extraction = mrrc.to_parquet(PATHS, dest, SPECS, threads=2)
    assert extraction.progress[1] == expected.num_rows
    back = pq.read_table(dest)
    assert back.column("id").to_pylist() == expected.column("id").to_pylist()
    assert back.column("subjects").to_pylist() == expected.column("subjects").to_pylist()


def test_progress_bar_counts_bytes(capsys):
    pytest.importorskip("tqdm", reason=WHY)
    mrrc.to_arrow(PATHS[:5], SPECS, progress=True)
    said = capsys.readouterr().err
    assert "extracting" in said and "100%" in said


def _reads_cleanly(path):
    extraction = columns.extract(str(path), ["001"], errors="ignore")
    pa.table(extraction)
    return not extraction.skipped


def test_extraction_runs_without_the_gil():
    """While one thread extracts a large input, another Python thread keeps running."""
    clean = [p for p in binary_files() if _reads_cleanly(p)]
    data = max(clean, key=lambda p: p.stat().st_size).read_bytes()
    data *= (64 << 20) // len(data)  # 64 MiB: some 30 batches of work
    ticks = []
    done = threading.Event()
    running = threading.Event()

    def tick():
        running.set()
        while not done.is_set():
            ticks.append(1)
            time.sleep(0)  # hands the GIL back at once

    old = sys.getswitchinterval()
    sys.setswitchinterval(5.0)  # the main thread gives the GIL up only where it releases it
    ticker = threading.Thread(target=tick)
    try:
        core = mrrc._core.ExtractionCore(list(SPECS.values()), list(SPECS), [data], 1)
        ticker.start()
        running.wait()
        before = len(ticks)
        batches = 0
        while core.next_batch() is not None:  # each batch made with the GIL released
            batches += 1
        after = len(ticks)
    finally:
        done.set()
        ticker.join()
        sys.setswitchinterval(old)
    assert batches > 10
    assert after > before
