"""Newline-delimited MARC-in-JSON (beyond pymarc): each line gives the record
pymarc's JSONReader makes of that object; bad lines are None with the error."""

import io
import json

import pytest
from corpus_files import binary_files
from memory_probe import records_and_growth_kb
from oracle import answer, describe_record, pymarc

import mrrc
from mrrc.marcjson import NDJSONReader, NDJSONWriter

LEADER = "00000nam a2200000 a 4500"


def lines_of(records):
    return "".join(json.dumps(r.as_dict(), separators=(",", ":")) + "\n" for r in records)


@pytest.mark.parametrize("path", binary_files()[::5], ids=lambda p: p.name)
def test_lines_give_pymarcs_records(path):
    # The lines are mrrc's as_dict(), which the reader oracle holds to pymarc's.
    records = [r for r in mrrc.MARCReader(path.read_bytes()) if r is not None]
    text = lines_of(records)
    expected = answer(lambda: [describe_record(r) for r in pymarc.JSONReader("[" + ",".join(text.splitlines()) + "]")]
                      if records else [])
    for source in (text.encode(), io.BytesIO(text.encode()), io.StringIO(text)):
        assert [describe_record(r) for r in NDJSONReader(source)] == expected


def test_bad_lines_are_none_with_their_line_number(tmp_path):
    good = json.dumps({"leader": LEADER, "fields": [{"001": "x"}]})
    text = "\n".join([good, "", "{not json", json.dumps({"fields": []}), good, json.dumps({"leader": "short",
                                                                                         "fields": []}), good])
    path = tmp_path / "records.ndjson"
    path.write_text(text)
    reader = NDJSONReader(str(path))
    seen = []
    for record in reader:
        error = reader.current_exception
        seen.append(None if record is None else record["001"].data)
        if error is not None:
            seen.append((type(error).__name__, error.line_number))
    assert seen == ["x", None, ("JSONDecodeError", 3), None, ("KeyError", 4), "x", None,
                    ("RecordLeaderInvalid", 6), "x"]
    with pytest.raises(json.JSONDecodeError) as raised:
        list(NDJSONReader(text.encode(), permissive=False))
    assert raised.value.line_number == 3


def test_lines_split_across_reads():
    good = json.dumps({"leader": LEADER, "fields": [{"245": {"ind1": " ", "ind2": " ", "subfields": [
        {"a": "\u00e9" * 300}]}}]})

    class Trickle(io.RawIOBase):
        def __init__(self, data):
            self.data = data

        def readable(self):
            return True

        def read(self, size=-1):
            piece, self.data = self.data[:7], self.data[7:]
            return piece
    records = list(NDJSONReader(Trickle(("\n".join([good] * 50)).encode())))
    assert len(records) == 50 and records[-1]["245"]["a"] == "\u00e9" * 300


def test_writer_round_trip():
    path = next(p for p in binary_files() if p.name == "test.dat")
    records = [r for r in mrrc.MARCReader(path.read_bytes()) if r is not None]
    out = io.StringIO()
    writer = NDJSONWriter(out)
    for record in records:
        writer.write(record)
    assert out.getvalue() == lines_of(records)
    assert [r.as_marc() for r in NDJSONReader(io.StringIO(out.getvalue()))] == [r.as_marc() for r in records]
    with pytest.raises(mrrc.WriteNeedsRecord):
        writer.write("not a record")
    writer.close(close_fh=False)
    assert not out.closed


def test_a_line_longer_than_many_reads():
    value = "v" * (3 << 20)  # three reads' worth on one line
    line = json.dumps({"leader": LEADER, "fields": [{"500": {"ind1": " ", "ind2": " ", "subfields": [{"a": value}]}}]})
    records = list(NDJSONReader(io.BytesIO((line + "\n" + line).encode())))
    assert [r["500"]["a"] == value for r in records] == [True, True]


NDJSON_MEMORY_PROBE = """
import json
from mrrc.marcjson import NDJSONReader
line = (json.dumps({"leader": "00000nam a2200000 a 4500", "fields": [{"001": "x"}, {"245": {
    "ind1": "1", "ind2": "0", "subfields": [{"a": "Title words " * 150}]}}]}) + "\\n").encode()

class Lines:
    '''About 280 MB of newline-delimited MARC-in-JSON, produced as it is read.'''
    def __init__(self, count):
        self.left = count
    def read(self, size):
        n = min(self.left, max(1, size // len(line)))
        self.left -= n
        return line * n

def read():
    return sum(1 for _ in NDJSONReader(Lines(150_000)))
"""


def test_a_large_stream_is_read_in_bounded_memory():
    count, growth_kb = records_and_growth_kb(NDJSON_MEMORY_PROBE)
    assert count == 150_000
    assert growth_kb < 64 * 1024
