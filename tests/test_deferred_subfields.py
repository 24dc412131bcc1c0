"""The reader leaves the subfields of fields in UTF-8 records that have nothing
to check (ASCII, or in a data area of valid UTF-8 with ASCII subfield codes)
to be found when something asks for them (ParseOptions::defer_subfields): whatever
asks first, a record says and writes exactly what it says once its fields are
listed."""

import io

import pytest
from corpus_files import binary_files
from oracle import answer, compare, pymarc

import mrrc


def outputs(record):
    """Everything written from a record, through each writer and method."""
    written = {}
    for name, writer_class in (("marc", mrrc.MARCWriter), ("xml", mrrc.XMLWriter), ("json", mrrc.JSONWriter),
                               ("text", mrrc.TextWriter)):
        out = io.BytesIO() if name in ("marc", "xml") else io.StringIO()
        writer = writer_class(out)
        writer.write(record)
        writer.close(close_fh=False)
        written[name] = out.getvalue()
    written["as_marc"] = record.as_marc()
    written["as_marc8"] = record.as_marc(encoding="marc8")
    written["as_dict"] = record.as_dict()
    written["str"] = str(record)
    return written


def described(record):
    return [(f.tag, f.indicators, list(f.subfields), f.value()) if not f.is_control_field() else (f.tag, f.data)
            for f in record.fields]


def untouched_and_listed(path):
    """The file's records read twice: untouched, and with every field's subfields listed."""
    read = []
    for _ in range(2):
        with open(path, "rb") as fh:
            read.append([r for r in mrrc.MARCReader(fh) if r is not None])
    for record in read[1]:
        for field in record.fields:
            field.subfields
    return read


@pytest.mark.parametrize("path", binary_files(), ids=lambda p: p.name)
def test_untouched_records_write_as_listed_ones(path):
    untouched, listed = untouched_and_listed(path)
    for index, (first, second) in enumerate(zip(untouched, listed)):
        try:
            expected = outputs(second)
        except Exception as error:  # noqa: BLE001 - a record a writer refuses: both refuse alike
            with pytest.raises(type(error)):
                outputs(first)
            continue
        assert outputs(first) == expected, (path.name, index)
        assert described(first) == described(second), (path.name, index)


@pytest.mark.parametrize("path", binary_files(), ids=lambda p: p.name)
def test_value_asked_first_is_the_listed_fields_value(path):
    """value() of a field whose subfields were never listed is made from its bytes."""
    untouched, listed = untouched_and_listed(path)
    for index, (first, second) in enumerate(zip(untouched, listed)):
        values = [f.value() for f in first.fields]  # before anything lists them
        expected = [" ".join(s.value.strip() for s in f.subfields) if not f.is_control_field() else f.data or ""
                    for f in second.fields]
        assert values == expected, (path.name, index)
        assert described(first) == described(second), (path.name, index)


def iso2709(fields):
    """ISO 2709 bytes of (tag, field bytes) pairs, lengths and offsets computed."""
    directory, body = b"", b""
    for tag, data in fields:
        directory += tag + b"%04d%05d" % (len(data) + 1, len(body))
        body += data + b"\x1e"
    base = 24 + len(directory) + 1
    return b"%05dnam a22%05d a 4500" % (base + len(body) + 1, base) + directory + b"\x1e" + body + b"\x1d"


def test_one_field_touched_first():
    data = iso2709([(b"001", b"id-01"), (b"245", b"10\x1faTitle :\x1fbsub\x1f\x1f\x1fcby\x1f"),
                    (b"500", b"  \x1fanote")])
    record = next(iter(mrrc.MARCReader(io.BytesIO(data))))
    assert record["245"]["b"] == "sub"  # this field listed alone
    assert record["245"].subfields == [("a", "Title :"), ("b", "sub"), ("c", "by")]
    assert record["500"].value() == "note"
    assert record.as_marc() == next(iter(mrrc.MARCReader(io.BytesIO(data)))).as_marc()
    assert b"\x1f\x1f" not in record.as_marc()  # empty chunks dropped, as pymarc drops them


def test_value_from_the_bytes_of_an_unlisted_field():
    data = iso2709([(b"001", b"id-01"), (b"245", b"10\x1fa  Title :\x1f\x1fbsub \x1f\x1fc\x1fd\t by\x0b"),
                    (b"500", b"  \x1f"), (b"650", b" 0"), (b"700", b"1 \x1fa" + b"x " * 400 + b"\x1fbend")])
    record = next(iter(mrrc.MARCReader(io.BytesIO(data))))
    assert [f.value() for f in record.fields] == ["id-01", "Title : sub  by", "", "", ("x " * 400).strip() + " end"]
    assert record["245"].subfields == [("a", "  Title :"), ("b", "sub "), ("c", ""), ("d", "\t by\x0b")]
    assert [f.value() for f in record.fields] == answer(
        lambda: [f.value() for f in next(iter(pymarc.MARCReader(io.BytesIO(data)))).fields])


def non_ascii_records():
    """UTF-8 records whose text is not ASCII: valid throughout (its fields wait),
    with a subfield code that is not ASCII, and with a field whose directory
    length ends inside a character (both read the way that checks every value)."""
    valid = iso2709([(b"001", b"id-02"),
                     (b"245", b"10\x1faCaf\xc3\xa9 :\x1fb\xe4\xb8\xad\xe6\x96\x87 \x1f\x1fc\xd0\x9c\x1f"),
                     (b"500", b"  \x1fanote"), (b"880", b"10\x1f6245-01\x1fa\xd0\x9c\xd0\xb8\xd1\x80 ")])
    coded = iso2709([(b"245", b"10\x1faCaf\xc3\xa9"), (b"500", b"  \x1f\xc3\xa9x")])
    cut = bytearray(iso2709([(b"245", b"10\x1faCaf\xc3\xa9"), (b"500", b"  \x1fanote")]))
    cut[27:31] = b"0009"  # 245 ends between 0xC3 and 0xA9
    return [valid, coded, bytes(cut)]


@pytest.mark.parametrize("handling", ["strict", "replace", "ignore"])
def test_non_ascii_records_read_as_pymarc_reads_them(handling):
    data = b"".join(non_ascii_records())
    assert compare(data, utf8_handling=handling) == []


def test_non_ascii_fields_written_untouched_as_listed():
    for data in non_ascii_records():
        untouched, listed = (next(iter(mrrc.MARCReader(io.BytesIO(data), utf8_handling="replace"))) for _ in range(2))
        for field in listed.fields:
            field.subfields
        assert outputs_or_error(untouched) == outputs_or_error(listed)
        assert [f.value() for f in untouched.fields] == [f.value() for f in listed.fields]


def outputs_or_error(record):
    """outputs(), or the error a writer refuses the record with (U+FFFD has no MARC-8 form)."""
    try:
        return outputs(record)
    except Exception as error:  # noqa: BLE001 - compared: both must refuse alike
        return type(error), str(error)
