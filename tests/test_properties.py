"""Property-based round trips (hypothesis): any record built in Python comes
back field for field from as_marc(), in UTF-8 and in MARC-8."""

import json
import unicodedata

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="hypothesis is a test dependency (pip install '.[test]')")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from str_layout import width  # noqa: E402

import mrrc  # noqa: E402

TAGS = st.from_regex(r"\A[0-9]{3}\Z", fullmatch=True)
CODES = st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789")
INDICATORS = st.sampled_from(" 0123456789")
# Text without separators and controls (they cannot appear inside ISO 2709 values).
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
LATIN = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789.,;:-/()éèêëàâäçñöüßøæłđ"), max_size=40)


def records(text):
    control = st.builds(lambda tag, data: mrrc.Field(f"00{tag[2]}", data=data),
                        TAGS, st.text(st.sampled_from("abcdef 0123456789|"), max_size=20))
    data = st.builds(
        lambda tag, i1, i2, subfields: mrrc.Field(
            tag if tag >= "010" else "245", mrrc.Indicators(i1, i2), [mrrc.Subfield(c, v) for c, v in subfields]),
        TAGS, INDICATORS, INDICATORS, st.lists(st.tuples(CODES, text), min_size=1, max_size=5))
    return st.lists(st.one_of(control, data), min_size=1, max_size=12)


def shape(record):
    return [(f.tag, f.data) if f.control_field else (f.tag, tuple(f.indicators), [tuple(s) for s in f.subfields])
            for f in record.fields]


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(records(TEXT))
def test_utf8_round_trip(fields):
    record = mrrc.Record()
    record.add_field(*fields)
    back = next(iter(mrrc.MARCReader(record.as_marc())))
    assert back is not None
    assert shape(back) == shape(record)
    assert back.as_marc() == record.as_marc()  # and the untouched copy serialises identically from C++


# Values of any width (one byte a character beyond ASCII, two, four), long
# enough to cross the 16-byte steps of utf8_text.hpp's measuring and decoding.
WIDE = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=120)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(WIDE, st.lists(WIDE, min_size=1, max_size=4))
def test_text_read_back_is_pythons_own_str(data, values):
    record = mrrc.Record()
    record.add_field(mrrc.Field("001", data=data),
                     mrrc.Field("500", mrrc.Indicators(" ", " "), [mrrc.Subfield("a", v) for v in values]))
    back = next(iter(mrrc.MARCReader(record.as_marc())))
    value = back["500"].value()  # asked for first: made from the record's bytes
    made = [back["001"].data, value, back["500"]["a"]] + [s.value for s in back["500"].subfields]
    expected = [data, " ".join(v.strip() for v in values), values[0]] + values
    assert made == expected
    # As narrow as Python's own str of the same text (bytes a character, ASCII flag), and the same hash.
    assert [width(text) for text in made] == [width(text) for text in expected]
    assert [text.isascii() for text in made] == [text.isascii() for text in expected]  # (str's ASCII flag)
    assert [hash(text) for text in made] == [hash(text) for text in expected]


def nfc_shape(record):
    """shape(), with subfield values in NFC (how MARC-8 text reads back, as in pymarc)."""
    out = []
    for entry in shape(record):
        if len(entry) == 2:
            out.append(entry)
        else:
            tag, indicators, subfields = entry
            out.append((tag, indicators, [(code, unicodedata.normalize("NFC", value)) for code, value in subfields]))
    return out


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(records(LATIN))
def test_marc8_round_trip(fields):
    record = mrrc.Record()
    record.add_field(*fields)
    back = next(iter(mrrc.MARCReader(record.as_marc(encoding="marc8"))))
    assert back is not None
    assert shape(back) == nfc_shape(record)


# Any character at all, controls included: MARC-in-JSON and MARCXML writers
# must escape (or, as pymarc does, pass through) whatever a value holds.
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(records(ANY_TEXT))
def test_json_round_trip_in_both_forms(fields):
    record = mrrc.Record()
    record.add_field(*fields)
    read = next(iter(mrrc.MARCReader(record.as_marc())))  # a record whose JSON is written in C++
    for source in (record, read):
        text = source.as_json()
        assert text == json.dumps(source.as_dict())  # the C++ writer is json.dumps exactly
        back = next(iter(mrrc.JSONReader(text)))
        assert shape(back) == shape(source)  # (a value holding 0x1F comes back from ISO 2709 split, as in pymarc)
        assert mrrc.parse_json_to_array(text)[0].as_marc() == source.as_marc()


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(records(TEXT))
def test_marcmaker_text_reads_back_as_pymarc_reads_it(fields):
    pymarc = pytest.importorskip("pymarc", reason="the oracle, pymarc 5.4.0, needs Python >= 3.10")
    record = mrrc.Record()
    record.add_field(*fields)
    text = str(record)  # "$" in a value, or blanks written as "\", are read back as pymarc reads them
    ours = [str(r) for r in mrrc.MARCMakerReader(text)]
    assert ours == [str(r) for r in pymarc.MARCMakerReader(text)]
