"""Field.value() asked for before anything else of a field: mrrc makes it in
C++ from the record's bytes (from the subfields' spans, or from the bytes of a
field whose subfields were never listed), stripping Python's white space at
the byte level, and must give pymarc 5.4.0's str."""

import io
import warnings

import pytest
from corpus_files import binary_files
from oracle import answer, pymarc
from str_layout import width

import mrrc


def values_first(module, data, **options):
    """Each record's fields' value(), asked for first, in reading order (None
    for a record the reader skips, the exception's class for one it refuses)."""
    out = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = module.MARCReader(io.BytesIO(data), **options)
        while True:
            try:
                record = next(reader)
            except StopIteration:
                break
            except Exception as error:  # noqa: BLE001 - compared with pymarc's
                out.append(type(error).__name__)
                break
            out.append(None if record is None else [f.value() for f in record.get_fields()])
    return out


@pytest.mark.parametrize("handling", ["strict", "replace", "ignore"])
@pytest.mark.parametrize("path", binary_files(), ids=lambda p: p.name)
def test_every_corpus_field_value_asked_first(path, handling):
    data = path.read_bytes()
    options = {"utf8_handling": handling}
    assert values_first(mrrc, data, **options) == answer(lambda: values_first(pymarc, data, **options))


def iso2709(fields, coding=b"a"):
    """ISO 2709 bytes of (tag, field bytes) pairs, lengths and offsets computed."""
    directory, body = b"", b""
    for tag, data in fields:
        directory += tag + b"%04d%05d" % (len(data) + 1, len(body))
        body += data + b"\x1e"
    base = 24 + len(directory) + 1
    leader = b"%05dnam %s22%05d a 4500" % (base + len(body) + 1, coding, base)
    return leader + directory + b"\x1e" + body + b"\x1d"


NBSP, IDEOGRAPHIC, LINE_SEPARATOR, NEXT_LINE = "\u00a0", "\u3000", "\u2028", "\u0085"
VALUES = [
    f"{NBSP}Caf\u00e9{NBSP}", f"{IDEOGRAPHIC}\u6771\u4eac{IDEOGRAPHIC}", f"{LINE_SEPARATOR} x {NEXT_LINE}",
    f"\u00e9{NBSP}", f"{NBSP}", f" {NBSP} \u2009", "\u2009\u200b", "\u00e9", "\u0301e", f"\u0416{NBSP}\u0416",
]
BROKEN = [b"\xff caf\xc3\xa9", b"caf\xc3\xa9 \xff", b" \xc2", b"\xc2\xa0\xff", b"\xe2\x80\xa8\xe2\x80",
          b"\xe3\x80\x80\xed\xa0\x80", b"\xf0\x9f\x98", b"\x80 x", b"x \xc0\xa0", b"\xe2\x80\x80\xe2\x80\x80"]


@pytest.mark.parametrize("handling", ["strict", "replace", "ignore"])
@pytest.mark.parametrize("value", VALUES + BROKEN, ids=repr)
def test_unicode_white_space_and_broken_bytes_at_the_ends(value, handling):
    raw = value.encode("utf-8") if isinstance(value, str) else value
    data = iso2709([(b"001", b"id"), (b"245", b"10\x1fa" + raw + b"\x1fb" + raw),
                    (b"500", b"  \x1fa" + raw), (b"650", b" 0\x1fa plain \x1fx" + raw + b" ")])
    options = {"utf8_handling": handling}
    assert values_first(mrrc, data, **options) == answer(lambda: values_first(pymarc, data, **options))
    # After a subfield code that is not ASCII the reader's UTF-8 checks of the record stop.
    data = iso2709([(b"245", b"10\x1f\xc3\xa9" + raw + b"\x1fb" + raw), (b"500", b"  \x1fa" + raw)])
    assert values_first(mrrc, data, **options) == answer(lambda: values_first(pymarc, data, **options))


# Text of each width a str can have: one byte a character beyond ASCII, two, four.
WIDTHS = ["caf\u00e9 \u00ff\u0080", "\u0100\u017e \u0430\u0431\u0432", "\u4e2d\u6587 \uffff \u00e9",
          "\U0001F4DA books \U0010FFFF", "\u00e9\u4e2d\U0001F4DA\u0416", "abcdefgh\u00e9abcdefgh\u0416"]


@pytest.mark.parametrize("handling", ["strict", "replace"])
@pytest.mark.parametrize("value", WIDTHS, ids=repr)
def test_text_of_each_width_is_the_str_python_makes(value, handling):
    # Valid UTF-8 is turned into a str of its final width in one step (utf8_text.hpp);
    # it must be Python's own str: equal, and as narrow (the same bytes a character).
    raw = value.encode("utf-8")
    data = iso2709([(b"001", raw), (b"245", b"10\x1fa" + raw + b"\x1fb" + raw), (b"500", b"  \x1fa " + raw + b" ")])
    record = next(mrrc.MARCReader(io.BytesIO(data), utf8_handling=handling))
    made = [record["001"].data, record["245"].value(), record["245"]["b"], record["500"].value(),
            record["245"].subfields[0].value, record["500"].subfields[0].value]
    expected = [value, f"{value} {value}", value, value, value, f" {value} "]
    assert made == expected
    assert [width(text) for text in made] == [width(text) for text in expected]
    assert [text.isascii() for text in made] == [text.isascii() for text in expected]  # (str's ASCII flag)
    assert [hash(text) for text in made] == [hash(text) for text in expected]
