"""pymarc's readers of text formats: JSONReader (MARC-in-JSON) and
MARCMakerReader (pymarc's MARCMaker text). Exported by mrrc.reader, as pymarc
exports them from pymarc.reader."""

import io
import json
import os
import sys

from mrrc._core import RecordData, lazy_record, read_json_records
from mrrc._reader_base import Reader
from mrrc.exceptions import PymarcException
from mrrc.field import Field, Indicators, Subfield
from mrrc.leader import Leader
from mrrc.record import Record


def _open_text(target, encoding=None):
    """The handle pymarc's text readers read: a file object as given, an
    existing path opened as text, anything else as the text itself."""
    if isinstance(target, io.IOBase):
        return target
    if isinstance(target, str) and os.path.exists(target):
        return open(target, encoding=encoding)  # noqa: SIM115 - the reader owns it, as in pymarc
    return io.StringIO(target)


class JSONReader(Reader):
    """Reads MARC-in-JSON (a list of record objects, or one): raw JSON text,
    a path, or a file object; bytes holding the JSON work too (beyond pymarc).
    The whole document is loaded when the reader is made, as in pymarc, and
    ``records`` holds it as Python's json module gives it. A document of the
    usual shape is read by the C++ core (Boost.JSON) into lazy records;
    anything else goes through pymarc's own steps, with its results and
    exceptions. ``stream=True`` only prints pymarc's notice."""

    def __init__(self, marc_target, encoding="utf-8", stream=False):
        self.encoding = encoding
        if isinstance(marc_target, (bytes, bytearray, memoryview)):
            self.file_handle = io.BytesIO(bytes(marc_target))
        else:
            self.file_handle = _open_text(marc_target)
        if stream:
            sys.stderr.write("Streaming not yet implemented, your data will be loaded into memory\n")
        text = self.file_handle.read()  # what json.load reads
        self._text = text
        self._fast = None
        try:
            encoded = text.encode("utf-8") if isinstance(text, str) else bytes(text)
        except UnicodeEncodeError:
            encoded = None  # lone surrogates: only Python's json has a view on them
        found = read_json_records(encoded) if encoded is not None else None
        if found is None:
            self.records = json.loads(text, strict=False)
        else:
            self._fast, self._single = found

    @property
    def records(self):
        """The document as Python's json module loads it (made on first use)."""
        if self._fast is not None:
            self.records = json.loads(self._text, strict=False)
        return self.__dict__["_records"]

    @records.setter
    def records(self, value):
        self._fast = None  # from now on, iteration reads these objects, as pymarc's does
        self.__dict__["_records"] = value

    def _fast_records(self):
        """The lazily built records' data, while the document was read by C++ and not looked at."""
        if self._fast is None:
            return None
        return [self._fast[0]] if self._single else self._fast

    def __iter__(self):
        fast = self._fast_records()
        if fast is not None:
            self.iter = iter(fast)
        elif hasattr(self.records, "__iter__") and not isinstance(self.records, dict):
            self.iter = iter(self.records)
        else:
            self.iter = iter([self.records])
        return self

    def __next__(self):
        item = next(self.iter)
        if type(item) is RecordData:
            return lazy_record(item)
        return record_from_json(item)


def record_from_json(item):
    """pymarc's JSONReader steps for one record object: the leader, then each
    field from its first key (a dict with "subfields" is a data field)."""
    record = Record()
    record.leader = Leader(item["leader"])
    for field in item["fields"]:
        tag, value = list(field.items())[0]
        if "subfields" in value and hasattr(value, "update"):
            subfields = [Subfield(code=code, value=text) for part in value["subfields"] for code, text in part.items()]
            record.add_field(Field(tag=tag, subfields=subfields, indicators=Indicators(value["ind1"], value["ind2"])))
        else:
            record.add_field(Field(tag=tag, data=value))
    return record


class MARCMakerReader(Reader):
    """Reads pymarc's MARCMaker text (what ``str(record)`` and ``TextWriter``
    write): records separated by a blank line, one ``=TAG  ...`` line per
    field. ``target`` is the text, a path (read with ``encoding``) or a file
    object; it is read and closed at once. A line that cannot be read raises
    ``PymarcException('Unable to parse line "..."')`` when its record is reached."""

    def __init__(self, target, encoding="utf-8"):
        handle = _open_text(target, encoding)
        content = handle.read()
        handle.close()
        self.records = list(content.split("\n\n"))
        self.iter = iter(self.records)

    def _parse_line(self, line):
        """A Leader or a Field for one MARCMaker line."""
        if line[0] != "=":
            raise ValueError('Line should start with a "=".')
        if line[4:6] != "  ":
            raise ValueError("Tag should be separated from the rest of the field by two spaces.")
        tag, data = line[1:4], line[6:]
        if tag == "LDR":
            return Leader(data)
        if tag < "010":
            return Field(tag, data=data)
        indicators = Indicators(data[0], data[1])
        # data[2] is the first "$": what follows it splits into code + value pieces
        subfields = [Subfield(piece[:1], piece[1:]) for piece in data[3:].split("$")]
        return Field(tag, indicators=indicators, subfields=subfields)

    def __iter__(self):
        return self

    def __next__(self):
        text = next(self.iter)
        record = Record()
        for line in text.splitlines():
            try:
                part = self._parse_line(line)
            except Exception as error:
                raise PymarcException(f'Unable to parse line "{line}"') from error
            if isinstance(part, Leader):
                record.leader = part
            else:
                record.add_field(part)
        return record


JSONReader.__module__ = MARCMakerReader.__module__ = "mrrc.reader"  # where pymarc users import them from
