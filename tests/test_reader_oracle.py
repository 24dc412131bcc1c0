"""Every binary file in tests/data read by pymarc 5.4.0 and by mrrc: the same
records, Nones, exceptions, chunks, leaders, fields, str() and as_marc()."""

import io

import pytest
from oracle import answer, binary_files, compare, pymarc, run_reader

import mrrc

FILES = binary_files()


def test_corpus_is_present():
    assert len(FILES) >= 150


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(p.parents[1])))
def test_file_matches_pymarc(path):
    assert compare(path.read_bytes()) == []


@pytest.mark.parametrize("path", FILES[::7], ids=lambda p: p.name)
def test_path_file_object_and_bytes_inputs_agree(path):
    data = path.read_bytes()
    from_bytes = run_reader(mrrc, data)
    assert run_reader(mrrc, str(path)) == from_bytes
    assert run_reader(mrrc, path) == from_bytes
    with open(path, "rb") as handle:
        assert run_reader(mrrc, handle) == from_bytes
    assert run_reader(mrrc, io.BytesIO(data)) == from_bytes
    assert run_reader(mrrc, bytearray(data)) == from_bytes


@pytest.mark.parametrize("options", [{"utf8_handling": "replace"}, {"utf8_handling": "ignore"}, {"force_utf8": True}])
def test_reader_options_match_pymarc(options):
    for path in FILES:
        assert compare(path.read_bytes(), **options) == [], path


def test_well_formed_utf8_records_round_trip_byte_for_byte():
    checked = 0
    for path in FILES:
        data = path.read_bytes()
        reader = mrrc.MARCReader(data)
        records = list(reader)
        if any(r is None for r in records) or not records:
            continue
        if any(str(r.leader)[9] != "a" for r in records):
            continue
        output = b"".join(r.as_marc() for r in records)
        # (filed by the file's name: which files get here depends on mrrc's reading)
        assert output == answer(lambda d=data: b"".join(r.as_marc() for r in pymarc.MARCReader(d)),
                                label=path.relative_to(path.parents[1]).as_posix()), path
        if output == data:
            checked += 1
    assert checked >= 60  # files whose bytes are reproduced exactly
