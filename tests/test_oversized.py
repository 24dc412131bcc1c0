"""Records beyond the ISO 2709 limits: read with MARCReader(oversized="scan")
through every backend, kept through MARCXML and MARC-in-JSON, written with
allow_oversized (ruby-marc's zeros) and read back; the default reading stays
pymarc's (the oracle)."""

import copy
import io
import logging

import pytest
from corpus_files import DATA
from marc_bytes import CONVENTIONS, big_record, big_record_fields, oversized_record, record
from oracle import compare
from oversized_examples import examples

import mrrc
from mrrc.oversized import MAX_SCANNED_RECORD_BYTES, Oversized

GOOD = record([(b"001", b"good"), (b"245", b"10\x1faA short record")])
DAMAGED = GOOD[:12] + b"x2345" + GOOD[17:]  # a base address that is not a number: None, reading goes on
LAYOUTS = {
    "first": ["big", "good", "good"],
    "middle": ["good", "big", "good"],
    "last": ["good", "good", "big"],
    "consecutive": ["good", "big", "big", "big", "good"],
    "followed-by-damaged": ["good", "big", "damaged", "good", "big"],
}


@pytest.fixture(autouse=True)
def _quiet_pymarc_logger(caplog):
    caplog.set_level(logging.CRITICAL, logger="pymarc")  # default reading of these records logs a lot


def stream(layout, convention):
    parts = {"good": GOOD, "damaged": DAMAGED}
    return b"".join(parts.get(kind) or big_record(b"big%d" % i, convention) for i, kind in enumerate(layout))


def expected(layout):
    return [None if kind == "damaged" else ("good", False) if kind == "good" else (f"big{i}", True)
            for i, kind in enumerate(layout)]


class Unseekable(io.RawIOBase):
    """A pipe-like file: read() only."""

    def __init__(self, data):
        self._data = io.BytesIO(data)

    def readable(self):
        return True

    def readinto(self, buffer):
        chunk = self._data.read(min(len(buffer), 7777))
        buffer[: len(chunk)] = chunk
        return len(chunk)


BACKENDS = {
    "bytes": lambda data, path: data,
    "bytearray": lambda data, path: bytearray(data),
    "memoryview": lambda data, path: memoryview(data),
    "BytesIO": lambda data, path: io.BytesIO(data),
    "file": lambda data, path: open(path, "rb"),  # noqa: SIM115  (the reader closes it)
    "unseekable": lambda data, path: Unseekable(data),
    "path": lambda data, path: path,
}


def read(data, tmp_path, backend, threads=None, **options):
    path = tmp_path / "records.mrc"
    path.write_bytes(data)
    with mrrc.MARCReader(BACKENDS[backend](data, path), oversized="scan", threads=threads, **options) as reader:
        records = list(reader)
        count = reader.oversized_count
    return records, count


def summary(records):
    return [None if r is None else (r["001"].data, r.oversized is not None) for r in records]


@pytest.mark.parametrize("convention", CONVENTIONS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_position_and_convention_is_read(layout, convention, tmp_path):
    data = stream(LAYOUTS[layout], convention)
    records, count = read(data, tmp_path, "bytes")
    assert summary(records) == expected(LAYOUTS[layout])
    assert count == LAYOUTS[layout].count("big")
    for kind, got in zip(LAYOUTS[layout], records):
        if kind == "big":
            assert len(got.get_fields("856")) > 900 and len(got["505"].value()) > 25_000
            assert got.oversized.by_record_terminator and got.oversized.by_field_terminators


@pytest.mark.parametrize("threads", [None, 3])
@pytest.mark.parametrize("backend", BACKENDS)
def test_every_backend_reads_the_same(backend, threads, tmp_path):
    # (A file object is read by Python in chunks whatever `threads` says: the same records all the same.)
    data = stream(LAYOUTS["followed-by-damaged"], "wrapped") + stream(LAYOUTS["consecutive"], "zeros")
    reference, _ = read(data, tmp_path, "bytes")
    records, count = read(data, tmp_path, backend, threads=threads)
    assert summary(records) == summary(reference)
    assert [r and r.oversized for r in records] == [r and r.oversized for r in reference]
    assert [r and r.as_dict() for r in records] == [r and r.as_dict() for r in reference]
    assert count == 5


def test_rescued_records_say_where_they_were():
    data = GOOD + big_record(b"big1", "nines") + GOOD
    records = list(mrrc.MARCReader(data, oversized="scan"))
    assert records[0].oversized is None and records[2].oversized is None
    assert records[1].oversized == Oversized(record_index=1, byte_offset=len(GOOD), by_record_terminator=True,
                                             by_field_terminators=True)
    # A field past 9,999 bytes in a record that is not: only the field is rescued.
    long_field = oversized_record([(b"001", b"x"), (b"505", b"0 \x1fa" + b"y" * 12_000)], "zeros")
    long_field = b"%05d" % len(long_field) + long_field[5:]
    rescued = next(mrrc.MARCReader(long_field, oversized="scan"))
    assert rescued.oversized == Oversized(0, 0, False, True)
    assert rescued["505"]["a"] == "y" * 12_000


def test_the_rescue_is_kept_through_pickling_and_copies():
    import pickle

    data = GOOD + big_record(b"big1", "zeros") + GOOD
    records = list(mrrc.MARCReader(data, oversized="scan"))
    for copied in (pickle.loads(pickle.dumps(records[1])), copy.deepcopy(records[1])):
        assert copied.oversized == records[1].oversized == Oversized(1, len(GOOD), True, True)
        assert copied.as_marc(allow_oversized=True) == records[1].as_marc(allow_oversized=True)
    assert pickle.loads(pickle.dumps(records[0])).oversized is None


def test_good_records_read_exactly_as_without_the_option():
    data = b"".join((DATA / name).read_bytes() for name in ("pymarc/test.dat", "marc4j/unordered-directory-entries.mrc",
                                                             "marc4j/pride-and-prejudice-fixed.mrc"))
    plain = list(mrrc.MARCReader(data))
    scanned = list(mrrc.MARCReader(data, oversized="scan"))
    assert [r.as_marc() for r in scanned] == [r.as_marc() for r in plain]
    assert all(r.oversized is None for r in scanned)


@pytest.mark.parametrize("convention", CONVENTIONS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_default_reading_is_pymarcs(layout, convention):
    assert compare(stream(LAYOUTS[layout], convention)) == []


@pytest.mark.parametrize("name", sorted(examples()))
def test_example_files_are_what_the_script_makes_and_default_reading_is_pymarcs(name):
    data = (DATA / "mrrc" / name).read_bytes()
    assert data == examples()[name]
    assert compare(data) == []


def test_example_files_read_in_full_with_the_option():
    zeros = list(mrrc.MARCReader(str(DATA / "mrrc" / "oversized-zeros.iso"), oversized="scan"))
    assert [r["001"].data for r in zeros] == [zeros[0]["001"].data, "big0001", zeros[0]["001"].data]
    nines = list(mrrc.MARCReader(str(DATA / "mrrc" / "oversized-field-nines.iso"), oversized="scan"))
    assert nines[0]["001"].data == "long505" and nines[1] is None and nines[2] is not None
    assert nines[0].oversized == Oversized(0, 0, False, True)


ZEROS = big_record(b"big0001", "zeros")


@pytest.mark.parametrize("convention", CONVENTIONS)
def test_allow_oversized_writes_ruby_marcs_zeros(convention):
    rescued = next(mrrc.MARCReader(big_record(b"big0001", convention), oversized="scan"))
    with pytest.raises(mrrc.FieldTooLong):
        rescued.as_marc()
    assert rescued.as_marc(allow_oversized=True) == ZEROS
    out = io.BytesIO()
    mrrc.MARCWriter(out, allow_oversized=True).write(rescued)
    assert out.getvalue() == ZEROS


def test_a_record_made_in_python_is_written_as_one_read_from_iso2709():
    built = mrrc.Record(leader="00000nam a2200000 a 4500")
    built.leader = "00000nam a2200000 a 4500"
    read_back = next(mrrc.MARCReader(ZEROS, oversized="scan"))
    for field in read_back.fields:
        if field.control_field:
            built.add_field(mrrc.Field(field.tag, data=field.data))
        else:
            built.add_field(mrrc.Field(field.tag, field.indicators, list(field.subfields)))
    with pytest.raises(mrrc.FieldTooLong):
        built.as_marc()
    assert built.as_marc(allow_oversized=True) == ZEROS
    read_back["245"]["a"] = "Changed"  # a changed record is written from Python
    changed = read_back.as_marc(allow_oversized=True)
    assert next(mrrc.MARCReader(changed, oversized="scan"))["245"]["a"] == "Changed"


def test_marc8_writing_allows_oversized_too():
    rescued = next(mrrc.MARCReader(ZEROS, oversized="scan"))
    with pytest.raises(mrrc.FieldTooLong):
        rescued.as_marc(encoding="marc8")
    marc8 = rescued.as_marc(encoding="marc8", allow_oversized=True)
    assert marc8[:5] == b"00000"
    again = next(mrrc.MARCReader(marc8, oversized="scan"))
    assert again["520"].value() == rescued["520"].value()
    assert len(again.fields) == len(rescued.fields)


@pytest.mark.parametrize("threads", [1, 2])
def test_path_writers_and_write_all_allow_oversized(tmp_path, threads):
    records = list(mrrc.MARCReader(GOOD + ZEROS + GOOD + ZEROS, oversized="scan"))
    path = tmp_path / "out.mrc"
    with mrrc.MARCWriter(str(path), allow_oversized=True) as writer:
        for r in records:
            writer.write(r)
    assert path.read_bytes() == GOOD + ZEROS + GOOD + ZEROS
    assert mrrc.write_all(records, str(tmp_path / "all.mrc"), threads=threads, allow_oversized=True) == 4
    assert (tmp_path / "all.mrc").read_bytes() == path.read_bytes()
    handle = io.BytesIO()
    mrrc.write_all(records, handle, threads=threads, allow_oversized=True)
    assert handle.getvalue() == path.read_bytes()


def test_without_the_option_the_writers_still_refuse():
    rescued = next(mrrc.MARCReader(ZEROS, oversized="scan"))
    out = io.BytesIO()
    with pytest.raises(mrrc.FieldTooLong):
        mrrc.MARCWriter(out).write(rescued)
    assert out.getvalue() == b""
    with pytest.raises(mrrc.FieldTooLong) as raised:
        mrrc.write_all([next(mrrc.MARCReader(GOOD)), rescued], io.BytesIO())
    assert raised.value.record_index == 1


def test_a_subclass_as_marc_is_called_as_pymarc_calls_it():
    class Mine(mrrc.Record):
        def as_marc(self):
            return b"mine"

    out = io.BytesIO()
    mrrc.MARCWriter(out, allow_oversized=True).write(Mine())
    assert out.getvalue() == b"mine"


@pytest.mark.parametrize("convention", CONVENTIONS)
def test_marcxml_and_marc_in_json_keep_them_losslessly(convention):
    rescued = next(mrrc.MARCReader(big_record(b"big0001", convention), oversized="scan"))
    xml = io.BytesIO()
    writer = mrrc.XMLWriter(xml)
    writer.write(rescued)
    writer.close(close_fh=False)
    from_xml = mrrc.parse_xml_to_array(io.BytesIO(xml.getvalue()))[0]
    from_json = next(iter(mrrc.JSONReader(rescued.as_json())))
    assert from_xml.as_dict() == from_json.as_dict() == rescued.as_dict()
    assert from_xml.as_marc(allow_oversized=True) == ZEROS
    assert from_json.as_marc(allow_oversized=True) == ZEROS
    back = next(mrrc.MARCReader(from_json.as_marc(allow_oversized=True), oversized="scan"))
    assert back.as_dict()["fields"] == rescued.as_dict()["fields"]


def test_rescued_records_decoded_in_python_use_the_fields_found():
    # to_unicode=False and another file_encoding take pymarc's Python decoding.
    raw = next(mrrc.MARCReader(ZEROS, oversized="scan", to_unicode=False))
    fast = next(mrrc.MARCReader(ZEROS, oversized="scan"))
    assert [f.tag for f in raw.fields] == [f.tag for f in fast.fields]
    assert raw["505"].subfields == [mrrc.Subfield(s.code, s.value.encode()) for s in fast["505"].subfields]
    assert raw.oversized == fast.oversized
    odd = oversized_record(big_record_fields(b"big0002")[:4] + [(b"500", b"  \x1f\xe9bad code")], "zeros")
    with pytest.warns(mrrc.BadSubfieldCodeWarning):
        careful = next(mrrc.MARCReader(odd, oversized="scan"))
    assert careful["505"].value() and careful.oversized == Oversized(0, 0, False, True)


def test_scanning_is_bounded_and_good_records_before_damage_survive():
    endless = b"00000nam a2200025 a 4500\x1e" + b"x" * (MAX_SCANNED_RECORD_BYTES + 1000)
    reader = mrrc.MARCReader(GOOD + endless, oversized="scan")
    assert reader.__next__()["001"].data == "good"
    assert reader.__next__() is None
    assert isinstance(reader.current_exception, mrrc.EndOfRecordNotFound)
    assert len(reader.current_chunk) == MAX_SCANNED_RECORD_BYTES
    assert list(reader) == []
    # Without a terminator at the end of the input: the stream ends there.
    short = list(mrrc.MARCReader(GOOD + b"00000nam a2200025 a 4500\x1e" + b"x" * 100, oversized="scan"))
    assert [r is not None for r in short] == [True, False]


def test_damage_that_pymarc_stops_at_is_stepped_over():
    garbage = b"garbage" * 10 + b"\x1d"
    records = list(mrrc.MARCReader(GOOD + garbage + ZEROS + GOOD, oversized="scan"))
    assert [None if r is None else r["001"].data for r in records] == ["good", None, "big0001", "good"]
    assert [type(r).__name__ for r in mrrc.MARCReader(GOOD + garbage + GOOD)] == ["Record", "NoneType"]


def test_the_option_is_checked_and_kept():
    with pytest.raises(ValueError, match="oversized"):
        mrrc.MARCReader(GOOD, oversized="yes")

    class OwnLoop(mrrc.MARCReader):
        def __next__(self):
            return None

    with pytest.raises(ValueError, match="oversized"):
        OwnLoop(GOOD, oversized="scan")
    reader = mrrc.MARCReader(ZEROS + ZEROS, oversized="scan")
    next(reader)
    clone = copy.deepcopy(reader)
    assert next(clone)["001"].data == "big0001"
    assert mrrc.read_all(ZEROS, oversized="scan")[0].oversized is not None


def test_records_not_read_by_oversized_reading_have_no_rescue():
    assert mrrc.Record().oversized is None
    assert next(mrrc.MARCReader(GOOD)).oversized is None
    assert mrrc.Record(GOOD).oversized is None
