"""MARCReader with pymarc 5.4.0's semantics, fed by the C++ core.

Records are parsed in batches with the GIL released. Like pymarc, a bad record
yields None and sets ``current_exception``/``current_chunk``; after a fatal
error (RecordLengthInvalid, TruncatedRecord, EndOfRecordNotFound) iteration
stops.
"""

import io
import mmap
import os

from mrrc._core import FileParser, ReaderCore, StreamParser
from mrrc._reader_base import Reader
from mrrc._text_readers import JSONReader, MARCMakerReader  # noqa: F401  (pymarc.reader defines them)
from mrrc.exceptions import (  # noqa: F401  (pymarc.reader exposes these names too)
    EndOfRecordNotFound,
    FatalReaderError,
    PymarcException,
    RecordLengthInvalid,
    TruncatedRecord,
)
from mrrc.field import Field, Indicators, Subfield  # noqa: F401
from mrrc.leader import Leader  # noqa: F401
from mrrc.oversized import scan_mode
from mrrc.record import Record

BATCH_RECORDS = 256  # records per trip into C++ without the GIL
BATCH_BYTES = 4 << 20  # hard cap on a batch's record bytes
READ_CHUNK = 1 << 20  # bytes asked of a Python file object per read()
QUEUE_BATCHES = 4  # batches a path reader's producer thread may parse ahead

_ACCEPTED = "a path (str or os.PathLike), bytes or another buffer (bytearray, memoryview, mmap), or a binary file"


class _ReaderState:
    """pymarc's class attributes ``_current_chunk`` and ``_current_exception``:
    None on the class; on a reader, what its loop (or a subclass's own
    ``__next__``) last stored, kept in the compiled loop's slots so that the
    loop never writes to the instance dictionary."""

    def __init__(self, getter, setter):
        self.getter = getter
        self.setter = setter

    def __get__(self, reader, owner=None):
        return None if reader is None else self.getter(reader)

    def __set__(self, reader, value):
        self.setter(reader, value)

    def __delete__(self, reader):
        self.setter(reader, None)  # back to the class's None, as deleting pymarc's instance attribute


class MARCReader(ReaderCore, Reader):
    """Iterate over ISO 2709 records from a path, bytes, or a binary file.

    The per-record loop (ReaderCore, mrrc/_reader.pxi) runs in C; this class
    chooses how the input is read and keeps pymarc's attributes.
    """

    _current_chunk = _ReaderState(ReaderCore._get_chunk, ReaderCore._set_chunk)
    _current_exception = _ReaderState(ReaderCore._get_exception, ReaderCore._set_exception)
    _replaces_loop = False  # a subclass defines __next__ (see __init_subclass__)

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # A subclass that copies pymarc's class body redefines the two as None:
        # drop those, so that its instances still share state with the loop.
        for name in ("_current_chunk", "_current_exception"):
            if name in vars(cls) and vars(cls)[name] is None:
                delattr(cls, name)
        cls._replaces_loop = cls.__next__ is not MARCReader.__next__

    @property
    def current_chunk(self):
        """The bytes read for the last record or failed chunk (None before the first)."""
        return self._current_chunk

    @property
    def current_exception(self):
        """Why the last item was None: the exception, or None after a good record."""
        return self._current_exception

    def __setattr__(self, name, value):
        super().__setattr__(name, value)
        if name in _DECODING_OPTIONS and self._configured():
            self._apply_options(*self._decoding())  # pymarc reads them for every record: so do we

    def _decoding(self):
        to_unicode, force_utf8 = self.to_unicode, self.force_utf8
        utf8_handling, file_encoding = self.utf8_handling, self.file_encoding
        parse_key = (bool(force_utf8), bool(to_unicode), utf8_handling == "strict",
                     bool(to_unicode) and file_encoding == "iso8859-1", bool(self.hide_utf8_warnings))
        return to_unicode, force_utf8, utf8_handling, file_encoding, parse_key

    def __init__(
        self,
        marc_target,
        to_unicode=True,
        force_utf8=False,
        hide_utf8_warnings=False,
        utf8_handling="strict",
        file_encoding="iso8859-1",
        permissive=False,
        threads=None,
        oversized=None,
    ):
        """`marc_target`: a path, bytes (or another buffer), or a binary file
        object. The options are pymarc's: `to_unicode` decodes text (MARC-8 or
        UTF-8 as leader byte 9 says), `force_utf8` treats every record as UTF-8,
        `utf8_handling` is the codec error handler ("strict", "replace",
        "ignore"), `hide_utf8_warnings` silences MARC-8 messages,
        `file_encoding` decodes records that are not UTF-8 when it is not
        "iso8859-1" (that value means MARC-8), `permissive` is ignored as in
        pymarc 5. `threads` (mrrc only): parse on that many C++ threads
        (default MRRC_THREADS, else 1; 0 means one per core). `oversized`
        (mrrc only): None reads as pymarc does; "scan" reads records past the
        ISO 2709 limits, delimiting a record whose leader length cannot be
        right by its record terminator and a field whose directory entry
        cannot be right by its field terminator (``record.oversized`` and
        ``oversized_count`` tell which; docs/error-handling.md)."""
        super().__init__()
        self._threads = threads
        self._oversized = oversized
        scanning = scan_mode(oversized)
        threads = resolve_threads(threads)
        self.to_unicode = to_unicode
        self.force_utf8 = force_utf8
        self.hide_utf8_warnings = hide_utf8_warnings
        self.utf8_handling = utf8_handling
        self.file_encoding = file_encoding
        self.permissive = permissive  # accepted and ignored, as in pymarc 5.x
        decoding = self._decoding()
        parse_key = decoding[-1]
        if self._replaces_loop:
            if scanning:
                raise ValueError('oversized="scan" needs MARCReader\'s own loop: this subclass replaces __next__')
            # The subclass's __next__ reads file_handle itself: nothing may read ahead.
            self._configure(None, None, _handle_for_pymarc_loop(marc_target), parse_key, BATCH_RECORDS,
                            BATCH_BYTES, READ_CHUNK)
            self._apply_options(*decoding)
            return
        parse_options = dict(zip(("force_utf8", "validate_text", "strict_values", "decode_marc8", "marc8_quiet"),
                                 parse_key), oversized=scanning)
        threaded = {"batch_records": BATCH_RECORDS, "batch_bytes": BATCH_BYTES, "queue_batches": QUEUE_BATCHES,
                    "threads": threads}
        source = handle = None  # handle: pymarc's file_handle, whose position follows the records
        if isinstance(marc_target, (str, os.PathLike)):
            # C++ reads and parses on its own threads, a few batches ahead.
            parser = FileParser(marc_target, **threaded, **parse_options)
        elif isinstance(marc_target, io.BytesIO):
            # In memory already: parse what is left after its position, from a copy
            # (a BytesIO can be written to while we read).
            handle = marc_target
            data = bytes(marc_target.getbuffer()[marc_target.tell():])
            parser = self._memory_parser(data, threads, threaded, parse_options)
        elif _is_buffer(marc_target):
            data = _stable_bytes(marc_target)
            if isinstance(data, bytes):
                handle = io.BytesIO(data)  # as pymarc's; it moves only once somebody looks at it
            parser = self._memory_parser(data, threads, threaded, parse_options)
        elif hasattr(marc_target, "read"):
            if isinstance(marc_target, io.TextIOBase):
                raise TypeError("MARCReader needs a binary file: open the file with mode 'rb', not 'r'")
            handle = source = marc_target
            parser = StreamParser(**parse_options)  # Python reads, C++ parses each chunk
        else:
            raise TypeError(f"MARCReader accepts {_ACCEPTED}, not {type(marc_target).__name__}")
        self._configure(parser, source, handle, parse_key, BATCH_RECORDS, BATCH_BYTES, READ_CHUNK, scanning)
        self._apply_options(*decoding)

    @staticmethod
    def _memory_parser(data, threads, threaded, parse_options):
        if threads > 1:
            return FileParser(bytes(data), **threaded, **parse_options)
        parser = StreamParser(**parse_options)
        parser.attach(data)
        return parser

    def close(self):
        """Stop reading and close the input (a file object passed in is closed too)."""
        self._stop_reading()
        handle = self._file_handle_unmoved()
        if handle is not None:
            handle.close()

    def __enter__(self):
        return self

    def __reduce_ex__(self, protocol):
        """Pickling and deep copies, where pymarc allows them: a reader over bytes
        or a BytesIO comes back at the same record with the same options; a
        reader over a file fails as pymarc's does (a file cannot be pickled)."""
        if self._file_handle_unmoved() is None:
            raise TypeError("cannot pickle a MARCReader that reads a path or a buffer other than bytes")
        exception = self._current_exception
        return (_unpickle_reader, (type(self), self.file_handle, dict(self.__dict__), self._current_chunk,
                                   exception, isinstance(exception, FatalReaderError)))

    def __copy__(self):
        raise TypeError("a MARCReader cannot be copied with copy.copy(): mrrc reads ahead, so two readers "
                        "cannot share one stream; use copy.deepcopy() for a reader over bytes or a BytesIO")

    def __exit__(self, *exc_info):
        self.close()
        return False

    def _next_like_pymarc(self):
        """pymarc's loop, for subclasses that replace __next__: one read() of
        five bytes and one of the rest of the record, from file_handle as it
        stands, so that the subclass and this loop share the file as in pymarc."""
        if isinstance(self._get_exception(), FatalReaderError):
            raise StopIteration
        self._set_exception(None)
        handle = self.file_handle
        self._set_chunk(None)
        first5 = handle.read(5)
        self._set_chunk(first5)
        if not first5:
            raise StopIteration
        if len(first5) < 5:
            self._set_exception(TruncatedRecord())
            return None
        try:
            length = int(first5)
        except ValueError:
            self._set_exception(RecordLengthInvalid())
            return None
        chunk = first5 + handle.read(length - 5)
        self._set_chunk(chunk)
        if len(chunk) < length:
            self._set_exception(TruncatedRecord())
            return None
        if chunk[-1] != 0x1D:
            self._set_exception(EndOfRecordNotFound())
            return None
        return self._record_from(chunk)

    def _record_from(self, chunk, item=None):
        """pymarc's Record(chunk, options...), or None and current_exception."""
        if item is not None and item.oversized is not None:
            return self._rescued_record_from(chunk, item)
        try:
            return Record(
                chunk,
                to_unicode=self.to_unicode,
                force_utf8=self.force_utf8,
                hide_utf8_warnings=self.hide_utf8_warnings,
                utf8_handling=self.utf8_handling,
                file_encoding=self.file_encoding,
            )
        except Exception as error:  # pymarc: any decoding error yields None
            if item is not None:
                error.record_index = item.record_index
                error.byte_offset = item.stream_offset
            self._set_exception(error)
            return None

    def _decode_in_python(self, item):
        return self._record_from(item.chunk, item)

    def _rescued_record_from(self, chunk, item):
        """A record oversized reading rescued, decoded in Python (pymarc's
        decoding) from the fields the C++ parser found by their terminators."""
        from mrrc import _decode

        record = Record(to_unicode=self.to_unicode, force_utf8=self.force_utf8)
        try:
            _decode.decode_chunk(record, chunk, self.to_unicode, self.force_utf8, self.hide_utf8_warnings,
                                 self.utf8_handling, self.file_encoding, layout=item.field_layout())
        except Exception as error:  # pymarc: any decoding error yields None
            error.record_index = item.record_index
            error.byte_offset = item.stream_offset
            self._set_exception(error)
            return None
        record._mark_oversized(item.oversized)
        return record


_OPTIONS = ("to_unicode", "force_utf8", "hide_utf8_warnings", "utf8_handling", "file_encoding", "permissive")
_MRRC_OPTIONS = {"_threads": "threads", "_oversized": "oversized"}  # kept across pickling
_DECODING_OPTIONS = frozenset(_OPTIONS[:-1])  # permissive has no effect in pymarc 5


def _unpickle_reader(cls, handle, attributes, chunk, exception, fatal):
    # As pymarc's readers unpickle: the class's own __init__ is not called.
    options = {name: attributes[name] for name in _OPTIONS if name in attributes}
    options.update({option: attributes.get(name) for name, option in _MRRC_OPTIONS.items()})
    reader = cls.__new__(cls)
    MARCReader.__init__(reader, handle, **options)
    reader.__dict__.update(attributes)
    reader._resume(chunk, exception, fatal)
    return reader


def _handle_for_pymarc_loop(marc_target):
    """The file_handle of a reader whose subclass replaces __next__: the
    object pymarc would hold (a BytesIO over bytes; a file object as it is).
    For what pymarc does not take (a path, a bytearray or memoryview), the
    file opened or a BytesIO over a copy, so that the subclass can read it."""
    if isinstance(marc_target, (str, os.PathLike)):
        return open(marc_target, "rb")  # noqa: SIM115  (the reader's close() closes it)
    if hasattr(marc_target, "read"):
        if isinstance(marc_target, io.TextIOBase):
            raise TypeError("MARCReader needs a binary file: open the file with mode 'rb', not 'r'")
        return marc_target
    if _is_buffer(marc_target):
        return io.BytesIO(bytes(marc_target))
    raise TypeError(f"MARCReader accepts {_ACCEPTED}, not {type(marc_target).__name__}")


def _is_buffer(value):
    """bytes, bytearray, memoryview, mmap or anything else with the buffer protocol."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return True
    if isinstance(value, str) or hasattr(value, "read") and not isinstance(value, mmap.mmap):
        return False
    try:
        memoryview(value).release()
    except TypeError:
        return False
    return True


def _stable_bytes(buffer):
    """bytes as they are; a read-only buffer used in place (pinned); a writable
    one copied, so that changing it later cannot change what is parsed."""
    if isinstance(buffer, bytes):
        return buffer
    view = memoryview(buffer)
    if view.readonly and view.contiguous:
        return view.cast("B") if view.format != "B" or view.ndim != 1 else view
    return view.tobytes()


def resolve_threads(threads):
    """The number of parsing threads: the argument, else MRRC_THREADS, else 1;
    0 means one per core."""
    if threads is None:
        setting = os.environ.get("MRRC_THREADS", "1").strip() or "1"
        try:
            threads = int(setting)
        except ValueError:
            raise ValueError(f"MRRC_THREADS must be a whole number, not {setting!r}") from None
    if threads == 0:
        threads = os.cpu_count() or 1
    if not isinstance(threads, int) or threads < 0:
        raise ValueError(f"threads must be a whole number >= 0, not {threads!r}")
    return threads


def read_all(source, threads=None, **options):
    """Every record of a path or bytes (None for bad ones, as MARCReader yields
    them), parsed on `threads` C++ threads (default MRRC_THREADS, else 1; 0 = all cores)."""
    with MARCReader(source, threads=threads, **options) as reader:
        return list(reader)


def map_records(f, *files):
    """Apply `f` to every record (or None) of every file, as pymarc does."""
    for file in files:
        list(map(f, MARCReader(file)))

