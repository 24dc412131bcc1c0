"""MARCReader with pymarc 5.4.0's semantics, fed by the C++ core.

Records are parsed in batches with the GIL released. Like pymarc, a bad record
yields None and sets ``current_exception``/``current_chunk``; after a fatal
error (RecordLengthInvalid, TruncatedRecord, EndOfRecordNotFound) iteration
stops.
"""

import io
import os
import sys
from collections import deque

from mrrc._core import STATUS_END, STATUS_NEED_INPUT, FileParser, StreamParser
from mrrc._errors import exception_for
from mrrc._pending import pending_class
from mrrc.exceptions import (  # noqa: F401  (pymarc.reader exposes these names too)
    EndOfRecordNotFound,
    FatalReaderError,
    PymarcException,
    RecordLengthInvalid,
    TruncatedRecord,
)
from mrrc.field import Field, Indicators, Subfield  # noqa: F401
from mrrc.leader import Leader  # noqa: F401
from mrrc._core import (
    _DECODER_MESSAGES,
    _INDICATOR_ANOMALY,
    _SLOW_PATH_FLAGS,
    _UTF8,
    log_indicator_anomalies,
    record_from_data,
)
from mrrc.record import Record

BATCH_RECORDS = 256  # records per trip into C++ without the GIL
BATCH_BYTES = 4 << 20  # hard cap on a batch's record bytes
READ_CHUNK = 1 << 20  # bytes asked of a Python file object per read()
QUEUE_BATCHES = 4  # batches a path reader's producer thread may parse ahead

_ACCEPTED = "a path (str or os.PathLike), bytes, or a binary file object with read()"


class Reader:
    """Base class of the readers: an iterator over records."""

    def __iter__(self):
        return self


class MARCReader(Reader):
    """Iterate over ISO 2709 records from a path, bytes, or a binary file."""

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
    ):
        super().__init__()
        threads = resolve_threads(threads)
        self.to_unicode = to_unicode
        self.force_utf8 = force_utf8
        self.hide_utf8_warnings = hide_utf8_warnings
        self.utf8_handling = utf8_handling
        self.file_encoding = file_encoding
        self.permissive = permissive  # accepted and ignored, as in pymarc 5.x
        self._current_item = None
        self._current_chunk = None
        self._current_exception = None
        self._items = deque()
        self._stopped = False
        self._closed = False
        # Records that need more than the fast path: careful (flagged) ones always;
        # all of them when to_unicode is off; non-UTF-8 ones with another file_encoding.
        self._careful_flags = _SLOW_PATH_FLAGS | _INDICATOR_ANOMALY
        self._all_careful = not to_unicode
        self._default_encoding = file_encoding == "iso8859-1"
        self._source = None  # the Python file object read in chunks, if any
        parse_options = {
            "force_utf8": force_utf8,
            "validate_text": to_unicode,
            "strict_values": utf8_handling == "strict",
            "decode_marc8": to_unicode and file_encoding == "iso8859-1",
            "marc8_quiet": hide_utf8_warnings,
        }
        threaded = {"batch_records": BATCH_RECORDS, "batch_bytes": BATCH_BYTES, "queue_batches": QUEUE_BATCHES,
                    "threads": threads}
        if isinstance(marc_target, (str, os.PathLike)):
            # C++ reads and parses on its own threads, a few batches ahead.
            self.file_handle = None
            self._parser = FileParser(marc_target, **threaded, **parse_options)
            return
        if isinstance(marc_target, (bytes, bytearray, memoryview)):
            data = bytes(marc_target)  # bytes: no copy; mutable buffers are copied once
            self.file_handle = io.BytesIO(data)
            if threads > 1:
                self._parser = FileParser(data, **threaded, **parse_options)
            else:
                self._parser = StreamParser(**parse_options)
                self._parser.attach(data)
            return
        self._parser = StreamParser(**parse_options)  # Python reads, C++ parses each chunk
        if hasattr(marc_target, "read"):
            if isinstance(marc_target, io.TextIOBase):
                raise TypeError("MARCReader needs a binary file: open the file with mode 'rb', not 'r'")
            self.file_handle = marc_target
            self._source = marc_target
        else:
            raise TypeError(f"MARCReader accepts {_ACCEPTED}, not {type(marc_target).__name__}")

    # -- pymarc's reader state --------------------------------------------------
    @property
    def current_chunk(self):
        if self._current_chunk is None and self._current_item is not None:
            self._current_chunk = self._current_item.chunk
        return self._current_chunk

    @property
    def current_exception(self):
        return self._current_exception

    def close(self):
        """Stop reading and close the input (a file object passed in is closed too)."""
        self._closed = True
        self._parser.close()
        if self.file_handle is not None:
            self.file_handle.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()
        return False

    # -- iteration ---------------------------------------------------------------
    def _refill(self):
        """Fetch the next batch of items; False at the end of the stream."""
        parser = self._parser
        while True:
            status, items = parser.next_batch(BATCH_RECORDS, BATCH_BYTES)
            if items:
                self._items = deque(items)
                return True
            if status == STATUS_END:
                return False
            if status == STATUS_NEED_INPUT:
                chunk = self._source.read(READ_CHUNK) if self._source is not None else b""
                if isinstance(chunk, str):
                    raise TypeError("MARCReader needs a binary file: read() returned str; open it with mode 'rb'")
                if chunk:
                    parser.feed(bytes(chunk))
                else:
                    parser.finish()

    def __next__(self):
        if self._stopped or self._closed:
            if self._closed:
                raise ValueError("I/O operation on a closed MARCReader")
            raise StopIteration
        self._current_chunk = None
        self._current_exception = None
        items = self._items
        if not items and not self._refill():
            self._current_item = None
            self._stopped = True
            raise StopIteration
        item = self._current_item = self._items.popleft()
        if item.flags & _DECODER_MESSAGES:  # pymarc prints MARC-8 trouble as it decodes
            sys.stderr.write(item.messages)
        if item.ok:
            flags = item.flags
            if not (flags & self._careful_flags or self._all_careful) and (
                flags & _UTF8 or self._default_encoding
            ):
                return record_from_data(item, self.to_unicode, self.force_utf8, self.utf8_handling)
            return self._careful(item)
        error = exception_for(item)
        if isinstance(error, MemoryError):
            raise error
        self._current_exception = error
        if isinstance(error, FatalReaderError):
            self._stopped = True
        return None

    def _careful(self, item):
        """A record the fast path does not cover: pymarc's logging, or decoding in Python."""
        if item.flags & _SLOW_PATH_FLAGS or self._all_careful or not (item.is_utf8 or self._default_encoding):
            return self._decode_in_python(item)
        log_indicator_anomalies(item)
        return record_from_data(item, self.to_unicode, self.force_utf8, self.utf8_handling)

    def _decode_in_python(self, item):
        try:
            return Record(
                item.chunk,
                to_unicode=self.to_unicode,
                force_utf8=self.force_utf8,
                hide_utf8_warnings=self.hide_utf8_warnings,
                utf8_handling=self.utf8_handling,
                file_encoding=self.file_encoding,
            )
        except Exception as error:  # pymarc: any decoding error yields None
            error.record_index = item.record_index
            error.byte_offset = item.stream_offset
            self._current_exception = error
            return None


JSONReader = pending_class("JSONReader", "MARC-in-JSON reading (JSONReader)", Reader)
MARCMakerReader = pending_class("MARCMakerReader", "MARCMaker reading (MARCMakerReader)", Reader)


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
