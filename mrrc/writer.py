"""Writers with pymarc's output and close(close_fh=True) semantics."""

import json
import os

from mrrc._core import Iso2709File, record_json, write_iso2709
from mrrc.exceptions import WriteNeedsRecord
from mrrc.marcxml import _overrides_iteration, _xml_bytes, record_to_xml_node  # noqa: F401  (pymarc.writer exposes record_to_xml_node)
from mrrc.record import Record


class Writer:
    """Base class of the writers: holds the file handle and checks that what is
    written is a Record."""

    def __init__(self, file_handle):
        """`file_handle`: where records are written."""
        self.file_handle = file_handle

    def write(self, record):
        """Check that `record` is a Record (``WriteNeedsRecord`` otherwise); subclasses write it."""
        if not isinstance(record, Record):
            raise WriteNeedsRecord

    def close(self, close_fh=True):
        """Close the writer; the file handle too unless close_fh is False."""
        if close_fh and self.file_handle:
            self.file_handle.close()
        self.file_handle = None

    def __enter__(self):
        """Beyond pymarc: a writer is a context manager, closed (with its file) at the end of the block."""
        return self

    def __exit__(self, *exc_info):
        if self.file_handle is not None:
            self.close()


class MARCWriter(Writer):
    """Writes ISO 2709: UTF-8 as pymarc does, or MARC-8 with encoding="marc8".

    `file_handle` is a binary file object, written once per record as pymarc
    writes it; or, beyond pymarc, a path (``str`` or ``os.PathLike``), which
    mrrc creates and writes on a C++ thread in batches: then ``flush()`` or
    ``close()`` (or leaving a ``with`` block) puts every record in the file."""

    def __init__(self, file_handle, encoding=None, allow_oversized=False):
        """`file_handle`: a binary file or a path; `encoding`: None (UTF-8, as pymarc) or ``"marc8"``.
        `allow_oversized` (beyond pymarc): write records past the ISO 2709
        limits (a field over 9,999 bytes, a record over 99,999) with each
        length or offset that does not fit as zeros, ruby-marc's convention,
        which ``MARCReader(..., oversized="scan")`` reads back; without it such
        a record raises FieldTooLong or RecordTooLong and nothing of it is written."""
        if isinstance(file_handle, (str, os.PathLike)):
            file_handle = Iso2709File(file_handle)
        super().__init__(file_handle)
        self.encoding = encoding
        self.allow_oversized = bool(allow_oversized)

    write = write_iso2709

    def flush(self):
        """Put every record written so far in the file (the file object's own
        flush(), when it has one)."""
        flush = getattr(self.file_handle, "flush", None)
        if flush is not None:
            flush()

    def close(self, close_fh=True):
        """Close the writer and the file handle (unless close_fh is False). A file
        mrrc opened from a path is always closed: nobody else holds it."""
        if isinstance(self.file_handle, Iso2709File):
            close_fh = True
        Writer.close(self, close_fh)


def write_all(records, destination, encoding=None, threads=None, allow_oversized=False):
    """Beyond pymarc, the partner of read_all: write every record of an iterable
    as ISO 2709 (UTF-8, or MARC-8 with encoding="marc8") to a path or a binary
    file object, serialised in C++ in batches on `threads` threads (default
    MRRC_THREADS, else 1; 0 = all cores), and return how many were written.
    Bytes are those MARCWriter writes. If a record cannot be written, the
    records before it are in the output and the exception has `record_index`.
    A file object is left open; a path is closed when this returns.
    `allow_oversized`: as MARCWriter's."""
    from mrrc.reader import resolve_threads

    threads = resolve_threads(threads)
    if isinstance(destination, (str, os.PathLike)):
        sink = Iso2709File(destination, threads=threads)
    else:
        sink = Iso2709File(threads=threads, handle=destination)
    try:
        count = sink.write_records(records, encoding, allow_oversized)
    finally:
        sink.close()
    flush = getattr(destination, "flush", None)
    if flush is not None:
        flush()
    return count


class TextWriter(Writer):
    """Writes records' MARCMaker text, separated by blank lines, to a text handle."""

    def __init__(self, file_handle):
        """`file_handle`: a text file."""
        super().__init__(file_handle)
        self.write_count = 0

    def write(self, record):
        """Write the record's MARCMaker text, after a blank line if it is not the first."""
        Writer.write(self, record)
        if self.write_count > 0:
            self.file_handle.write("\n")
        self.file_handle.write(str(record))
        self.write_count += 1


def _json_text(record):
    """The compact JSON of a record read by mrrc, from C++; None when the
    record (or a subclass's as_dict or iteration) says otherwise."""
    cls = type(record)
    if cls is not Record and (_overrides_iteration(cls) or cls.as_dict is not Record.as_dict):
        return None
    return record_json(record, True)


class JSONWriter(Writer):
    """Writes a JSON array of MARC-in-JSON records to a text handle; close() ends the array."""

    def __init__(self, file_handle):
        """`file_handle`: a text file; the opening ``[`` is written at once."""
        super().__init__(file_handle)
        self.write_count = 0
        if self.file_handle:
            self.file_handle.write("[")

    def write(self, record):
        """Write the record's ``as_dict()`` as compact JSON, after a comma if it is not the first."""
        Writer.write(self, record)
        if self.file_handle:
            if self.write_count > 0:
                self.file_handle.write(",")
            text = _json_text(record)
            if text is None:
                json.dump(record.as_dict(), self.file_handle, separators=(",", ":"))
            else:
                self.file_handle.write(text)
            self.write_count += 1

    def close(self, close_fh=True):
        """End the JSON array with ``]``, then close as ``Writer.close`` does."""
        if self.file_handle:
            self.file_handle.write("]")
        Writer.close(self, close_fh)


class XMLWriter(Writer):
    """Writes a MARCXML collection (UTF-8) to a binary file handle: the XML
    declaration and <collection> now, one <record> per write(), and
    </collection> at close(), which must be called for a complete document."""

    def __init__(self, file_handle):
        super().__init__(file_handle)
        if self.file_handle:
            self.file_handle.write(b'<?xml version="1.0" encoding="UTF-8"?>')
            self.file_handle.write(b'<collection xmlns="http://www.loc.gov/MARC21/slim">')

    def write(self, record):
        Writer.write(self, record)
        if self.file_handle:
            self.file_handle.write(_xml_bytes(record, False, False, False))

    def close(self, close_fh=True):
        if self.file_handle:
            self.file_handle.write(b"</collection>")
        Writer.close(self, close_fh)
