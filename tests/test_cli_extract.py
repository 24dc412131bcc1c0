"""`mrrc extract` run as a real subprocess: its CSV, TSV, JSON Lines and
Parquet are the table the library's mrrc.columns API builds."""

import csv
import io
import json
import subprocess
import sys

import pytest
from corpus_files import DATA

pa = pytest.importorskip("pyarrow", reason="mrrc extract needs pyarrow (mrrc[arrow])")
import pyarrow.parquet as pq  # noqa: E402

import mrrc.columns  # noqa: E402

SOURCE = DATA / "traject" / "test_data.utf8.mrc"
COLUMNS = {"id": "001", "title": "245$a", "lang": "008/35-37", "subjects": "650$a*"}
ARGS = [f"-c{name}={spec}" for name, spec in COLUMNS.items()]


def mrrc_cli(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "mrrc", *args], capture_output=True, input=stdin, timeout=300)


def expected_rows():
    return mrrc.columns.to_arrow(str(SOURCE), COLUMNS).to_pylist()


def test_csv_is_the_library_table_with_lists_joined():
    done = mrrc_cli("extract", *ARGS, str(SOURCE))
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(io.StringIO(done.stdout.decode("utf-8"))))
    assert rows[0] == list(COLUMNS)
    want = [["" if v is None else "|".join(v) if isinstance(v, list) else v for v in row.values()]
            for row in expected_rows()]
    assert rows[1:] == want and len(want) > 10


def test_tsv_jsonl_and_parquet(tmp_path):
    done = mrrc_cli("extract", *ARGS, "--format", "jsonl", "--threads", "2", str(SOURCE))
    assert [json.loads(line) for line in done.stdout.decode().splitlines()] == expected_rows()
    done = mrrc_cli("extract", *ARGS, "--format", "tsv", "--no-header", "--separator", ";", str(SOURCE))
    first = expected_rows()[0]
    assert done.stdout.decode().splitlines()[0].split("\t")[3] == ";".join(first["subjects"])
    target = tmp_path / "out.parquet"
    done = mrrc_cli("extract", *ARGS, "--format", "parquet", "-o", str(target), str(SOURCE))
    assert done.returncode == 0, done.stderr
    assert pq.read_table(target).to_pylist() == expected_rows()


def test_stdin_bad_records_and_usage_errors():
    data = SOURCE.read_bytes()
    done = mrrc_cli("extract", "-c", "001", "-", stdin=data[:-300])  # the last record cut short
    assert done.returncode == 1
    assert b"record" in done.stderr and b"byte" in done.stderr
    assert len(done.stdout.splitlines()) == 1 + len(expected_rows()) - 1
    bad_spec = mrrc_cli("extract", "-c", "245$", str(SOURCE))
    assert bad_spec.returncode == 2 and b"245$" in bad_spec.stderr
    assert mrrc_cli("extract", "-c", "001", "--format", "parquet", str(SOURCE)).returncode == 2
    assert mrrc_cli("extract", "-c", "001", "no-such-file.mrc").returncode == 2
