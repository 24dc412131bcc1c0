"""MARCXML (pymarc.marcxml): pymarc's reading and writing API and results.

Reading runs on libexpat, the parser behind xml.sax (which pymarc uses),
driven from C++ with the GIL released: a document is read in the chunks
xml.sax reads, each parsed in one native call, and its records come out as
the same lazy Records the ISO 2709 reader makes. ``XmlHandler`` is still a
real SAX ContentHandler: handlers that override its SAX methods, and any
other ContentHandler, are driven by xml.sax exactly as pymarc drives them.
Writing serialises records read by mrrc in C++; others go through
ElementTree as in pymarc.
"""

import os
import unicodedata
import xml.etree.ElementTree as ET
from xml.parsers.expat import ExpatError
from xml.sax import SAXParseException, make_parser
from xml.sax.handler import ContentHandler, feature_namespaces
from xml.sax.saxutils import prepare_input_source

from mrrc._core import XML_UNKNOWN_ENCODING, XmlFileParser, XmlParser, record_xml
from mrrc.exceptions import RecordLeaderInvalid
from mrrc.field import Field, Indicators
from mrrc.leader import Leader
from mrrc.marc8 import MARC8ToUnicode
from mrrc.record import Record

XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
MARC_XML_NS = "http://www.loc.gov/MARC21/slim"
MARC_XML_SCHEMA = "http://www.loc.gov/MARC21/slim http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd"

# xml.sax's ExpatParser reads its input in pieces of this size; reading in the
# same pieces leaves a file where pymarc leaves it when a record is handed over.
_READ_SIZE = 2**16 - 20

# The ContentHandler methods that xml.sax calls: a handler overriding any of
# them is driven by xml.sax itself.
_SAX_METHODS = (
    "setDocumentLocator", "startDocument", "endDocument", "startPrefixMapping", "endPrefixMapping",
    "startElement", "endElement", "startElementNS", "endElementNS", "characters", "ignorableWhitespace",
    "processingInstruction", "skippedEntity",
)


class XmlHandler(ContentHandler):
    """pymarc's SAX handler for MARCXML: builds a Record for each ``record``
    element and passes it to ``process_record``, which appends it to
    ``records`` unless a subclass does something else with it (store it,
    stream it on) so that records need not be held in memory.

    ``strict=True`` ignores elements outside the MARCXML namespace;
    ``normalize_form`` ('NFC', 'NFD', 'NFKC', 'NFKD') normalises all text.
    Elements are recognised by local name, so any namespace prefix (or none)
    and envelopes such as OAI-PMH work.
    """

    def __init__(self, strict=False, normalize_form=None):
        self.records = []
        self._record = None
        self._field = None
        self._subfield_code = None
        self._text = []
        self._strict = strict
        self.normalize_form = normalize_form

    def startElementNS(self, name, qname, attrs):
        """Start a record, a field or a subfield; all text before this is dropped."""
        uri, element = name
        if self._strict and uri != MARC_XML_NS:
            return
        self._text = []
        if element == "record":
            self._record = Record()
        elif element == "controlfield":
            self._field = Field(attrs.getValue((None, "tag")))
        elif element == "datafield":
            tag = attrs.getValue((None, "tag"))
            self._field = Field(tag, Indicators(attrs.get((None, "ind1"), " "), attrs.get((None, "ind2"), " ")))
        elif element == "subfield":
            self._subfield_code = attrs[(None, "code")]

    def endElementNS(self, name, qname):
        """Finish what the element held, with the text since the last element boundary."""
        uri, element = name
        if self._strict and uri != MARC_XML_NS:
            return
        text = "".join(self._text)
        if self.normalize_form is not None:
            text = unicodedata.normalize(self.normalize_form, text)
        if element == "record":
            if self._record:
                self.process_record(self._record)
                self._record = None
        elif element == "leader":
            if self._record:
                self._record.leader = Leader(text)
        elif element == "controlfield":
            if self._record and self._field:
                self._field.data = text
                self._record.add_field(self._field)
                self._field = None
        elif element == "datafield":
            if self._record and self._field:
                self._record.add_field(self._field)
                self._field = None
        elif element == "subfield":
            if self._field and self._subfield_code:
                self._field.add_subfield(self._subfield_code, text)
                self._subfield_code = None
        self._text = []

    def characters(self, content):
        """Collect text for the element being read."""
        self._text.append(content)

    def process_record(self, record):
        """Called with each finished record; appends it to ``records``."""
        self.records.append(record)


def _driven_by_core(handler):
    """True when the handler's SAX methods are XmlHandler's own, so the C++
    reader can stand in for them."""
    if not isinstance(handler, XmlHandler):
        return False
    cls = type(handler)
    instance = getattr(handler, "__dict__", {})
    return all(getattr(cls, name) is getattr(XmlHandler, name) and name not in instance for name in _SAX_METHODS)


def _loose_record(leaders, fields, normalize_form):
    """A record the compact model cannot hold, rebuilt with pymarc's handler steps."""
    if normalize_form is None:
        def normal(text):
            return text
    else:
        def normal(text):
            return unicodedata.normalize(normalize_form, text)
    record = Record()
    for text in leaders:
        record.leader = Leader(normal(text))
    for tag, from_datafield, ind1, ind2, subfields, data in fields:
        if from_datafield:
            field = Field(tag, Indicators(" " if ind1 is None else ind1, " " if ind2 is None else ind2))
        else:
            field = Field(tag)
        for code, text in subfields:
            field.add_subfield(code, normal(text))
        if data is not None:
            field.data = normal(data)
        record.add_field(field)
    return record


class _Locator:
    """Where reading stopped, as xml.sax's locator reports it to SAXParseException."""

    def __init__(self, system_id, line, column):
        self._system_id, self._line, self._column = system_id, line, column

    def getSystemId(self):
        return self._system_id

    def getPublicId(self):
        return None

    def getLineNumber(self):
        return self._line

    def getColumnNumber(self):
        return self._column


def _exception_for(failure, system_id):
    """pymarc's exception for a failure reported by the C++ reader."""
    kind, message, line, column, code = failure
    if kind == "syntax":
        cause = ExpatError(f"{message}: line {line}, column {column}")
        cause.code, cause.lineno, cause.offset = code, line, column
        return SAXParseException(message, cause, _Locator(system_id, line, column))
    if kind == "missing_tag":
        return KeyError((None, "tag"))
    if kind == "missing_code":
        return KeyError((None, "code"))
    if kind == "leader_invalid":
        return RecordLeaderInvalid()
    if kind in ("record_too_large", "out_of_memory"):
        return MemoryError(f"{message} (line {line}, column {column})")
    return RuntimeError(message)


class _RecordStream:
    """The records of one MARCXML document, read in bounded memory.

    The input is what xml.sax would read (prepare_input_source: a path, a URL,
    a binary or text file object), or bytes-like XML given directly; like
    xml.sax, the streams are closed once reading ends. A local file is read
    and parsed by a C++ producer thread while Python takes the records.
    Records come in document order, then the exception pymarc would have
    raised, if any.
    """

    def __init__(self, xml_file, strict=False, normalize_form=None):
        if normalize_form is not None:
            unicodedata.normalize(normalize_form, "a")  # an unknown form fails as pymarc's handler would
        self._strict = strict
        self._normalize_form = normalize_form
        self._items = []
        self._next = 0
        self._error = None
        self._done = False
        self._parser = None
        self._file_parser = None
        self._sax = None
        self._source = None
        self._system_id = None
        self._kept = []  # what was fed before any record, replayed to xml.sax if the encoding is Python's only
        self._kept_size = 0
        self._records = 0
        self._busy = False
        if isinstance(xml_file, (bytes, bytearray, memoryview)):
            self._data = memoryview(xml_file).cast("B")
            self._read = self._read_memory
        elif isinstance(xml_file, (str, os.PathLike)) and os.path.isfile(xml_file):
            # What prepare_input_source would open, and the system id it would give.
            self._path = self._system_id = os.fspath(xml_file)
            self._file_parser = XmlFileParser(self._path, strict, normalize_form is not None)
        else:
            self._open_stream(xml_file)

    def _open_stream(self, xml_file):
        self._source = prepare_input_source(xml_file)
        self._system_id = self._source.getSystemId()
        stream = self._source.getCharacterStream()
        if stream is None:
            stream = self._source.getByteStream()
        self._read = stream.read

    def _read_memory(self, size):
        piece, self._data = self._data[:size], self._data[size:]
        return piece

    def __iter__(self):
        return self

    def __next__(self):
        if self._busy:  # before anything is read: a second thread must not take a piece of the input
            raise RuntimeError("a reader was used from two threads at once; give each thread its own reader")
        self._busy = True
        try:
            return self._next_record()
        finally:
            self._busy = False

    def _next_record(self):
        while self._next >= len(self._items):
            if self._error is not None:
                error, self._error = self._error, None
                self._done = True
                self.close()
                raise error
            if self._done:
                self.close()
                raise StopIteration
            if self._file_parser is not None:
                self._fill_from_file()
            else:
                self._fill()
        item = self._items[self._next]
        self._items[self._next] = None
        self._next += 1
        if type(item) is tuple:
            return _loose_record(item[0], item[1], self._normalize_form)
        return item

    def _take(self, items, failure, last):
        self._items = items
        self._next = 0
        self._records += len(items)
        if failure is not None:
            self._error = _exception_for(failure, self._system_id)
        elif last:
            self._done = True

    def _fill_from_file(self):
        items, failure, last = self._file_parser.next_batch()
        if failure is not None and failure[4] == XML_UNKNOWN_ENCODING and not self._records and not items:
            self._file_parser.close()
            self._file_parser = None
            self._open_stream(self._path)
            self._sax = self._start_sax()
            return
        self._take(items, failure, last)

    def _fill(self):
        """Read and parse the next piece of the document."""
        try:
            data = self._read(_READ_SIZE)
        except BaseException:
            self._done = True
            self.close()
            raise
        last = not data
        if self._sax is not None:
            return self._fill_with_sax(data, last)
        if isinstance(data, str):
            data = data.encode("utf-8")
            encoding = "utf-8"  # pyexpat parses text as UTF-8 whatever the declaration says
        else:
            encoding = None
        if self._parser is None:
            self._parser = XmlParser(self._strict, self._normalize_form is not None, encoding)
        keeping = self._kept is not None
        if keeping:
            self._kept.append(data)
            self._kept_size += len(data)
        items, failure = self._parser.feed(data, last)
        if failure is not None and failure[4] == XML_UNKNOWN_ENCODING and keeping and not self._records and not items:
            # An encoding libexpat knows only through Python's codecs: pyexpat's
            # handler for it needs the GIL, so xml.sax reads this document.
            kept, self._kept = self._kept, None
            self._sax = self._start_sax()
            for piece in kept:
                self._fill_with_sax(piece, False)
                if self._error is not None:
                    break
            if last and self._error is None:
                self._fill_with_sax(b"", True)
            return
        if items or self._kept_size > _READ_SIZE * 16:
            self._kept = None  # past the XML declaration: the encoding is libexpat's own
        self._take(items, failure, last)

    def _start_sax(self):
        handler = XmlHandler(self._strict, self._normalize_form)
        parser = make_parser()
        parser.setContentHandler(handler)
        parser.setFeature(feature_namespaces, 1)
        if self._source is not None:
            parser._source = self._source  # what ExpatParser.parse sets: its errors name this system id
        return parser, handler

    def _fill_with_sax(self, data, last):
        parser, handler = self._sax
        try:
            if last:
                parser.close()
                self._done = True
            else:
                parser.feed(data)
        except Exception as error:  # after the records completed before it
            self._error = error
        if self._next >= len(self._items):
            self._items, self._next = [], 0
        self._items.extend(handler.records)
        handler.records = []

    def close(self):
        """Close the input streams, as xml.sax does after parsing."""
        if self._file_parser is not None:
            self._file_parser.close()
        source, self._source = self._source, None
        self._read = None
        if source is None:
            return
        try:
            stream = source.getCharacterStream()
            if stream is not None:
                stream.close()
        finally:
            stream = source.getByteStream()
            if stream is not None:
                stream.close()


class XMLReader:
    """Iterate over the records of a MARCXML document, one at a time, in
    bounded memory (beyond pymarc, whose XML API is handler-based).

    ``source`` is anything ``parse_xml`` takes (a path, a URL, a binary or
    text file object) or bytes holding the XML; ``strict`` and
    ``normalize_form`` are as for ``parse_xml_to_array``. Malformed XML raises
    pymarc's exception (``xml.sax.SAXParseException``) after the records
    before it. The input is closed when the records run out, on error, or by
    ``close()`` / leaving a ``with`` block (after which ``next()`` raises
    ``ValueError``). A local file is read and parsed by a C++ thread while
    Python takes the records.

        for record in XMLReader("harvest.xml"):
            print(record.title)
    """

    def __init__(self, source, strict=False, normalize_form=None):
        self._stream = _RecordStream(source, strict, normalize_form)
        self._closed = False

    def __iter__(self):
        return self

    def __next__(self):
        if self._closed:
            raise ValueError("I/O operation on a closed XMLReader")
        return next(self._stream)

    def close(self):
        """Stop reading and close the input; next() then raises ValueError, as MARCReader's does."""
        self._closed = True
        self._stream.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


def parse_xml(xml_file, handler):
    """Parse a MARCXML file (path, URL or file object) with a SAX ContentHandler."""
    if not _driven_by_core(handler):
        parser = make_parser()
        parser.setContentHandler(handler)
        parser.setFeature(feature_namespaces, 1)
        parser.parse(xml_file)
        return
    stream = _RecordStream(xml_file, handler._strict, handler.normalize_form)
    try:
        for record in stream:
            handler.process_record(record)
    finally:
        stream.close()


def map_xml(function, *files):
    """Call ``function`` with each record of each MARCXML file, in order."""
    handler = XmlHandler()
    handler.process_record = function
    for xml_file in files:
        parse_xml(xml_file, handler)


def parse_xml_to_array(xml_file, strict=False, normalize_form=None):
    """All the records of a MARCXML file (path, URL or file object), as a list.

    ``strict=True`` reads only elements in the MARCXML namespace;
    ``normalize_form`` is a form for ``unicodedata.normalize``.
    """
    handler = XmlHandler(strict, normalize_form)
    parse_xml(xml_file, handler)
    return handler.records


_ITERATION_OVERRIDDEN = {}


def _overrides_iteration(cls):
    """True when a Record subclass changes what pymarc's writer reads (its
    iteration, leader or fields): then it is written through ElementTree."""
    found = _ITERATION_OVERRIDDEN.get(cls)
    if found is None:
        names = ("__iter__", "__next__", "leader", "fields")
        below_record = cls.__mro__[: cls.__mro__.index(Record)]
        found = _ITERATION_OVERRIDDEN[cls] = any(name in klass.__dict__ for klass in below_record for name in names)
    return found


def _xml_bytes(record, namespace, ascii, quiet):
    if isinstance(record, Record) and (type(record) is Record or not _overrides_iteration(type(record))):
        data = record_xml(record, namespace, ascii)
        if data is not None:
            return data
    node = record_to_xml_node(record, quiet, namespace)
    return ET.tostring(node) if ascii else ET.tostring(node, encoding="utf-8")


def record_to_xml(record, quiet=False, namespace=False):
    """The record as a MARCXML ``record`` element: bytes with no XML
    declaration, characters past ASCII as character references (ElementTree's
    default output)."""
    return _xml_bytes(record, namespace, True, quiet)


def record_to_xml_node(record, quiet=False, namespace=False):
    """The record as an ``xml.etree.ElementTree.Element``; ``namespace=True``
    puts the MARCXML namespace and schema location on it. Undecoded (bytes)
    values are read as MARC-8."""
    marc8 = MARC8ToUnicode(quiet=quiet)

    def text_of(value):
        return value if type(value) is str else marc8.translate(value)

    root = ET.Element("record")
    if namespace:
        root.set("xmlns", MARC_XML_NS)
        root.set("xmlns:xsi", XSI_NS)
        root.set("xsi:schemaLocation", MARC_XML_SCHEMA)
    ET.SubElement(root, "leader").text = str(record.leader)
    for field in record:
        if field.control_field:
            element = ET.SubElement(root, "controlfield")
            element.set("tag", field.tag)
            element.text = text_of(field.data)
        else:
            element = ET.SubElement(root, "datafield")
            element.set("ind1", field.indicators.first)
            element.set("ind2", field.indicators.second)
            element.set("tag", field.tag)
            for subfield in field:
                child = ET.SubElement(element, "subfield")
                child.set("code", subfield.code)
                child.text = text_of(subfield.value)
    return root
