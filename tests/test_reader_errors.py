"""Errors carry their position; misuse fails clearly."""

import io
import logging

import pytest
from corpus_files import DATA

import mrrc
from mrrc import exceptions


def test_errors_carry_record_index_and_byte_offset():
    data = (DATA / "pymarc" / "bad_records.mrc").read_bytes()
    reader = mrrc.MARCReader(data)
    seen = []
    offset = 0
    for index, record in enumerate(reader):
        chunk = reader.current_chunk
        if record is None:
            error = reader.current_exception
            assert error.record_index == index
            assert offset <= error.byte_offset < offset + len(chunk)
            assert str(index) in error.detail
            seen.append(type(error).__name__)
        offset += len(chunk)
    assert seen == ["BaseAddressInvalid", "BaseAddressNotFound", "RecordDirectoryInvalid",
                    "UnicodeDecodeError", "ValueError", "NoFieldsFound", "TruncatedRecord"]


def test_base_address_error_points_at_the_leader_field():
    good = (DATA / "pymarc" / "one.dat").read_bytes()
    bad = bytearray(good)
    bad[12:17] = b"00000"
    reader = mrrc.MARCReader(good + bytes(bad))
    assert next(reader) is not None
    assert next(reader) is None
    error = reader.current_exception
    assert isinstance(error, exceptions.BaseAddressNotFound)
    assert error.byte_offset == len(good) + 12
    assert str(error) == "Unable to locate base address of record"


def test_exception_hierarchy_matches_pymarc():
    assert issubclass(exceptions.RecordLengthInvalid, exceptions.FatalReaderError)
    assert issubclass(exceptions.TruncatedRecord, exceptions.FatalReaderError)
    assert issubclass(exceptions.EndOfRecordNotFound, exceptions.FatalReaderError)
    assert issubclass(exceptions.FatalReaderError, exceptions.PymarcException)
    for name in ["RecordLeaderInvalid", "RecordDirectoryInvalid", "NoFieldsFound", "BaseAddressInvalid",
                 "BaseAddressNotFound", "WriteNeedsRecord", "FieldNotFound", "BadLeaderValue"]:
        cls = getattr(exceptions, name)
        assert issubclass(cls, exceptions.PymarcException)
        assert not issubclass(cls, exceptions.FatalReaderError)


def test_fatal_error_stops_for_good():
    reader = mrrc.MARCReader(b"0012X" + (DATA / "pymarc" / "one.dat").read_bytes())
    assert list(reader) == [None]
    assert isinstance(reader.current_exception, exceptions.RecordLengthInvalid)
    with pytest.raises(StopIteration):
        next(reader)
    with pytest.raises(StopIteration):
        next(reader)


def test_truncation_cases_match_pymarc():
    for data, expected in [(b"", []), (b"0012", ["TruncatedRecord"]), (b"0012X", ["RecordLengthInvalid"]),
                           (b"00120cam", ["TruncatedRecord"]), (b"00006 ", ["EndOfRecordNotFound"])]:
        reader = mrrc.MARCReader(data)
        names = []
        for record in reader:
            assert record is None
            names.append(type(reader.current_exception).__name__)
        assert names == expected


def test_text_mode_file_and_wrong_types_are_rejected():
    with open(DATA / "pymarc" / "one.dat", encoding="latin-1") as handle:
        with pytest.raises(TypeError, match="'rb'"):
            mrrc.MARCReader(handle)
    with pytest.raises(TypeError, match="path"):
        mrrc.MARCReader(42)

    class ReturnsText:
        def read(self, n):
            return "00755cam"

    with pytest.raises(TypeError, match="binary"):
        next(mrrc.MARCReader(ReturnsText()))


def test_missing_path_raises_file_not_found():
    with pytest.raises(FileNotFoundError):
        mrrc.MARCReader(DATA / "no-such-file.mrc")


def test_read_after_close_raises_value_error():
    reader = mrrc.MARCReader(DATA / "pymarc" / "test.dat")
    assert next(reader) is not None
    reader.close()
    with pytest.raises(ValueError):
        next(reader)


def test_context_manager_closes_file_object():
    handle = open(DATA / "pymarc" / "test.dat", "rb")
    with mrrc.MARCReader(handle) as reader:
        assert len(list(reader)) == 10
    assert handle.closed


def test_short_reads_from_a_file_object_are_fine():
    data = (DATA / "pymarc" / "test.dat").read_bytes()

    class Trickle(io.RawIOBase):
        def __init__(self):
            self.pos = 0

        def readable(self):
            return True

        def read(self, n=-1):
            piece = data[self.pos : self.pos + 7]
            self.pos += len(piece)
            return piece

    records = list(mrrc.MARCReader(Trickle()))
    assert [r.as_marc() for r in records] == [r.as_marc() for r in mrrc.MARCReader(data)]


def test_errors_from_read_propagate():
    class Broken:
        def read(self, n):
            raise OSError("disk on fire")

    with pytest.raises(OSError, match="disk on fire"):
        next(mrrc.MARCReader(Broken()))


def test_indicator_problems_are_logged_like_pymarc(caplog):
    data = (DATA / "pymarc" / "bad_indicator.dat").read_bytes()
    with caplog.at_level(logging.WARNING, logger="pymarc"):
        records = list(mrrc.MARCReader(data))
    assert records[0] is not None
    messages = [r.getMessage() for r in caplog.records]
    assert any(m.startswith("missing indicators") or m.startswith("only 1 indicator") or
               m.startswith("more than 2 indicators") for m in messages)
