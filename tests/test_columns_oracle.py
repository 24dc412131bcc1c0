"""Columnar extraction (mrrc.columns) against values computed with pymarc 5.4.0
on every binary file in tests/data: each column kind, MARC-8, bad records,
absent and empty values; threads; every kind of source."""

import contextlib
import io
import re
import warnings

import pytest
from oracle import answer, binary_files, outcome, pymarc

import mrrc
from mrrc import columns

WHY = "an optional extra (pip install 'mrrc[arrow]'), which the test extra installs"
pa = pytest.importorskip("pyarrow", reason=WHY)

SPECS = [
    "LDR", "LDR/06", "LDR/07-08", "LDR/20-30",       # the leader and slices of it (one past its end)
    "001", "003", "005*",                            # control fields, first and every occurrence
    "008/07-10", "008/35-37", "008/38", "008/45-50",  # positions, some past the end of the field
    "245", "245$a", "245$abnp", "245$c", "245$6",     # value(), one code, several codes
    "100$a", "020$a*", "020$az*", "650$a*",           # absent (null) and repeated
    "650|*0|$a*", "650|#0|$avxyz*", "6..|*7|$2*",     # indicator filters, wildcard tags
    "6..$a", "880$a*", "880*", "9..*", "0..*",        # linked fields, local fields, control fields via wildcards
    "041$a*", "500$a*", "856|4*|$u*",
]

SPEC_PATTERN = re.compile(
    r"^(?P<tag>LDR|[0-9A-Za-z.]{3})(?:/(?P<first>\d+)(?:-(?P<last>\d+))?)?(?:\|(?P<ind>..)\|)?"
    r"(?:\$(?P<codes>[0-9A-Za-z]+))?(?P<repeated>\*)?$")


def _indicator_matches(wanted, actual):
    return wanted == "*" or (wanted == "#" and actual == " ") or wanted == actual


def oracle_values(record, spec):
    """What the spec means, computed with pymarc's own objects (docs/dataframes.md)."""
    m = SPEC_PATTERN.match(spec)
    tag, codes = m["tag"], m["codes"] or ""
    cut = slice(int(m["first"]), int(m["last"] or m["first"]) + 1) if m["first"] else slice(None)
    if tag == "LDR":
        value = str(record.leader)[cut]
        return [value] if m["repeated"] else value
    pattern = re.compile(tag)  # '.' matches any character
    values = []
    for field in record.fields:
        if not pattern.fullmatch(field.tag):
            continue
        if field.is_control_field():
            if not codes and not m["ind"]:
                values.append(field.data[cut])
            continue
        if tag < "010" and tag.isdigit():
            continue
        if m["ind"] and not (_indicator_matches(m["ind"][0], field.indicator1)
                             and _indicator_matches(m["ind"][1], field.indicator2)):
            continue
        if not codes:
            values.append(field.value())
        elif len(codes) == 1:
            values.extend(field.get_subfields(codes))
        else:
            parts = [sf.value.strip() for sf in field.subfields if sf.code in codes]
            if parts:
                values.append(" ".join(parts))
    if m["repeated"]:
        return values
    return values[0] if values else None


def pymarc_read(path):
    """(records, count of None/errors) as pymarc's reader yields them. Records
    with a non-ASCII subfield code (pymarc warns and normalises the code) are
    left out of a table and counted as skipped."""
    records, bad = [], 0
    with open(path, "rb") as fh, warnings.catch_warnings(record=True) as said, \
            contextlib.redirect_stderr(io.StringIO()):
        warnings.simplefilter("always")
        reader = pymarc.MARCReader(fh)
        for record in reader:
            odd_code = any(issubclass(w.category, pymarc.BadSubfieldCodeWarning) for w in said)
            said.clear()
            if record is None or odd_code:
                bad += 1
            else:
                records.append(record)
    return records, bad


FILES = binary_files()


def _ids(paths):
    return [str(p.relative_to(p.parents[1])) for p in paths]


@pytest.mark.parametrize("path", FILES, ids=_ids(FILES))
def test_every_column_kind_matches_pymarc(path):
    def pymarcs():
        records, bad = pymarc_read(path)
        return len(records), bad, [[oracle_values(r, spec) for r in records] for spec in SPECS]
    extraction = columns.extract(str(path), SPECS, errors="ignore")
    table = pa.table(extraction)
    assert table.column_names == SPECS
    ours = (table.num_rows, len(extraction.skipped), [table.column(spec).to_pylist() for spec in SPECS])
    expected = answer(pymarcs, depth=2, mine=ours)
    if ours != expected:
        assert ours[:2] == tuple(expected[:2]), "(rows, records skipped)"
        for spec, got, want in zip(SPECS, ours[2], expected[2]):
            assert got == want, spec


def test_the_corpus_has_what_the_oracle_test_needs():
    """MARC-8 records with diacritics, bad records, and absent and empty values are all exercised."""
    marc8 = bad = empty = 0
    for path in FILES:
        records, skipped = pymarc_read(path)
        bad += skipped
        for r in records:
            if r.leader[9] != "a" and any(not f.is_control_field() and any(ord(c) > 127 for c in f.value())
                                          for f in r.fields):
                marc8 += 1
            empty += sum(1 for f in r.fields if not f.is_control_field() for sf in f.subfields if sf.value == "")
    assert marc8 > 20 and bad > 10 and empty > 0


@pytest.mark.parametrize("threads", [2, 3])
def test_threads_give_the_same_table(threads):
    paths = [str(p) for p in FILES]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", columns.ExtractionWarning)
        one = mrrc.to_arrow(paths, SPECS, threads=1)
        many = mrrc.to_arrow(paths, SPECS, threads=threads)
    assert one.num_rows > 1000
    assert one.equals(many)


def test_small_batches_give_the_same_table():
    path = str(max(FILES, key=lambda p: p.stat().st_size))
    whole = pa.table(columns.extract(path, SPECS, errors="ignore"))
    for threads in (1, 2):
        pieces = columns.extract(path, SPECS, errors="ignore", threads=threads, batch_records=3)
        batches = [pa.record_batch(b) for b in pieces.batches()]
        assert len(batches) > 3
        assert pa.Table.from_batches(batches).equals(whole)


def test_sources_bytes_buffers_files_and_lists_agree():
    path = next(p for p in FILES if p.name == "marc8.dat") if any(p.name == "marc8.dat" for p in FILES) else FILES[0]
    data = path.read_bytes()
    expected = mrrc.to_arrow(str(path), SPECS, errors="ignore")
    assert mrrc.to_arrow(path, SPECS, errors="ignore").equals(expected)  # a PathLike
    assert mrrc.to_arrow(data, SPECS, errors="ignore").equals(expected)
    assert mrrc.to_arrow(bytearray(data), SPECS, errors="ignore").equals(expected)
    assert mrrc.to_arrow(memoryview(data), SPECS, errors="ignore").equals(expected)
    assert mrrc.to_arrow(io.BytesIO(data), SPECS, errors="ignore").equals(expected)
    with open(path, "rb") as fh:
        assert mrrc.to_arrow(fh, SPECS, errors="ignore").equals(expected)
    twice = mrrc.to_arrow([str(path), data], SPECS, errors="ignore")
    assert twice.num_rows == 2 * expected.num_rows
    assert twice.slice(expected.num_rows).equals(expected)


def test_records_in_memory_give_their_values():
    path = FILES[0]
    for path in FILES:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            records = [r for r in mrrc.MARCReader(str(path)) if r is not None]
        if len(records) > 3 and any(r.leader[9] != "a" for r in records):
            break
    leaders = [str(r.leader) for r in records]
    specs = [s for s in SPECS if not s.startswith("LDR")]  # as_marc() writes leader/09 as 'a'
    from_records = mrrc.to_arrow(records + [None], specs)
    assert [str(r.leader) for r in records] == leaders  # the records are left as they were
    expected = {spec: [oracle_values(r, spec) for r in records] for spec in specs}
    assert from_records.to_pydict() == expected


def test_null_empty_and_empty_list():
    record = mrrc.Record()
    record.add_field(mrrc.Field("001", data="id1"))
    record.add_field(mrrc.Field("245", ["1", "0"], [mrrc.Subfield("a", ""), mrrc.Subfield("c", "x")]))
    table = mrrc.to_arrow(record, ["001", "245$a", "245$b", "650$a*", "008/07-10", "245$ab"]).to_pylist()
    assert table == [{"001": "id1", "245$a": "", "245$b": None, "650$a*": [], "008/07-10": None, "245$ab": ""}]


def test_bad_records_are_counted_reported_or_raised():
    bad_file = next(p for p in FILES if None in mrrc.MARCReader(str(p)))
    with pytest.warns(columns.ExtractionWarning, match=r"record\(s\) skipped"):
        mrrc.to_arrow(str(bad_file), ["001"])
    extraction = columns.extract(str(bad_file), ["001"], errors="ignore")
    pa.table(extraction)
    first = extraction.skipped[0]
    assert first.source == 0 and first.byte_offset >= 0 and first.error and first.message
    with pytest.raises(columns.ExtractionError) as raised:
        mrrc.to_arrow(str(bad_file), ["001"], errors="raise")
    assert raised.value.record_index == first.record_index
    assert raised.value.byte_offset == first.byte_offset
    assert isinstance(raised.value, mrrc.PymarcException)


def test_a_missing_file_raises_oserror():
    with pytest.raises(OSError, match="no-such-file.mrc"):
        mrrc.to_arrow("/nonexistent/no-such-file.mrc", ["001"])


def test_column_names_and_types():
    path = str(FILES[0])
    table = mrrc.to_arrow(path, {"id": "001", "subjects": "650$a*"}, errors="ignore")
    assert table.column_names == ["id", "subjects"]
    assert table.schema.field("id").type == pa.string()
    assert table.schema.field("subjects").type == pa.list_(pa.field("item", pa.string(), nullable=False))
    with pytest.raises(ValueError):
        mrrc.to_arrow(path, [])
    with pytest.raises(TypeError):
        mrrc.to_arrow(path, [245])
    empty = mrrc.to_arrow(b"", ["001", "650$a*"])
    assert empty.num_rows == 0 and empty.column_names == ["001", "650$a*"]


def test_nfc_matches_unicodedata():
    import random
    import unicodedata

    from mrrc import _core

    rng = random.Random(12)
    marks = [chr(c) for c in range(0x300, 0x370)] + ["\u0327", "\u0328", "\ufe20", "\ufe21", "\u0e48", "\u093c"]
    bases = [chr(c) for c in list(range(0x41, 0x7b)) + list(range(0xc0, 0x250)) + list(range(0x370, 0x3ff))
             + list(range(0x400, 0x4ff)) + list(range(0x1100, 0x1113)) + list(range(0x1161, 0x1176))
             + list(range(0x11a8, 0x11c3)) + list(range(0xac00, 0xac40)) + list(range(0xf900, 0xf920))
             + list(range(0x1e00, 0x1f00))]
    for _ in range(3000):
        text = "".join(rng.choice(bases) if rng.random() < 0.5 else rng.choice(marks) for _ in range(rng.randint(1, 8)))
        assert _core.nfc(text) == unicodedata.normalize("NFC", text), ascii(text)


XML_AND_JSON = sorted(p for p in (binary_files()[0].parents[1]).rglob("*") if p.suffix in (".xml", ".json"))
TEXT_SPECS = [s for s in SPECS if not s.startswith("LDR")] + ["LDR/05-08", "LDR/17-19"]


def _pymarc_records_of(path):
    with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
        warnings.simplefilter("ignore")
        if path.suffix == ".xml":
            return pymarc.parse_xml_to_array(str(path))
        return list(pymarc.JSONReader(path.read_text(encoding="utf-8")))


def _pymarc_rows_of(path):
    """pymarc's values of TEXT_SPECS for each record of an XML or JSON file, as
    it reads them back from its own as_marc(); or what reading the file raised."""
    try:
        records = _pymarc_records_of(path)
    except Exception as error:  # noqa: BLE001 - then mrrc raises the same
        return "raised", type(error).__name__
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return "rows", [outcome(lambda r=r: [oracle_values(pymarc.Record(data=r.as_marc()), spec)
                                             for spec in TEXT_SPECS]) for r in records]


@pytest.mark.parametrize("path", XML_AND_JSON, ids=_ids(XML_AND_JSON))
def test_marcxml_and_json_files_match_pymarc(path):
    """Read by mrrc's reader for the format and extracted from the records'
    as_marc() bytes: the values pymarc reads back from its own as_marc()."""
    expected = answer(lambda: _pymarc_rows_of(path), depth=2)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            extraction = columns.extract(str(path), TEXT_SPECS, errors="ignore")
            table = pa.table(extraction)
    except Exception as error:  # noqa: BLE001 - as pymarc raised
        assert ("raised", type(error).__name__) == expected
        return
    assert expected[0] == "rows", "pymarc raised where mrrc did not"
    left_out = {s.record_index for s in extraction.skipped}
    kept = [row for index, row in enumerate(expected[1]) if index not in left_out]
    assert table.num_rows == len(kept) and len(expected[1]) == table.num_rows + len(left_out)
    rows = [[row[spec] for spec in TEXT_SPECS] for row in table.to_pylist()]
    for index, (got, want) in enumerate(zip(rows, kept)):
        assert got == want, f"row {index}"


def test_ndjson_in_small_groups_with_a_bad_line(tmp_path, monkeypatch):
    """Converted files are read GROUP_RECORDS at a time; each group is its own
    C++ stream, and the table is the same; a bad line is reported in place."""
    from mrrc.marcjson import NDJSONWriter

    source = next(p for p in FILES if p.name == "test.dat")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        records = [r for r in mrrc.MARCReader(str(source)) if r is not None]
    path = tmp_path / "records.ndjson"
    with open(path, "w", encoding="utf-8") as out:
        writer = NDJSONWriter(out)
        for i, record in enumerate(records):
            writer.write(record)
            if i == 2:
                out.write('{"leader": 5}\n')  # not a record
        writer.close(close_fh=False)
    specs = [s for s in SPECS if not s.startswith("LDR")]
    expected = mrrc.to_arrow(str(source), specs)
    monkeypatch.setattr(columns, "GROUP_RECORDS", 3)
    for threads in (1, 2):
        extraction = columns.extract(str(path), specs, threads=threads, errors="ignore")
        table = pa.table(extraction)  # through pyarrow: several C++ streams
        assert table.equals(expected)
        (bad,) = extraction.skipped
        assert bad.source == 0 and bad.record_index == 3 and bad.byte_offset is None
    with pytest.warns(columns.ExtractionWarning, match="input 0, record 3: "):
        mrrc.to_arrow(str(path), specs)
