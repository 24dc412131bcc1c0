"""Running the mrrc command line as a real subprocess, and what the library
itself gives for the same files (to compare with)."""

import io
import os
import pathlib
import subprocess
import sys

from corpus_files import DATA

import mrrc
from mrrc.marcjson import NDJSONReader, NDJSONWriter
from mrrc.marcxml import XMLReader
from mrrc.mrk import MrkReader, MrkWriter

# Files of every kind, each with the format the command line must find in it.
BINARY = ["pymarc/test.dat", "pymarc/marc8.dat", "marc4j/pride-and-prejudice-fixed.mrc", "marc4j/brkrtest.mrc",
          "traject/george_eliot.marc", "yaz/marccol2.u8.marc", "ruby-marc/utf8_multirecord.marc",
          "pymarc/utf8_with_leader_flag.dat"]
BAD = "marc4j/pride-and-prejudice-with-many-errors.mrc"
XML = ["pymarc/batch.xml", "marc4j/summerland.xml", "ruby-marc/batch.xml", "yaz/marc1.xml"]
JSON = ["pymarc/batch.json", "pymarc/one.json"]
MRK = ["marc4j/brkrtest.mrk", "marc4j/brkrtest.mrk8"]


def existing(names):
    return [name for name in names if (DATA / name).exists()]


def mrrc_run(*args, stdin=None, cwd=DATA, timeout=120, env=None):
    """`python -m mrrc ARGS` (what the console script runs), from tests/data."""
    environment = None if env is None else {**os.environ, **env}
    return subprocess.run([sys.executable, "-m", "mrrc", *map(str, args)], input=stdin, capture_output=True,
                          cwd=cwd, timeout=timeout, env=environment)


def library_records(name, format=None):
    """The records (bad ones left out) the library's reader gives for a file."""
    path = DATA / name if not pathlib.Path(name).is_absolute() else pathlib.Path(name)
    format = format or {".xml": "xml", ".json": "json", ".ndjson": "ndjson", ".mrk": "mrk",
                        ".mrk8": "mrk"}.get(path.suffix, "marc")
    if format == "marc":
        return [r for r in mrrc.MARCReader(str(path)) if r is not None]
    if format == "xml":
        return list(XMLReader(str(path)))
    if format == "json":
        return list(mrrc.JSONReader(str(path)))
    if format == "ndjson":
        return [r for r in NDJSONReader(str(path)) if r is not None]
    return list(MrkReader(str(path)))


def library_output(records, format, encoding=None):
    """What the library's writer of `format` writes for these records."""
    buffer = io.BytesIO()
    if format == "marc":
        writer = mrrc.MARCWriter(buffer, encoding=encoding)
    elif format == "xml":
        writer = mrrc.XMLWriter(buffer)
    elif format == "mrk":
        writer = MrkWriter(buffer, encoding=encoding)
    else:
        text = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
        writer = {"json": mrrc.JSONWriter, "ndjson": NDJSONWriter, "text": mrrc.TextWriter}[format](text)
    for record in records:
        writer.write(record)
    writer.close(close_fh=False)
    if format in ("json", "ndjson", "text"):
        text.flush()
    return buffer.getvalue()
