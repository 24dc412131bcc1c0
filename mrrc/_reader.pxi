# ReaderCore: the per-record loop of MARCReader (mrrc/reader.py), in C. It takes
# batches from a StreamParser or FileParser and turns each item into a lazy
# Record, or into pymarc's None + current_exception. Included by _core.pyx.
#
# File position. pymarc reads a file object record by record, so after each
# record its tell() is that record's end, and a closed file raises at the next
# record. mrrc reads ahead in large chunks, then moves the file back: a file
# whose seek is cheap (io.FileIO, io.BufferedReader/BufferedRandom, io.BytesIO)
# is sought to the end of each record as it is yielded; any other file (a pipe,
# a gzip file, whose backward seek decompresses from the start) is only checked
# for being closed. Nobody can see the position of a file only the reader refers
# to (`MARCReader(open(path, "rb"))`), so then nothing is done until
# `file_handle` is read.
#
# Live options. pymarc reads the decoding options for every record; changing
# one (MARCReader.__setattr__ calls _apply_options) makes this loop decode the
# next record with the new ones. A StreamParser is handed them for its later
# batches; items parsed ahead under other options (the rest of the current
# batch, and everything a FileParser's C++ threads parse) are parsed again from
# their bytes on this thread. A reader whose options never change pays one
# flag test per record.
#
# A subclass that replaces __next__ (pymarc's loop copied into it) gets no
# parser at all: this class then reads file_handle record by record as pymarc
# does (MARCReader._next_like_pymarc), so what the subclass reads itself is
# exactly what pymarc's would read.

cdef extern from "Python.h":
    Py_ssize_t reference_count "Py_REFCNT"(PyObject* o)


cdef class ReaderCore:
    """What MARCReader does for every record; MARCReader (a subclass) chooses
    the input and keeps pymarc's attributes."""

    cdef object _parser
    cdef object _source  # a Python file object read in chunks, or None
    cdef object _handle  # pymarc's file_handle
    cdef object _tracked  # the file whose position follows the records, or None
    cdef bint _seek_tracked  # True: seek it to each record's end; False: only check it is open
    cdef bint _observed  # somebody besides this reader may look at _tracked
    cdef Py_ssize_t _own_references  # references to _tracked held by this reader
    cdef long long _start  # _tracked's position when reading began
    cdef long long _fed  # bytes read from _source so far
    cdef long long _consumed  # bytes of the items yielded so far (pymarc's reads)
    cdef long long _file_at  # where this reader last left _tracked
    cdef bint _fatal_stop
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
    cdef object _exception  # pymarc's _current_exception
    cdef object _chunk  # pymarc's _current_chunk (made from _current_item when first asked for)
    cdef bint _pymarc_loop  # no parser: read file_handle record by record as pymarc does
    cdef bint _reparse  # the items of the current batch were parsed under other options
    cdef bint _parser_takes_options  # the parser can be handed new options (StreamParser)
    cdef CParseOptions _options  # what a record is parsed with now
    cdef tuple _wanted_key  # _options as a tuple, to compare with the two below
    cdef tuple _parser_key  # what the parser parses its next batch with
    cdef tuple _batch_key  # what the current batch was parsed with
    cdef size_t _batch_records
    cdef size_t _batch_bytes
    cdef Py_ssize_t _read_chunk
    cdef bint _oversized  # oversized reading: the parser delimits by terminators where lengths cannot be right
    cdef Py_ssize_t _oversized_count  # records it rescued so far

    def _configure(self, parser, source, handle, tuple parse_key, size_t batch_records, size_t batch_bytes,
                   Py_ssize_t read_chunk, bint oversized=False):
        """`handle` is pymarc's file_handle: a file object whose position follows
        the records (None for a path or a buffer). `parse_key`: the parser's
        options (force_utf8, validate_text, strict_values, decode_marc8,
        marc8_quiet). No parser: pymarc's own loop over `handle`. `oversized`:
        the parser reads oversized records (MARCReader(oversized="scan"))."""
        self._oversized = oversized
        self._parser = parser
        self._source = source
        self._handle = handle
        self._items = []
        self._next = 0
        self._parser_key = self._batch_key = self._wanted_key = parse_key
        self._options = make_options(parse_key[0], parse_key[1], parse_key[2], False, parse_key[3], parse_key[4],
                                     oversized)
        self._parser_takes_options = isinstance(parser, StreamParser)
        self._batch_records = batch_records
        self._batch_bytes = batch_bytes
        self._read_chunk = read_chunk
        if parser is None:
            self._pymarc_loop = True  # file_handle is the subclass's to read; nothing tracks it
            return
        if handle is not None:
            self._tracked = handle
            self._seek_tracked = _cheap_to_seek(handle)
            self._start = handle.tell() if self._seek_tracked else 0
            self._own_references = 2 + (source is handle)  # _handle, _tracked and maybe _source

    def _configured(self):
        return self._items is not None

    def _apply_options(self, to_unicode, force_utf8, utf8_handling, file_encoding, tuple parse_key):
        """The reader's options now: records from the next one on are decoded with them."""
        self._to_unicode = to_unicode
        self._force_utf8 = force_utf8
        self._utf8_handling = utf8_handling
        # Records that need more than the fast path: flagged ones always; all of
        # them without to_unicode; non-UTF-8 ones with another file_encoding.
        self._careful_flags = _SLOW_PATH_FLAGS | _INDICATOR_ANOMALY
        self._all_careful = not to_unicode
        self._default_encoding = file_encoding == "iso8859-1"
        if parse_key == self._wanted_key:
            return
        self._wanted_key = parse_key
        self._options = make_options(parse_key[0], parse_key[1], parse_key[2], False, parse_key[3], parse_key[4],
                                     self._oversized)
        if self._parser_takes_options and parse_key != self._parser_key and not self._closed:
            self._parser.set_options(*parse_key)
            self._parser_key = parse_key
        self._reparse = self._batch_key != parse_key

    # pymarc's _current_chunk and _current_exception (see mrrc/reader.py)
    def _get_chunk(self):
        if self._chunk is None and self._current_item is not None:
            self._chunk = (<RecordData>self._current_item).chunk
        return self._chunk

    def _set_chunk(self, value):
        self._chunk = value
        self._current_item = None

    def _get_exception(self):
        return self._exception

    @property
    def oversized_count(self):
        """Beyond pymarc: how many records oversized reading
        (``oversized="scan"``) has rescued so far (see ``Record.oversized``)."""
        return self._oversized_count

    def _set_exception(self, error):
        self._exception = error

    @property
    def file_handle(self):
        """The file object read (for bytes, a BytesIO over them), positioned at
        the end of the last record yielded."""
        if self._tracked is not None and not self._observed:
            self._observed = True
            if self._seek_tracked and not getattr(self._tracked, "closed", False):
                self._tracked.seek(self._start + self._consumed)
                self._file_at = self._consumed
        return self._handle

    @file_handle.setter
    def file_handle(self, value):
        self._handle = value
        self._observed = True

    def _file_handle_unmoved(self):
        return self._handle

    cdef inline bint watched(self):
        """Whether the tracked file's position or state can be seen by anyone else."""
        if self._tracked is None:
            return False
        if not self._observed and reference_count(<PyObject*>self._tracked) > self._own_references:
            self._observed = True
        return self._observed

    cdef int follow(self, long long end) except -1:
        """Move the tracked file to `end` (bytes from where reading began), or
        raise its own error if it has been closed."""
        if self._seek_tracked:
            try:
                self._tracked.seek(self._start + end)
                self._file_at = end
            except ValueError:
                if getattr(self._tracked, "closed", False):
                    self.raise_closed()
                raise
        elif getattr(self._tracked, "closed", False):
            self.raise_closed()
        return 0

    cdef int raise_closed(self) except -1:
        self._tracked.read(0)  # the file's own error, as pymarc's next read() meets it
        raise ValueError("I/O operation on closed file.")

    def _resume(self, chunk, error, bint fatal):
        """Take over where a pickled reader was: its last chunk and exception
        (and, after a fatal error, its end)."""
        self._chunk = chunk
        self._exception = error
        if fatal:
            self._stopped = self._fatal_stop = True

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
                self._batch_key = self._parser_key
                self._reparse = self._batch_key != self._wanted_key
                return True
            if status == STATUS_END:
                return False
            if status == STATUS_NEED_INPUT:
                if self._source is None:
                    chunk = b""
                else:
                    if self._seek_tracked and self._file_at != self._fed:
                        self.follow(self._fed)  # back to where reading ahead stopped
                    chunk = self._source.read(self._read_chunk)
                if isinstance(chunk, str):
                    raise TypeError("MARCReader needs a binary file: read() returned str; open it with mode 'rb'")
                if chunk:
                    self._fed += len(chunk)
                    self._file_at = self._fed
                    self._parser.feed(bytes(chunk))
                else:
                    self._parser.finish()

    def __next__(self):
        """The next record, or None for a bad one (see ``current_exception``)."""
        cdef RecordData item
        cdef unsigned int flags
        cdef long long end
        if self._pymarc_loop:
            return self._next_like_pymarc()
        if self._stopped or self._closed:
            if self._fatal_stop:
                raise StopIteration  # pymarc stops after a fatal error without reading again
            if self._handle is not None and getattr(self._handle, "closed", False):
                self._handle.read(0)  # pymarc reads again, and meets the file's own error
            if self._closed:
                raise ValueError("I/O operation on a closed MARCReader")
            raise StopIteration
        self._chunk = None
        self._exception = None
        if self._next >= len(self._items) and not self.refill():
            self._current_item = None
            self._chunk = b""  # pymarc's last read(5)
            self._stopped = True
            self._items = []
            self._parser.close()  # done with the input: let go of its memory (and threads) now
            raise StopIteration
        item = self._items[self._next]
        if self._reparse and not is_fatal(item.error.code):
            item = self.reparse(item)
        end = item.record.stream_offset + item.record.buffer.size()
        if self.watched():
            self.follow(end)  # before taking the item, so that a closed file raises again next time
        self._consumed = end
        self._items[self._next] = None  # the batch no longer keeps the record alive
        self._next += 1
        self._current_item = item
        flags = item.record.flags
        if flags & (kFlagDelimitedRecord | kFlagDelimitedField):
            self._oversized_count += 1
        if flags & kFlagDecoderMessages:  # pymarc prints MARC-8 trouble as it decodes
            sys.stderr.write(item.messages)
        if item.error.code == CErrorCode.kOk:
            if not (flags & self._careful_flags or self._all_careful) and (flags & kFlagUtf8 or self._default_encoding):
                return make_record(item, self._to_unicode, self._force_utf8, self._utf8_handling)
            return self._careful(item)
        error = exception_for(item)
        if isinstance(error, MemoryError):
            raise error
        self._exception = error
        if is_fatal(item.error.code):
            self._stopped = True
            self._fatal_stop = True
            self._parser.close()
        return None

    cdef RecordData reparse(self, RecordData item):
        """`item` parsed again from its bytes with the reader's options now."""
        cdef RecordData fresh = RecordData.__new__(RecordData)
        with nogil:
            parse_record(item.record.buffer.data(), item.record.buffer.size(), self._options, fresh.record,
                         fresh.error)
        fresh.record.record_index = item.record.record_index
        fresh.record.stream_offset = item.record.stream_offset
        fresh.record.flags |= item.record.flags & kFlagDelimitedRecord  # how the scanner cut it
        fresh.error.record_index = item.error.record_index
        fresh.error.byte_offset = fresh.record.stream_offset + fresh.error.offset_in_record
        return fresh

    def _careful(self, RecordData item):
        """A record the fast path does not cover: pymarc's logging, or decoding in Python."""
        if item.record.flags & _SLOW_PATH_FLAGS or self._all_careful or not (item.is_utf8 or self._default_encoding):
            return self._decode_in_python(item)
        log_indicator_anomalies(item)
        return make_record(item, self._to_unicode, self._force_utf8, self._utf8_handling)

    def _decode_in_python(self, RecordData item):
        raise NotImplementedError  # MARCReader supplies it

    def _next_like_pymarc(self):
        raise NotImplementedError  # MARCReader supplies it


_CHEAP_SEEK_TYPES = (io.FileIO, io.BufferedReader, io.BufferedRandom, io.BytesIO)


def _cheap_to_seek(handle):
    """Whether the reader may seek `handle` after every record: a seekable file
    of a type whose seek is cheap."""
    if not isinstance(handle, _CHEAP_SEEK_TYPES):
        return False
    try:
        return handle.seekable()
    except (OSError, ValueError):
        return False
