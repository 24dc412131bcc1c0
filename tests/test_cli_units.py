"""The command line's pieces in-process: format detection, MARC paths, sizes."""

import click
import pytest

import mrrc
from mrrc.cli.app import parse_size
from mrrc.cli.inputs import sniff
from mrrc.cli.selectors import MarcPath, condition


@pytest.mark.parametrize("head,name,expected", [
    (b"00714cam a2200205 a 4500", "", "marc"),
    (b"00714cam a2200205 a 4500", "x.xml", "marc"),  # content first
    (b"\xef\xbb\xbf<?xml version='1.0'?><collection/>", "", "xml"),
    (b"\n  <collection xmlns='http://www.loc.gov/MARC21/slim'>", "", "xml"),
    (b'[{"leader": "x", "fields": []}]', "", "json"),
    (b'{\n  "leader": "x",\n  "fields": []\n}', "", "json"),  # one object over several lines
    (b'{"leader": "x", "fields": []}\n{"leader": "y"', "", "ndjson"),
    (b"=LDR  00714cam a2200205 a 4500\r\n=001  x\r\n", "", "mrk"),
    (b"=LDR  00714cam a2200205 a 4500\n=001  x\n", "", "text"),
    (b"=LDR  00714cam a2200205 a 4500\n=001  x\n", "records.mrk", "mrk"),
    (b"", "empty.xml", "xml"),
    (b"", "", "marc"),
    (b"Dear cataloguer", "notes.mrc", None),
])
def test_sniff(head, name, expected):
    assert sniff(head, name) == expected


def _record():
    record = mrrc.Record()
    record.leader = mrrc.Leader("00000nam a2200000 a 4500")
    record.add_field(mrrc.Field("008", data="830412s1983    nyu           000 0 eng  "),
                     mrrc.Field("245", mrrc.Indicators("1", "0"), [mrrc.Subfield("a", "Emma /"),
                                                                   mrrc.Subfield("c", "Jane Austen.")]),
                     mrrc.Field("650", mrrc.Indicators(" ", "0"), [mrrc.Subfield("a", "Sisters"),
                                                                   mrrc.Subfield("v", "Fiction.")]),
                     mrrc.Field("651", mrrc.Indicators(" ", "0"), [mrrc.Subfield("a", "England")]))
    return record


@pytest.mark.parametrize("path,values", [
    ("LDR", ["00000nam a2200000 a 4500"]),
    ("LDR/06", ["a"]),
    ("ldr/05-07", ["nam"]),
    ("008/35-37", ["eng"]),
    ("008/99", []),
    ("245", ["Emma / Jane Austen."]),
    ("245$a", ["Emma /"]),
    ("245$ca", ["Emma /", "Jane Austen."]),
    ("245^1", ["1"]),
    ("650^1", [" "]),
    ("6XX$a", ["Sisters", "England"]),
    ("65.$v", ["Fiction."]),
    ("100", []),
    ("008$a", []),
])
def test_marc_path_values(path, values):
    assert MarcPath.parse(path).values(_record()) == values


@pytest.mark.parametrize("text", ["24", "2455", "245$", "245/", "LDR$a", "245/7-3", "245^3", ""])
def test_bad_marc_paths(text):
    with pytest.raises(click.BadParameter):
        MarcPath.parse(text)


def test_conditions():
    record = _record()
    assert condition("equals", "LDR/06=a").test(record)
    assert condition("contains", "245$c=Austen").test(record)
    assert not condition("contains", "245$c=austen").test(record)
    assert condition("contains", "245$c=austen", ignore_case=True).test(record)
    assert condition("regex", "008/35-37=^e").test(record)
    assert condition("has", "6XX$v").test(record)
    assert condition("missing", "020").test(record)
    assert condition("equals", "245$a=Emma / =x").operand == "Emma / =x"  # the first = splits


@pytest.mark.parametrize("text,size", [("500000", 500000), ("500k", 512000), ("10M", 10 << 20), ("2G", 2 << 30),
                                       ("1.5m", int(1.5 * (1 << 20))), ("64KiB", 65536)])
def test_parse_size(text, size):
    assert parse_size(text) == size
