# RecordData: one record (or failed chunk) read by the C++ core. Included by _core.pyx.

@cython.freelist(256)  # one batch of records comes and goes at a time
cdef class RecordData:
    """One chunk read by the C++ core: a parsed record, or the error a pymarc
    reader reports for that chunk. Field views are offsets into one buffer."""

    cdef CRecord record
    cdef CParseError error
    cdef int in_flight  # path writers' batches holding the record, not serialised yet (changed with the GIL)
    cdef RecordReturns returns  # a threaded reader's: the record goes back to it (None: freed)

    def __dealloc__(self):
        if self.returns is not None:
            self.returns.stage(self.record)

    cdef inline int list_subfields(self) except -1:
        """Before anything but the ISO 2709 serialiser reads the record's
        subfield spans: those the parser left for later."""
        if self.record.flags & kFlagSubfieldsPending:
            if self.in_flight:
                return self.list_while_batched(-1)
            list_pending_subfields(self.record)
        return 0

    cdef inline int list_field_subfields(self, Py_ssize_t index) except -1:
        """The same for field `index` alone."""
        if self.record.flags & kFlagSubfieldsPending and self.record.fields[index].subfields_pending:
            if self.in_flight:
                return self.list_while_batched(index)
            list_pending_subfields(self.record, index)
        return 0

    @cython.final
    cdef int list_while_batched(self, Py_ssize_t index) except -1:
        """List field `index` (or every field, for -1) of a record a path
        writer's batch holds, which may be serialising it on another thread:
        the lock is waited for without the GIL (the batch does not need it),
        then the spans are listed with both, so that no thread reads them
        half made."""
        cdef bint locked
        with nogil:
            locked = lock_span_listing()
        if not locked:
            raise MemoryError()
        try:
            if index < 0:
                list_pending_subfields(self.record)
            else:
                list_pending_subfields(self.record, index)
        finally:
            unlock_span_listing()
        return 0

    # -- outcome ---------------------------------------------------------------
    @property
    def ok(self):
        return self.error.code == CErrorCode.kOk

    @property
    def error_name(self):
        return ERROR_NAMES[<Py_ssize_t>self.error.code]

    @property
    def error_message(self):
        return self.error.message.decode("utf-8", "replace")

    @property
    def fatal(self):
        return is_fatal(self.error.code)

    @property
    def record_index(self):
        return self.record.record_index

    @property
    def stream_offset(self):
        return self.record.stream_offset

    @property
    def byte_offset(self):
        return self.record.stream_offset + self.error.offset_in_record

    @property
    def offset_in_record(self):
        return self.error.offset_in_record

    @property
    def field_index(self):
        return self.error.field_index

    @property
    def subfield_index(self):
        return self.error.subfield_index

    @property
    def span(self):
        """(begin, end) of the bytes the failing check examined, in the chunk."""
        return (self.error.span_begin, self.error.span_end)

    # -- content ---------------------------------------------------------------
    @property
    def chunk(self):
        """The bytes read for this record, exactly as in the input."""
        return PyBytes_FromStringAndSize(self.record.buffer.data(), self.record.buffer.size())

    @property
    def flags(self):
        return self.record.flags

    @property
    def oversized(self):
        """An Oversized when oversized reading delimited this record or a field
        of it by terminators; None otherwise."""
        return oversized_info(self)

    @property
    def is_utf8(self):
        return (self.record.flags & kFlagUtf8) != 0

    @property
    def leader(self):
        return PyUnicode_DecodeASCII(self.record.buffer.data(), min(<size_t>24, self.record.buffer.size()), NULL)

    @property
    def messages(self):
        """What decoding MARC-8 had to say (pymarc writes it to stderr)."""
        return self.record.messages.decode("utf-8", "replace")

    @property
    def field_count(self):
        return self.record.fields.size()

    @property
    def heap_bytes(self):
        return self.record.heap_bytes()

    def find_tag(self, tag):
        """Index of the first field with this tag, or -1."""
        return self.tag_index(tag)

    @cython.final
    cdef Py_ssize_t tag_index(self, object tag) except -2:
        cdef const CFieldSpan* f
        cdef const char* w
        cdef bytes wanted
        cdef size_t i
        if not isinstance(tag, str) or len(tag) != 3:
            return -1
        if PyUnicode_KIND(tag) == 1:
            w = <const char*>PyUnicode_1BYTE_DATA(tag)  # Latin-1 already: its bytes are the encoded tag
        else:
            wanted = tag.encode("latin-1", "replace")
            w = wanted
        for i in range(self.record.fields.size()):
            f = &self.record.fields[i]
            if f.tag[0] == w[0] and f.tag[1] == w[1] and f.tag[2] == w[2]:
                return i
        return -1

    def indices_of(self, tags):
        """Indices, in record order, of the fields whose tag is in `tags`."""
        cdef const CFieldSpan* f
        cdef list out = []
        wanted = set(tags)
        for i in range(self.record.fields.size()):
            f = &self.record.fields[i]
            if PyUnicode_DecodeASCII(f.tag, 3, NULL) in wanted:
                out.append(i)
        return out

    def indicator_anomalies(self):
        """(raw indicator byte count, field data bytes) for data fields whose
        indicators are not exactly two bytes, in record order."""
        cdef const CFieldSpan* f
        cdef list out = []
        for i in range(self.record.fields.size()):
            f = &self.record.fields[i]
            if not f.is_control and f.indicator_bytes != 2:
                out.append((f.indicator_bytes,
                            PyBytes_FromStringAndSize(self.record.buffer.data() + f.data_offset, f.data_length)))
        return out

    def serialize(self, leader=None, coding=None, bint allow_oversized=False):
        """ISO 2709 bytes with the directory and lengths recomputed. `leader` (a
        str) supplies positions 5-11 and 17 on, as in pymarc's as_marc();
        otherwise the record's own leader is used, with byte 9 set to `coding`
        (a one-character str) when given. `allow_oversized`: numbers past the
        limits written as zeros instead of FieldTooLong/RecordTooLong."""
        return self.to_bytes(leader, 0 if coding is None else <char>ord(coding), allow_oversized)

    def field_layout(self):
        """(tag, field data bytes) for every directory entry as parsed (the
        fields oversized reading found by their terminators included)."""
        cdef const CFieldSpan* f
        cdef list out = []
        for i in range(self.record.fields.size()):
            f = &self.record.fields[i]
            out.append((PyUnicode_DecodeLatin1(f.tag, 3, NULL),
                        PyBytes_FromStringAndSize(self.record.buffer.data() + f.data_offset, f.data_length)))
        return out

    @cython.final
    cdef bytes to_bytes(self, object leader, char coding, bint allow_oversized=False):
        cdef bytes leader_bytes
        cdef char own[24]
        cdef string_view view
        if leader is None:
            view = string_view(self.record.buffer.data(), min(<size_t>24, self.record.buffer.size()))
            if coding != 0:
                memcpy(own, view.data(), view.size())
                own[9] = coding
                view = string_view(own, view.size())
        else:
            leader_bytes = leader.encode("utf-8")
            view = string_view(PyBytes_AS_STRING(leader_bytes), PyBytes_GET_SIZE(leader_bytes))
        return iso2709_bytes(self, view, allow_oversized)

    @cython.final
    cdef object marc8_bytes(self, object leader, bint allow_oversized=False):
        """The record as MARC-8 ISO 2709 (as_marc(encoding="marc8")) with its own
        leader or `leader` (a str); None when something in it has no form the
        C++ writer gives (the Python path then raises its exact error)."""
        cdef bytes leader_bytes
        cdef string_view view
        cdef string out
        cdef CIso2709Overflow overflow
        cdef CMarc8Write outcome
        if leader is None:
            view = string_view(self.record.buffer.data(), min(<size_t>24, self.record.buffer.size()))
        else:
            leader_bytes = leader.encode("utf-8", "surrogatepass")
            view = string_view(PyBytes_AS_STRING(leader_bytes), PyBytes_GET_SIZE(leader_bytes))
        self.list_subfields()
        outcome = serialize_marc8(self.record, view, out, overflow, allow_oversized)
        if outcome == CMarc8Write.kOverflow:
            raise_overflow(self, overflow)
        if outcome != CMarc8Write.kWritten:
            return None
        return PyBytes_FromStringAndSize(out.data(), out.size())


cdef object oversized_info(RecordData data):
    """An Oversized for a record oversized reading rescued; None otherwise."""
    if data is None:
        return None
    cdef unsigned int flags = data.record.flags
    if not flags & (kFlagDelimitedRecord | kFlagDelimitedField):
        return None
    return _Oversized(data.record.record_index, data.record.stream_offset,
                      bool(flags & kFlagDelimitedRecord), bool(flags & kFlagDelimitedField))


cdef extern from "Python.h":
    PyObject* new_bytes_object "PyBytes_FromStringAndSize"(const char* data, Py_ssize_t size)
    int _PyBytes_Resize(PyObject** bytes, Py_ssize_t size)
    char* bytes_object_data "PyBytes_AS_STRING"(PyObject* bytes)


cdef bytes iso2709_bytes(RecordData data, string_view leader, bint allow_oversized=False):
    """The record's ISO 2709 bytes, serialised in one pass straight into a
    bytes object (with the GIL: a record is too little work to release it);
    FieldTooLong/RecordTooLong when ISO 2709 cannot hold it, unless
    `allow_oversized` (numbers that do not fit written as zeros)."""
    cdef CIso2709Overflow overflow
    cdef PyObject* raw = new_bytes_object(NULL, serialized_size_bound(data.record, leader))
    if raw == NULL:
        raise MemoryError()
    cdef size_t size = serialize_checked(data.record, leader, bytes_object_data(raw), overflow, allow_oversized)
    if overflow.kind != 0 and not allow_oversized:
        Py_XDECREF(raw)
        raise_overflow(data, overflow)
    if _PyBytes_Resize(&raw, size) < 0:  # frees the object when it fails
        raise MemoryError()
    out = <bytes>raw
    Py_XDECREF(raw)  # the reference new_bytes_object gave is now out's
    return out


cdef int raise_overflow(RecordData data, const CIso2709Overflow& overflow) except -1:
    """Raise FieldTooLong or RecordTooLong for what the serialiser found."""
    if overflow.kind == 1:
        raise_field_too_long(PyUnicode_DecodeLatin1(data.record.fields[overflow.field_index].tag, 3, NULL),
                             overflow.length)
    raise_record_too_long(overflow.length)
