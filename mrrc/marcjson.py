"""MARC-in-JSON (pymarc.marcjson): JSONHandler and parse_json_to_array with
pymarc's results, and newline-delimited MARC-in-JSON (beyond pymarc).

Documents of the usual shape are read by the C++ core (Boost.JSON, GIL
released) into lazy records; anything else goes through pymarc's own steps on
Python's json module, so records and exceptions are pymarc's either way.
Writing: Record.as_json, Record.as_dict, writer.JSONWriter, and NDJSONWriter.
"""

import io
import json
import os

from mrrc._core import lazy_record, read_json_lines
from mrrc._text_readers import record_from_json
from mrrc.field import Field, Indicators  # noqa: F401  (pymarc.marcjson exposes these)
from mrrc.leader import Leader
from mrrc.reader import JSONReader
from mrrc.record import Record
from mrrc.writer import Writer, _json_text


class JSONHandler:
    """pymarc's builder of records from loaded MARC-in-JSON objects (dicts
    and lists as Python's json gives them). ``elements()`` builds a record per
    object and passes each to ``process_record``, which appends it to
    ``records`` unless a subclass does otherwise. Like pymarc's, it takes the
    last key of each field and subfield object, removing it (``popitem``)."""

    def __init__(self):
        self.records = []
        self._record = None
        self._field = None
        self._text = []

    def element(self, element_dict, name=None):
        """Build from one object: a whole record (no `name`), or its "leader",
        "fields" or a field's "subfields"."""
        if not name:
            self._record = Record()
            self.element(element_dict, "leader")
        elif name == "leader" and self._record:
            self._record.leader = Leader(element_dict[name])
            self.element(element_dict, "fields")
        elif name == "fields" and self._record:
            for field in iter(element_dict[name]):
                tag, remaining = field.popitem()
                self._field = Field(tag)
                if self._field.control_field:
                    self._field.data = remaining
                else:
                    self.element(remaining, "subfields")
                    self._field.indicators = Indicators(remaining["ind1"], remaining["ind2"])
                self._record.add_field(self._field)
            self.process_record(self._record)
        elif name == "subfields" and self._field:
            for subfield in iter(element_dict[name]):
                code, text = subfield.popitem()
                self._field.add_subfield(code, text)

    def elements(self, dict_list):
        """Build a record from each object of a list (or from one object); returns ``records``."""
        if type(dict_list) is not list:
            dict_list = [dict_list]
        for record_object in dict_list:
            self.element(record_object)
        return self.records

    def process_record(self, record):
        """Called with each finished record; appends it to ``records``."""
        self.records.append(record)


def parse_json_to_array(json_file):
    """The records of a MARC-in-JSON document (text, path or file object) as a list."""
    reader = JSONReader(json_file)
    fast = reader._fast_records()
    if fast is not None:
        return [lazy_record(data) for data in fast]
    return JSONHandler().elements(reader.records)


_READ_SIZE = 1 << 20


class NDJSONReader:
    """Reads newline-delimited MARC-in-JSON (JSON Lines: one record object per
    line), in bounded memory; beyond pymarc. ``source`` is a path, bytes, or a
    binary or text file object. Each line gives the record pymarc's JSONReader
    would make of that object. A line that is not one (malformed JSON, a
    missing "leader", ...) yields ``None``, with ``current_exception`` (the
    exception pymarc's steps raise, its ``line_number`` set) and
    ``current_line`` (the line's text), as MARCReader does for a bad ISO 2709
    record; with ``permissive=False`` the exception is raised instead. Blank
    lines are skipped. ``first_line`` is the number of the first line (a part
    of a bigger file, as mrrc.dask reads one, numbers lines as the file does).

        for record in NDJSONReader("records.ndjson"):
            if record is None:
                print(reader.current_exception.line_number)
    """

    def __init__(self, source, permissive=True, *, first_line=1):
        if first_line < 1:
            raise ValueError(f"first_line must be 1 or more, not {first_line!r}")
        self.permissive = permissive
        self.current_exception = None
        self.current_line = None
        self._owned = False
        if isinstance(source, (bytes, bytearray, memoryview)):
            self.file_handle = io.BytesIO(bytes(source))
            self._owned = True
        elif isinstance(source, (str, os.PathLike)):
            self.file_handle = open(source, "rb")  # noqa: SIM115 - closed at the end or by close()
            self._owned = True
        else:
            self.file_handle = source
        self._pending = b""
        self._waiting = []  # pieces of a line longer than one read
        self._items = []
        self._next = 0
        self._line = first_line  # a part of a bigger file numbers its lines as the file does
        self._done = False

    def __iter__(self):
        return self

    def __next__(self):
        while self._next >= len(self._items):
            if self._done:
                self.close()
                raise StopIteration
            self._fill()
        line_number, record, text = self._items[self._next]
        self._items[self._next] = None
        self._next += 1
        self.current_exception = None
        self.current_line = None
        if record is not None:
            return record
        return self._slow_line(line_number, text)

    def _fill(self):
        chunk = self.file_handle.read(_READ_SIZE)
        if isinstance(chunk, str):
            chunk = chunk.encode("utf-8", "surrogatepass")
        last = not chunk
        if not last and b"\n" not in chunk:  # still inside a long line: keep the piece, join once it ends
            self._waiting.append(chunk)
            return
        if self._waiting:
            self._pending += b"".join(self._waiting)
            self._waiting = []
        data = self._pending + chunk if self._pending else chunk
        used, items = read_json_lines(data, last, self._line)
        self._pending = data[used:]
        self._line += data.count(b"\n", 0, used)
        self._items, self._next = items, 0
        self._done = last

    def _slow_line(self, line_number, text):
        """A line the C++ reader left alone: pymarc's steps on Python's json."""
        self.current_line = text.decode("utf-8", "replace")
        try:
            return record_from_json(json.loads(text, strict=False))
        except Exception as error:  # noqa: BLE001 - reported as MARCReader reports a bad record
            error.line_number = line_number
            if not self.permissive:
                raise
            self.current_exception = error
            return None

    def close(self):
        """Close the input if the reader opened it."""
        if self._owned and self.file_handle is not None:
            self.file_handle.close()
        self._done = True
        self._items = []

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


class NDJSONWriter(Writer):
    """Writes newline-delimited MARC-in-JSON to a text file handle: each
    record's ``as_dict()`` as compact JSON (as JSONWriter writes each record),
    then a newline. ``close(close_fh=True)`` as the other writers."""

    def write(self, record):
        Writer.write(self, record)
        text = _json_text(record)
        self.file_handle.write(json.dumps(record.as_dict(), separators=(",", ":")) if text is None else text)
        self.file_handle.write("\n")
