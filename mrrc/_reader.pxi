# ReaderCore: the per-record loop of MARCReader (mrrc/reader.py), in C. It takes
# batches from a StreamParser or FileParser and turns each item into a lazy
# Record, or into pymarc's None + current_exception. Included by _core.pyx.


cdef class ReaderCore:
    """What MARCReader does for every record; MARCReader (a subclass) chooses
    the input and keeps pymarc's attributes."""

    cdef object _parser
    cdef object _source  # a Python file object read in chunks, or None
    cdef list _items
    cdef Py_ssize_t _next
    cdef bint _stopped
    cdef bint _closed
    cdef bint _all_careful
    cdef bint _default_encoding
    cdef unsigned int _careful_flags
    cdef object _to_unicode
    cdef object _force_utf8
    cdef object _utf8_handling
    cdef object _current_item
    cdef object _current_exception
    cdef object _current_chunk
    cdef size_t _batch_records
    cdef size_t _batch_bytes
    cdef Py_ssize_t _read_chunk

    def _configure(self, parser, source, to_unicode, force_utf8, utf8_handling, file_encoding,
                   size_t batch_records, size_t batch_bytes, Py_ssize_t read_chunk):
        self._parser = parser
        self._source = source
        self._items = []
        self._next = 0
        self._to_unicode = to_unicode
        self._force_utf8 = force_utf8
        self._utf8_handling = utf8_handling
        # Records that need more than the fast path: flagged ones always; all of
        # them without to_unicode; non-UTF-8 ones with another file_encoding.
        self._careful_flags = _SLOW_PATH_FLAGS | _INDICATOR_ANOMALY
        self._all_careful = not to_unicode
        self._default_encoding = file_encoding == "iso8859-1"
        self._batch_records = batch_records
        self._batch_bytes = batch_bytes
        self._read_chunk = read_chunk

    @property
    def current_chunk(self):
        if self._current_chunk is None and self._current_item is not None:
            self._current_chunk = (<RecordData>self._current_item).chunk
        return self._current_chunk

    @property
    def current_exception(self):
        return self._current_exception

    def _set_exception(self, error):
        """Record the exception for the item just read (from a subclass's careful path)."""
        self._current_exception = error

    def _stop_reading(self):
        """Close the parser (its C++ threads stop) and refuse further reads."""
        self._closed = True
        if self._parser is not None:
            self._parser.close()

    def __iter__(self):
        return self

    cdef bint refill(self) except -1:
        """Fetch the next batch of items; False at the end of the stream."""
        while True:
            status, items = self._parser.next_batch(self._batch_records, self._batch_bytes)
            if items:
                self._items = items
                self._next = 0
                return True
            if status == STATUS_END:
                return False
            if status == STATUS_NEED_INPUT:
                chunk = self._source.read(self._read_chunk) if self._source is not None else b""
                if isinstance(chunk, str):
                    raise TypeError("MARCReader needs a binary file: read() returned str; open it with mode 'rb'")
                if chunk:
                    self._parser.feed(bytes(chunk))
                else:
                    self._parser.finish()

    def __next__(self):
        cdef RecordData item
        cdef unsigned int flags
        if self._stopped or self._closed:
            if self._closed:
                raise ValueError("I/O operation on a closed MARCReader")
            raise StopIteration
        self._current_chunk = None
        self._current_exception = None
        if self._next >= len(self._items) and not self.refill():
            self._current_item = None
            self._stopped = True
            self._items = []
            self._parser.close()  # done with the input: let go of its memory (and threads) now
            raise StopIteration
        item = self._items[self._next]
        self._items[self._next] = None  # the batch no longer keeps the record alive
        self._next += 1
        self._current_item = item
        flags = item.record.flags
        if flags & kFlagDecoderMessages:  # pymarc prints MARC-8 trouble as it decodes
            sys.stderr.write(item.messages)
        if item.error.code == CErrorCode.kOk:
            if not (flags & self._careful_flags or self._all_careful) and (flags & kFlagUtf8 or self._default_encoding):
                return make_record(item, self._to_unicode, self._force_utf8, self._utf8_handling)
            return self._careful(item)
        error = exception_for(item)
        if isinstance(error, MemoryError):
            raise error
        self._current_exception = error
        if is_fatal(item.error.code):
            self._stopped = True
            self._parser.close()
        return None

    def _careful(self, RecordData item):
        """A record the fast path does not cover: pymarc's logging, or decoding in Python."""
        if item.record.flags & _SLOW_PATH_FLAGS or self._all_careful or not (item.is_utf8 or self._default_encoding):
            return self._decode_in_python(item)
        log_indicator_anomalies(item)
        return make_record(item, self._to_unicode, self._force_utf8, self._utf8_handling)

    def _decode_in_python(self, RecordData item):
        raise NotImplementedError  # MARCReader supplies it
