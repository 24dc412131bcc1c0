"""Typed use of the public API, as an application would write it: run by
pytest (so every line's behaviour is checked) and by ``mypy --strict`` in the
tox lint environment (so the stubs give these annotations their types; an
assignment whose annotation disagrees with a stub fails the type check)."""

import io
import pathlib
from typing import Dict, List, Optional

import mrrc
from mrrc.exceptions import PymarcException
from mrrc.marcxml import XMLReader, parse_xml_to_array, record_to_xml

DATA = pathlib.Path(__file__).parent / "data"


def good_records(path: pathlib.Path) -> List[mrrc.Record]:
    records: List[mrrc.Record] = []
    for record in mrrc.MARCReader(path.read_bytes()):
        if record is not None:
            records.append(record)
    return records


def test_reading_and_the_record_api() -> None:
    record = good_records(DATA / "pymarc" / "one.dat")[0]
    title: Optional[str] = record.title
    assert title is not None and title.startswith("ActivePerl with ASP and ADO")
    field: mrrc.Field = record["245"]
    assert field.tag == "245"
    code_a: str = field["a"]
    assert code_a.startswith("ActivePerl")
    indicators: Optional[mrrc.Indicators] = field.indicators
    assert indicators is not None and indicators.first in "0123456789 "
    subfields: List[mrrc.Subfield] = field.subfields
    assert subfields[0].code == "a"
    by_code: Dict[str, List[str]] = field.subfields_as_dict()
    assert by_code["a"] == [code_a]
    leader: mrrc.Leader = record.leader
    assert len(str(leader)) == 24 and leader.coding_scheme in (" ", "a")
    subjects: List[mrrc.Field] = record.subjects
    assert all(f.tag.startswith("6") for f in subjects)
    assert "245" in record and [f.tag for f in record][:1] == [record.fields[0].tag]


def test_building_and_writing() -> None:
    record = mrrc.Record()
    record.add_field(mrrc.Field("001", data="typed-1"))
    record.add_field(mrrc.Field("245", mrrc.Indicators("0", "0"), [mrrc.Subfield("a", "A typed title")]))
    marc: bytes = record.as_marc()
    out = io.BytesIO()
    with mrrc.MARCWriter(out) as writer:
        writer.write(record)
        assert out.getvalue() == marc
    again = good_records_from(marc)
    assert again[0]["245"]["a"] == "A typed title"
    xml: bytes = record_to_xml(record)
    assert xml.startswith(b"<record")


def good_records_from(data: bytes) -> List[mrrc.Record]:
    return [record for record in mrrc.MARCReader(data) if record is not None]


def test_bad_records_and_their_errors() -> None:
    reader = mrrc.MARCReader((DATA / "pymarc" / "bad_records.mrc").read_bytes())
    problems: List[str] = []
    for record in reader:
        if record is None:
            error: Optional[BaseException] = reader.current_exception
            assert error is not None
            # pymarc's own exceptions carry where; a bad byte gives UnicodeDecodeError, as in pymarc
            index: Optional[int] = error.record_index if isinstance(error, PymarcException) else None
            problems.append(f"{type(error).__name__} at {index}")
    assert problems[:3] == ["BaseAddressInvalid at 1", "BaseAddressNotFound at 2", "RecordDirectoryInvalid at 3"]
    assert len(problems) == 7


def test_marcxml_both_ways() -> None:
    records: List[mrrc.Record] = parse_xml_to_array(str(DATA / "pymarc" / "batch.xml"))
    streamed = [record.title for record in XMLReader(str(DATA / "pymarc" / "batch.xml"))]
    assert [record.title for record in records] == streamed and streamed


def test_bulk_read_and_write(tmp_path: pathlib.Path) -> None:
    records: List[Optional[mrrc.Record]] = mrrc.read_all(str(DATA / "pymarc" / "test.dat"))
    kept = [record for record in records if record is not None]
    written: int = mrrc.write_all(kept, tmp_path / "out.mrc")
    assert written == len(kept) == len(good_records(tmp_path / "out.mrc"))
