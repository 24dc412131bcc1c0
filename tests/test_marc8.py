"""MARC-8 decoding against pymarc 5.4.0: the conversion table test, the API,
random input, and the reader options that involve encodings."""

import contextlib
import io
import random

import pytest
from oracle import DATA, answer, binary_files, compare, outcome, pymarc

import mrrc


def test_pymarc_conversion_table_line_for_line():
    marc8_lines = (DATA / "pymarc" / "test_marc8.txt").read_bytes().splitlines()
    utf8_lines = (DATA / "pymarc" / "test_utf8.txt").read_bytes().splitlines()
    assert len(marc8_lines) == len(utf8_lines) == 1515
    wrong = [n for n, (m8, u8) in enumerate(zip(marc8_lines, utf8_lines))
             if mrrc.marc8_to_unicode(m8).encode("utf-8") != u8]
    assert wrong == []


@pytest.mark.parametrize("text, expected", [
    (b"CO\x1bb2\x1bs is a gas", "CO\u2082 is a gas"),
    (b"\xc7", "\u00df"),
    (b"\xc8", "\u20ac"),
    (b"\xae", "\u02bc"),
    (b"De la solitude \xe1a la communaut\xe2e.", "De la solitude \u00e0 la communaut\u00e9."),
])
def test_documented_conversions(text, expected):
    assert mrrc.marc8_to_unicode(text) == expected


def decoded_with_stderr(function):
    said = io.StringIO()
    with contextlib.redirect_stderr(said):
        result = outcome(function)
    return result, said.getvalue()


def both(function):
    """(pymarc's, mrrc's) function(lib), each with what it wrote to stderr."""
    ours = decoded_with_stderr(lambda: function(mrrc))
    return answer(lambda: decoded_with_stderr(lambda: function(pymarc))), ours


def each_case_as_pymarc(cases, function):
    """The cases for which function(lib, case) differs from pymarc's (its result
    and what it wrote to stderr), compared in one recorded answer."""
    def run(lib):
        return [decoded_with_stderr(lambda case=case: function(lib, case)) for case in cases]
    ours = run(mrrc)
    theirs = answer(lambda: run(pymarc), depth=1, mine=ours)
    return [] if ours == theirs else [case for case, mine, pymarcs in zip(cases, ours, theirs) if mine != pymarcs]


def test_random_byte_strings_decode_like_pymarc():
    rng = random.Random(8)
    alphabet = b"\x1b()$,-1234bgps!#0EN" + bytes(range(0xa0, 0xff, 7)) + b"\x7f\x85\x01 az"
    cases = []
    for _ in range(20_000):
        size = rng.randrange(0, 16)
        data = bytes(rng.choice(alphabet) if rng.random() < 0.8 else rng.randrange(256) for _ in range(size))
        cases.append((data, rng.random() < 0.3))
    assert each_case_as_pymarc(cases, lambda lib, case: lib.marc8_to_unicode(*case)) == []


def test_converter_state_carries_over_like_pymarc():
    def run(lib):
        converter = lib.MARC8ToUnicode(quiet=True)
        return [converter.translate(b"\x1b(NABC"), converter.translate(b"abc"), converter.g0, converter.g1,
                converter.translate(b""), lib.MARC8ToUnicode.basic_latin, lib.MARC8ToUnicode.ansel]

    pymarc_result, mrrc_result = both(run)
    assert mrrc_result == pymarc_result


MARC8_FILES = [p for p in binary_files() if any(b == 0x20 for b in p.read_bytes()[9:10])]


def test_there_are_many_marc8_files():
    assert len(MARC8_FILES) >= 60


@pytest.mark.parametrize("options", [{"hide_utf8_warnings": True}, {"file_encoding": "cp1251"},
                                     {"force_utf8": True, "utf8_handling": "replace"}],
                         ids=lambda o: ",".join(f"{k}={v}" for k, v in o.items()))
def test_marc8_files_with_encoding_options(options):
    for path in MARC8_FILES:
        assert compare(path.read_bytes(), **options) == [], path


def test_raw_records_and_map_marc8_record():
    data = (DATA / "pymarc" / "marc8.dat").read_bytes()

    def run(lib):
        record = next(iter(lib.MARCReader(data, to_unicode=False)))
        raw = [(f.tag, f.data if f.control_field else [tuple(s) for s in f.subfields]) for f in record.fields]
        as_raw_marc = record.as_marc()
        mapped = lib.map_marc8_record(record)
        return [raw, as_raw_marc, str(mapped), mapped.as_marc(), type(mapped.fields[-1]).__name__]

    pymarc_result, mrrc_result = both(run)
    assert mrrc_result == pymarc_result


def test_cp1251_file_encoding():
    data = (DATA / "pymarc" / "1251.dat").read_bytes()
    assert compare(data, file_encoding="cp1251") == []
    record = next(iter(mrrc.MARCReader(data, file_encoding="cp1251")))
    assert any("\u0400" <= ch <= "\u04ff" for ch in str(record))  # Cyrillic came through


def test_utf8_without_leader_flag():
    data = (DATA / "pymarc" / "utf8_without_leader_flag.dat").read_bytes()
    assert compare(data) == []
    assert compare(data, force_utf8=True) == []
    assert compare(data, force_utf8=True, hide_utf8_warnings=True) == []


def test_text_that_is_already_str_goes_through_the_tables_as_in_pymarc():
    # pymarc compares str with bytes, so no escape matches and every character is looked up
    rng = random.Random(1883)
    alphabet = [chr(c) for c in range(0x100)] + ["\u263a", "\u4e2d", "\U0001f600", "\ud800", "\u2603"]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(3000)]
    assert each_case_as_pymarc(texts, lambda lib, text: lib.marc8_to_unicode(text)) == []
    for g0 in (0x31, 0x32, 0x4E):  # EACC reads three characters at a time
        assert each_case_as_pymarc(texts, lambda lib, text, g=g0: lib.MARC8ToUnicode(G0=g).translate(text)) == []


def test_map_marc8_record_on_a_record_already_decoded():
    path = DATA / "marc4j" / "brkrtest_UTF8.mrc"
    def mapped(module):
        records = [r for r in module.MARCReader(io.BytesIO(path.read_bytes())) if r is not None]
        return [decoded_with_stderr(lambda r=r: str(module.map_marc8_record(r))) for r in records]
    ours = mapped(mrrc)
    assert ours == answer(lambda: mapped(pymarc)) and len(ours) > 3
