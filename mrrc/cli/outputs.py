"""Outputs of the command line: the library's own writers, over stdout or a
file, so that what ``mrrc convert`` writes is byte for byte what those
writers write."""

import io
import os
import sys

import click

from mrrc._core import record_text
from mrrc.cli.inputs import FileError
from mrrc.marcjson import NDJSONWriter
from mrrc.mrk import MrkWriter
from mrrc.writer import JSONWriter, MARCWriter, XMLWriter

STDOUT = "-"
SUFFIXES = {"marc": ".mrc", "xml": ".xml", "json": ".json", "ndjson": ".ndjson", "mrk": ".mrk", "text": ".txt"}
TEXT_WRITERS = {"json": JSONWriter, "ndjson": NDJSONWriter}
ENCODINGS = ("utf8", "marc8")


def check_encoding(format, encoding):
    """--encoding applies to ISO 2709 and .mrk output only."""
    if encoding is not None and format not in ("marc", "mrk"):
        raise click.UsageError(f"--encoding applies to --to marc and --to mrk, not to --to {format}")


class TextBytesWriter:
    """pymarc's TextWriter, writing UTF-8 bytes to a binary stream: each
    record's str() (from C++ for records as read, so no text is decoded and
    encoded again), a newline between records. The bytes are TextWriter's."""

    def __init__(self, binary):
        self.file_handle = binary
        self.write_count = 0

    def write(self, record):
        data = record_text(record, True)
        if data is None:
            data = str(record).encode("utf-8")
        if self.write_count:
            self.file_handle.write(b"\n")
        self.file_handle.write(data)
        self.write_count += 1

    def close(self, close_fh=True):
        if close_fh:
            self.file_handle.close()


def make_writer(format, binary, encoding=None):
    """The library's writer of `format` over a binary stream, and the text
    layer put between them for the writers of text (None for the others)."""
    if format == "marc":
        return MARCWriter(binary, encoding="marc8" if encoding == "marc8" else None), None
    if format == "xml":
        return XMLWriter(binary), None
    if format == "mrk":
        return MrkWriter(binary, encoding={"marc8": "marc8", "utf8": "utf-8"}.get(encoding)), None
    if format == "text":
        return TextBytesWriter(binary), None
    # newline="": the writers' "\n" is written as it is, on every platform.
    text = io.TextIOWrapper(binary, encoding="utf-8", newline="")
    return TEXT_WRITERS[format](text), text


class Output:
    """A writer of one format over stdout or a file (closed by close() only
    if this object opened it)."""

    def __init__(self, format, target=STDOUT, encoding=None):
        self.format = format
        self.owned = target != STDOUT
        if self.owned:
            try:
                self.binary = open(target, "wb")  # noqa: SIM115 - closed by close()
            except OSError as error:
                raise FileError(f"{target}: {error.strerror or error}") from None
        else:
            self.binary = sys.stdout.buffer
        self.writer, self.text = make_writer(format, self.binary, encoding)
        self.written = 0

    def write(self, record):
        self.writer.write(record)
        self.written += 1

    def close(self):
        """End the document (``]``, ``</collection>``) and flush; close the file if it is ours."""
        self.writer.close(close_fh=False)
        if self.text is not None:
            self.text.flush()
            self.text.detach()
        if self.owned:
            self.binary.close()
        else:
            self.binary.flush()


def document(format, records, encoding=None):
    """The bytes the writer of `format` writes for these records."""
    buffer = io.BytesIO()
    writer, text = make_writer(format, buffer, encoding)
    for record in records:
        writer.write(record)
    writer.close(close_fh=False)
    if text is not None:
        text.flush()
    return buffer.getvalue()


def part_name(prefix, number, format, digits=4):
    return f"{prefix}{number:0{digits}d}{SUFFIXES[format]}"


def ensure_directory(prefix):
    directory = os.path.dirname(prefix)
    if directory:
        os.makedirs(directory, exist_ok=True)
