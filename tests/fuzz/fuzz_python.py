"""atheris fuzzing of mrrc's Python API: arbitrary bytes through every
MARCReader backend (bytes, BytesIO, a path, a file object, threads=2),
permissive and not, with str(), as_marc(), as_json() and value() on what it
yields, compared with pymarc 5.4.0 on the bytes backend; and the MARCXML,
MARC-in-JSON and MARCMaker readers. A crash, a hang or an exception outside
the documented ones is a finding.

    bash scripts/fuzz_python.sh [SECONDS]
"""

import io
import json
import os
import sys
import tempfile
import warnings
import xml.sax

try:
    import atheris
except ImportError:  # replaying the regression corpus (tests/test_fuzz_regression.py) needs no atheris
    atheris = None

if atheris is not None:
    with atheris.instrument_imports():
        import mrrc
        import mrrc.marcxml
else:
    import mrrc
    import mrrc.marcxml

try:
    import pymarc
except ImportError:  # pragma: no cover - the oracle needs Python >= 3.10
    pymarc = None

warnings.simplefilter("ignore")
import logging  # noqa: E402

logging.disable(logging.WARNING)

# What a reader may raise for bad input: pymarc's classes, and the builtins pymarc lets through.
EXPECTED = (mrrc.PymarcException, UnicodeError, ValueError, xml.sax.SAXException, KeyError, IndexError)
SCRATCH = os.path.join(tempfile.mkdtemp(prefix="mrrc-atheris-"), "input.mrc")


def text_of(record):
    """str(record); a raw record's control fields are bytes, and pymarc's
    str() then raises TypeError, as mrrc's does."""
    try:
        return str(record)
    except TypeError:
        if record.to_unicode:
            raise
        return "TypeError"


def touch(record):
    text_of(record)
    try:
        record.as_json()
    except TypeError:
        if record.to_unicode:
            raise  # (undecoded values are bytes, which JSON cannot hold: pymarc raises the same)
    try:
        record.as_marc()
    except mrrc.Iso2709LimitExceeded:
        pass
    for field in record.fields:
        try:
            field.value()
        except TypeError:
            if record.to_unicode:
                raise  # (a RawField's value() joins bytes with a str, as pymarc's does)


def outcomes(module, source, **options):
    out = []
    reader = module.MARCReader(source, **options)
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except EXPECTED as error:
            out.append(("raised", type(error).__name__))
            break
        out.append(None if record is None else text_of(record))
        if record is not None and module is mrrc:
            touch(record)
    return out


def read_iso2709(data, flags):
    options = {"permissive": bool(flags & 1), "to_unicode": not flags & 2, "force_utf8": bool(flags & 4),
               "utf8_handling": ("strict", "replace", "ignore")[flags % 3]}
    backend = (flags >> 3) % 5
    if backend == 0:
        ours = outcomes(mrrc, data, **options)
        if pymarc is not None and options["to_unicode"]:
            theirs = outcomes(pymarc, io.BytesIO(data), **options)
            if ours != theirs:
                raise AssertionError(f"mrrc and pymarc differ: {ours[:3]} / {theirs[:3]}")
    elif backend == 1:
        outcomes(mrrc, io.BytesIO(data), **options)
    elif backend in (2, 3):
        with open(SCRATCH, "wb") as out:
            out.write(data)
        if backend == 2:
            outcomes(mrrc, SCRATCH, **options)
        else:
            with open(SCRATCH, "rb") as handle:
                outcomes(mrrc, handle, **options)
    else:
        outcomes(mrrc, data, threads=2, **options)


def read_formats(data, flags):
    kind = flags % 3
    try:
        if kind == 0:
            for record in mrrc.parse_xml_to_array(io.BytesIO(data), strict=bool(flags & 4)):
                touch(record)
        elif kind == 1:
            for record in mrrc.JSONReader(data):
                touch(record)
        else:
            for record in mrrc.MARCMakerReader(io.StringIO(data.decode("utf-8", "replace"))):
                touch(record)
    except (*EXPECTED, json.JSONDecodeError, TypeError, AttributeError):
        # pymarc's JSON and text readers let TypeError/AttributeError through for
        # documents of the wrong shape; mrrc reproduces them
        pass


def test_one_input(data):
    if len(data) < 2:
        return
    flags, rest = data[0], data[1:]
    if flags & 0x80:
        read_formats(rest, flags)
    else:
        read_iso2709(rest, flags)


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
