# MARCXML: the C++ reader fed in chunks with the GIL released, and the C++
# writer. Both run on libexpat and the record model; mrrc/marcxml.py gives them
# pymarc's API. Included by _core.pyx.
from cpython.pycapsule cimport PyCapsule_Import


# The first fields of CPython's struct PyExpat_CAPI (Include/pyexpat.h, the
# same layout in 3.9-3.13; later versions only append). Its entry points are
# the libexpat that pyexpat, and so xml.sax and pymarc, use.
cdef struct PyExpatCapi:
    char* magic
    int size
    int major_version
    int minor_version
    int micro_version
    void* ErrorString
    void* GetErrorCode
    void* GetErrorColumnNumber
    void* GetErrorLineNumber
    void* Parse
    void* ParserCreate_MM
    void* ParserFree
    void* SetCharacterDataHandler
    void* SetCommentHandler
    void* SetDefaultHandlerExpand
    void* SetElementHandler
    void* SetNamespaceDeclHandler
    void* SetProcessingInstructionHandler
    void* SetUnknownEncodingHandler
    void* SetUserData
    void* SetStartDoctypeDeclHandler
    void* SetEncoding
    void* DefaultUnknownEncodingHandler
    void* SetHashSalt  # (NULL for libexpat before 2.1.0)

cdef CExpatApi _expat
cdef bint _expat_loaded = False

XML_FAILURES = {
    <int>CXmlFailure.kSyntax: "syntax",
    <int>CXmlFailure.kMissingTag: "missing_tag",
    <int>CXmlFailure.kMissingCode: "missing_code",
    <int>CXmlFailure.kLeaderInvalid: "leader_invalid",
    <int>CXmlFailure.kRecordTooLarge: "record_too_large",
    <int>CXmlFailure.kOutOfMemory: "out_of_memory",
    <int>CXmlFailure.kParserUnavailable: "parser_unavailable",
}
XML_UNKNOWN_ENCODING = kErrorUnknownEncoding


cdef int load_expat() except -1:
    global _expat_loaded
    cdef PyExpatCapi* capi
    if _expat_loaded:
        return 0
    import pyexpat  # noqa: F401  (the capsule lives in this module)
    capi = <PyExpatCapi*>PyCapsule_Import(b"pyexpat.expat_CAPI", 0)
    if not capi.magic.startswith(b"pyexpat.expat_CAPI") or capi.size < <int>sizeof(PyExpatCapi):  # 3.9 on have all
        raise ImportError("pyexpat's C API is not the one mrrc was built for")
    _expat.parser_create_mm = <CParserCreateFunction>capi.ParserCreate_MM
    _expat.parser_free = <CParserFreeFunction>capi.ParserFree
    _expat.parse = <CParseFunction>capi.Parse
    _expat.get_error_code = <CErrorCodeFunction>capi.GetErrorCode
    _expat.error_string = <CErrorStringFunction>capi.ErrorString
    _expat.get_error_line_number = <CPositionFunction>capi.GetErrorLineNumber
    _expat.get_error_column_number = <CPositionFunction>capi.GetErrorColumnNumber
    _expat.set_user_data = <CSetUserDataFunction>capi.SetUserData
    _expat.set_element_handler = <CSetElementHandlerFunction>capi.SetElementHandler
    _expat.set_character_data_handler = <CSetCharacterDataHandlerFunction>capi.SetCharacterDataHandler
    _expat.set_encoding = <CSetEncodingFunction>capi.SetEncoding
    _expat.set_hash_salt = <CSetHashSaltFunction>capi.SetHashSalt
    _expat.hash_salt = int.from_bytes(os.urandom(8), "little") & 0xFFFFFFFFFFFFFFFF  # as pyexpat salts its parsers
    if not _expat.complete():
        raise ImportError("pyexpat's C API lacks an entry point mrrc needs")
    _expat_loaded = True
    return 0


cdef object loose_tuple(CLooseRecord* loose):
    """(leaders, fields) of a record the model cannot hold; each field is
    (tag, from_datafield, ind1 or None, ind2 or None, [(code, text)], data or None)."""
    cdef list fields = []
    cdef CLooseField* f
    for i in range(loose.fields.size()):
        f = &loose.fields[i]
        subfields = [(pair.first.decode("utf-8"), pair.second.decode("utf-8")) for pair in f.subfields]
        fields.append((
            f.tag.decode("utf-8"),
            f.from_datafield,
            f.indicator1.decode("utf-8") if f.has_indicator1 else None,
            f.indicator2.decode("utf-8") if f.has_indicator2 else None,
            subfields,
            f.data.decode("utf-8") if f.has_data else None,
        ))
    return ([text.decode("utf-8") for text in loose.leaders], fields)


cdef class XmlParser:
    """One MARCXML document read by the C++ reader: feed() parses the next
    bytes with the GIL released and returns the records they completed, as
    lazy Records, or as (leaders, fields) tuples for records the compact
    model cannot hold (and for every record with all_loose)."""

    cdef CXmlReader* reader
    cdef bint busy

    def __cinit__(self, bint strict=False, bint all_loose=False, encoding=None):
        cdef CXmlReadOptions options
        load_expat()
        options.strict = strict
        options.all_loose = all_loose
        if encoding is not None:
            options.encoding = encoding.encode("ascii")
        self.reader = new CXmlReader(_expat, options)

    def __dealloc__(self):
        if self.reader != NULL:
            with nogil:
                del self.reader
            self.reader = NULL

    def feed(self, data, bint last=False):
        """Parse `data` (bytes or a contiguous buffer); `last` ends the
        document. Returns (items, failure): failure is None or
        (kind, message, line, column, expat_code)."""
        cdef const unsigned char[::1] view
        cdef const char* c_data = NULL
        cdef size_t c_size = 0
        cdef list items
        if self.reader == NULL:
            raise ValueError("the parser is closed")
        if self.busy:
            raise RuntimeError("a reader was used from two threads at once; give each thread its own reader")
        self.busy = True
        try:
            if isinstance(data, bytes):
                c_data = PyBytes_AS_STRING(data)
                c_size = PyBytes_GET_SIZE(data)
            elif data is not None:
                view = data
                c_size = view.shape[0]
                if c_size:
                    c_data = <const char*>&view[0]
            with nogil:
                self.reader.feed(c_data, c_size, last)
            items = take_items(self.reader.items())
        finally:
            self.busy = False
        if not self.reader.failed():
            return items, None
        return items, failure_tuple(self.reader.error())


cdef class XmlFileParser:
    """A MARCXML file read and parsed by a C++ producer thread while Python
    takes the records: next_batch() waits (GIL released) for the next batch."""

    cdef CXmlThreadedReader* reader
    cdef bint done
    cdef bint busy

    def __cinit__(self, path, bint strict=False, bint all_loose=False):
        cdef CXmlThreadedOptions options
        cdef bytes encoded = os.fsencode(path)
        cdef const char* c_path = PyBytes_AS_STRING(encoded)
        cdef int error_number = 0
        cdef bint ok
        load_expat()
        options.read.strict = strict
        options.read.all_loose = all_loose
        self.reader = new CXmlThreadedReader(_expat, options)
        with nogil:
            ok = self.reader.open(c_path, error_number)
        if not ok:
            if error_number == 0:
                raise MemoryError("could not start the reading thread")
            raise OSError(error_number, os.strerror(error_number), os.fsdecode(path))

    def __dealloc__(self):
        self.release()

    cdef void release(self) noexcept:
        if self.reader != NULL:
            with nogil:  # the destructor stops and joins the producer
                del self.reader
            self.reader = NULL

    def next_batch(self):
        """(items, failure, last), items and failure as XmlParser.feed gives them."""
        cdef unique_ptr[CXmlBatch] batch
        if self.reader == NULL or self.done:
            return [], None, True
        if self.busy:
            raise RuntimeError("a reader was used from two threads at once; give each thread its own reader")
        self.busy = True
        try:
            with nogil:
                batch = self.reader.pop()
            if not batch:
                raise MemoryError("out of memory while reading MARCXML")
            items = take_items(batch.get().items)
        finally:
            self.busy = False
        failure = None
        if batch.get().last:
            self.done = True
            if batch.get().io_errno:
                raise OSError(batch.get().io_errno, os.strerror(batch.get().io_errno))
            if batch.get().error.failure != CXmlFailure.kNone:
                failure = failure_tuple(batch.get().error)
        return items, failure, self.done

    def close(self):
        """Stop the producer thread and join it."""
        if not self.busy:
            self.release()


cdef list take_items(vector[CXmlItem]& source):
    """The C++ items as lazy Records (or loose tuples), moved out; `source` is left empty."""
    cdef list items = []
    cdef CXmlItem* item
    cdef RecordData record_data
    for i in range(source.size()):
        item = &source[i]
        if item.loose:
            items.append(loose_tuple(item.loose.get()))
        else:
            record_data = RecordData.__new__(RecordData)
            record_data.record = move(item.record)
            items.append(make_record(record_data, True, False, "strict"))
    source.clear()
    return items


cdef tuple failure_tuple(const CXmlError& error):
    return (XML_FAILURES[<Py_ssize_t>error.failure], error.message.decode("utf-8", "replace"),
            error.line, error.column, error.expat_code)


def record_xml(Record record, bint namespace=False, bint ascii=True):
    """The record's MARCXML from C++ when its C++ form says what the Python
    objects say (otherwise None: the caller writes it with ElementTree).
    ascii: character references for non-ASCII (record_to_xml); else UTF-8 (XMLWriter)."""
    cdef CXmlWriteOptions options
    cdef string out
    cdef char own[24]
    cdef string_view leader
    cdef bint ok
    if record._data is None or not record._serialisable_from_core():
        return None
    keep = leader_view(record, own, &leader)
    if keep is False:
        return None
    options.namespace_attributes = namespace
    options.ascii = ascii
    record._data.list_subfields()
    with nogil:
        ok = write_record_xml(record._data.record, leader, options, out)
    if not ok:
        raise MemoryError("out of memory while writing MARCXML")
    # pymarc's writer iterates the record with its own (shared) iterator.
    record._cursor = record._data.record.fields.size()
    return PyBytes_FromStringAndSize(out.data(), out.size())
