"""The reader leaves the subfields of ASCII fields in UTF-8 records to be found
when something asks for them (ParseOptions::defer_ascii_subfields): whatever
asks first, a record says and writes exactly what it says once its fields are
listed."""

import io

import pytest
from corpus_files import binary_files

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


@pytest.mark.parametrize("path", binary_files(), ids=lambda p: p.name)
def test_untouched_records_write_as_listed_ones(path):
    with open(path, "rb") as fh:
        untouched = [r for r in mrrc.MARCReader(fh) if r is not None]
    with open(path, "rb") as fh:
        listed = [r for r in mrrc.MARCReader(fh) if r is not None]
    for record in listed:
        record.fields  # every field's subfields listed
    for index, (first, second) in enumerate(zip(untouched, listed)):
        try:
            expected = outputs(second)
        except Exception as error:  # noqa: BLE001 - a record a writer refuses: both refuse alike
            with pytest.raises(type(error)):
                outputs(first)
            continue
        assert outputs(first) == expected, (path.name, index)
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
