# ISO 2709 writing for mrrc.writer.MARCWriter. Included by _core.pyx.
#
# A file object (pymarc's way) gets one write() of each record's bytes, made
# in one pass in C++: its position, its other writes and a `with open(...)`
# block that never closes the writer all behave exactly as with pymarc.
# A path (beyond pymarc) is opened by C++: records are gathered in batches of
# references to their C++ form, each batch is serialised at once without the
# GIL (so writers on several threads serialise in parallel), and a writer
# thread writes the bytes while Python goes on producing (record_writer.hpp).
# Records whose Python objects say something else (modified, or made in
# Python) are serialised by as_marc() at write() and join the batch as bytes.
# write_all (beyond pymarc) uses the same batches, for a path or for a file
# object given one write() per batch.

from cpython.pythread cimport (NOWAIT_LOCK, WAIT_LOCK, PyThread_acquire_lock, PyThread_allocate_lock,
                               PyThread_free_lock, PyThread_release_lock, PyThread_type_lock)

import atexit
import weakref

from mrrc.exceptions import WriteNeedsRecord

cdef size_t BATCH_RECORDS = 256  # per thread serialising a batch
cdef size_t BATCH_BYTES = 1 << 20
cdef size_t QUEUE_BATCHES = 4

_open_files = weakref.WeakSet()


def write_iso2709(self, record):
    """Write the record's ISO 2709 bytes (UTF-8, or MARC-8 with encoding="marc8"),
    as pymarc's MARCWriter.write does; WriteNeedsRecord for anything but a Record.
    With the writer's `allow_oversized`, a record past the ISO 2709 limits is
    written with the numbers that do not fit as zeros."""
    if not isinstance(record, Record):  # pymarc's Writer.write
        raise WriteNeedsRecord
    handle = self.file_handle
    if not handle:  # pymarc writes nothing then (after close(), file_handle is None)
        return
    encoding = self.encoding
    cdef bint allow_oversized = getattr(self, "allow_oversized", False)
    if type(handle) is Iso2709File:
        (<Iso2709File>handle).add(record, encoding, allow_oversized)
    else:
        handle.write(marc_bytes(record, encoding, allow_oversized))


cdef bytes marc_bytes(object record, object encoding, bint allow_oversized):
    """record.as_marc() as the writers call it: with allow_oversized only when
    it is asked for and the record's as_marc() is mrrc's own (a subclass's
    override keeps pymarc's signature)."""
    if encoding is None and type(record) is Record:  # as_marc() itself, without the method call
        written = (<Record>record)._marc_from_core(allow_oversized)
        if written is not None:
            return written
    if allow_oversized and type(record).as_marc is Record.as_marc:
        return record.as_marc(encoding=encoding, allow_oversized=True)
    if encoding is None:
        return record.as_marc()
    return record.as_marc(encoding=encoding)


@cython.no_gc_clear  # the items point into the objects `_keep` holds: never cleared before __dealloc__
cdef class Iso2709File:
    """A file that C++ creates and writes on a thread of its own: MARCWriter's
    file_handle when it is given a path. Behaves as a binary file for
    write(bytes), flush(), close() and `closed`; errors from the operating
    system (a full disk) are raised as OSError at the next write, flush or close.
    With `handle` instead of a path (write_all's way with a file object), each
    batch is serialised without the GIL and given to handle.write() at once."""

    cdef unique_ptr[CFileWriter] _writer
    cdef object _handle          # a Python file object instead of a path, or None
    cdef unique_ptr[CByteBuffer] _scratch  # the handle's batch bytes
    cdef bint _closed
    cdef vector[CWriteItem] _items  # the batch being gathered
    cdef size_t _batch_bytes
    cdef size_t _batch_records_limit
    cdef size_t _batch_bytes_limit
    cdef list _keep          # what the items point into
    cdef unsigned _threads
    cdef PyThread_type_lock _lock
    cdef bint _reported      # the thread's error has been raised already
    cdef readonly object name
    cdef object __weakref__

    def __cinit__(self):
        self._lock = PyThread_allocate_lock()
        if self._lock == NULL:
            raise MemoryError()

    def __init__(self, path=None, threads=1, handle=None):
        """Create (or truncate) the file at `path` (OSError as open(path, "wb")
        would raise), or write to the binary file object `handle`. `threads`:
        C++ threads serialising each batch (batches grow with them)."""
        cdef int error_number = 0
        cdef bytes encoded
        self._threads = max(1, int(threads))
        self._batch_records_limit = BATCH_RECORDS * (1 if self._threads == 1 else 4 * self._threads)
        self._batch_bytes_limit = BATCH_BYTES * (1 if self._threads == 1 else 4 * self._threads)
        self._keep = []
        self._items.reserve(self._batch_records_limit)
        if handle is not None:
            self._handle = handle
            self.name = getattr(handle, "name", None)
            self._scratch.reset(new CByteBuffer())
            return
        encoded = os.fsencode(path)
        self.name = path
        self._writer.reset(new CFileWriter(QUEUE_BATCHES))
        if not self._writer.get().open(encoded, error_number):
            self._writer.reset()
            self._closed = True
            raise OSError(error_number, os.strerror(error_number), os.fsdecode(path))
        _open_files.add(self)

    def __dealloc__(self):
        # Dropped without close(): write what was accepted, as a Python file
        # flushes when it is freed; an error then has nobody to go to.
        if self._writer:
            with nogil:
                self._serialise_and_submit()
                self._writer.get().close()
        self._forget_batch()  # (the records it held are no longer in a batch)
        # (a handle's last batch needs Python, which may be gone: write_all closes it)
        if self._lock != NULL:
            PyThread_free_lock(self._lock)

    cdef bint _serialise_and_submit(self) noexcept nogil:
        """Serialise the gathered items into a buffer and hand it to the thread;
        False when memory ran out or the thread refused it (it failed)."""
        cdef unique_ptr[CByteBuffer] buffer
        if self._items.size() == 0:
            return True
        buffer = self._writer.get().spare()
        if not buffer or not serialize_batch(self._items.data(), self._items.size(), self._threads,
                                             deref(buffer)):
            return False
        self._items.clear()
        return self._writer.get().submit(move(buffer))

    cdef int _acquire(self) except -1:
        if not PyThread_acquire_lock(self._lock, NOWAIT_LOCK):
            with nogil:  # another thread is writing: wait for it without holding the GIL it needs
                PyThread_acquire_lock(self._lock, WAIT_LOCK)
        return 0

    cdef int _check(self) except -1:
        """Raise what the thread met, or ValueError once closed."""
        if self._closed:
            raise ValueError("I/O operation on closed file.")
        if not self._writer:
            return 0
        cdef int error_number = self._writer.get().error_number()
        if error_number != 0:
            self._reported = True
            raise OSError(error_number, os.strerror(error_number), os.fsdecode(self.name))
        return 0

    cdef int add(self, object record, object encoding, bint allow_oversized=False) except -1:
        """Take a record into the batch (MARCWriter.write)."""
        cdef Record r
        cdef RecordData data
        cdef CWriteItem item
        self._acquire()
        try:
            self._check()
            if (encoding is None and type(record).as_marc is Record.as_marc and (<Record>record)._leader is None
                    and (<Record>record).to_unicode and (<Record>record)._serialisable_from_core()):
                r = <Record>record
                data = r._data
                r._coding_a = True  # as as_marc() does: the leader, made later, shows the 'a'
                if surely_fits(data.record, data.record.leader()):
                    item.record = &data.record
                    item.coding_scheme = b"a"
                    self._keep.append(data)
                    data.in_flight += 1
                    self._items.push_back(item)
                    self._batch_bytes += data.record.buffer.size()
                else:  # near or past the limits: serialised now, so that it raises here if it must
                    self._add_bytes(data.to_bytes(None, b"a", allow_oversized))
            else:
                self._add_bytes(marc_bytes(record, encoding, allow_oversized))
            if self._items.size() >= self._batch_records_limit or self._batch_bytes >= self._batch_bytes_limit:
                self._submit()
        finally:
            PyThread_release_lock(self._lock)
        return 0

    def write_records(self, records, encoding=None, bint allow_oversized=False):
        """Write every record of an iterable (write_all); the number written.
        A record that cannot be written raises with `record_index` set on the
        exception, after the records before it. `allow_oversized`: as
        MARCWriter's."""
        cdef Py_ssize_t count = 0
        try:
            for record in records:
                if not isinstance(record, Record):
                    raise WriteNeedsRecord
                self.add(record, encoding, allow_oversized)
                count += 1
        except Exception as error:
            error.record_index = count
            raise
        return count

    cdef int _add_bytes(self, bytes chunk) except -1:
        cdef CWriteItem item
        item.bytes = string_view(PyBytes_AS_STRING(chunk), PyBytes_GET_SIZE(chunk))
        self._keep.append(chunk)
        self._items.push_back(item)
        self._batch_bytes += PyBytes_GET_SIZE(chunk)
        return 0

    cdef int _submit(self) except -1:
        """Serialise the batch (without the GIL) and hand it over: to the
        thread (waiting while its queue is full), or to handle.write()."""
        cdef bint accepted
        cdef bytes chunk
        if self._handle is not None:
            with nogil:
                accepted = serialize_batch(self._items.data(), self._items.size(), self._threads,
                                           deref(self._scratch))
            self._forget_batch()
            if not accepted:
                raise MemoryError()
            chunk = PyBytes_FromStringAndSize(self._scratch.get().data(), self._scratch.get().size())
            self._scratch.get().clear()
            if PyBytes_GET_SIZE(chunk):
                self._handle.write(chunk)
            return 0
        with nogil:
            accepted = self._serialise_and_submit()
        self._forget_batch()
        if not accepted:
            self._check()
            raise MemoryError()
        return 0

    cdef void _abandon(self) noexcept:
        # The FileWriter's thread does not exist in this process: its object is
        # let go without its destructor (which would join that thread).
        self._writer.release()
        self._closed = True
        self._forget_batch()

    cdef void _forget_batch(self) noexcept:
        for kept in self._keep:
            if type(kept) is RecordData:
                (<RecordData>kept).in_flight -= 1
        self._items.clear()
        self._keep = []
        self._batch_bytes = 0

    cdef int _drain(self) except -1:
        self._submit()
        if self._writer:
            with nogil:
                self._writer.get().drain()
        return 0

    def write(self, data):
        """Append bytes (anything with the buffer protocol) after the records written so far."""
        self._acquire()
        try:
            self._check()
            self._add_bytes(bytes(data))
            if self._batch_bytes >= self._batch_bytes_limit:
                self._submit()
        finally:
            PyThread_release_lock(self._lock)
        return len(data)

    def flush(self):
        """Wait until everything written so far is in the file."""
        self._acquire()
        try:
            self._check()
            self._drain()
            self._check()
        finally:
            PyThread_release_lock(self._lock)

    def close(self):
        """Write what is left and close the file (a `handle` is left open);
        OSError if writing failed and was not reported yet. Closing again does nothing."""
        cdef int error_number
        self._acquire()
        try:
            if self._closed:
                return
            if self._handle is not None:
                self._closed = True
                try:
                    self._submit()
                finally:
                    self._forget_batch()
                    self._handle = None
                return
            with nogil:
                self._serialise_and_submit()
                error_number = self._writer.get().close()  # waits for everything submitted
            self._writer.reset()
            self._closed = True
            self._forget_batch()
            _open_files.discard(self)
            if error_number != 0 and not self._reported:
                self._reported = True
                raise OSError(error_number, os.strerror(error_number), os.fsdecode(self.name))
        finally:
            PyThread_release_lock(self._lock)

    @property
    def closed(self):
        return self._closed

    @property
    def bytes_written(self):
        """Bytes in a path's file so far (a batch still being gathered is not counted)."""
        return self._writer.get().bytes_written() if self._writer else None

    def writable(self):
        return True

    def __repr__(self):
        return f"<mrrc Iso2709File name={self.name!r}{' closed' if self.closed else ''}>"

    def __reduce__(self):
        raise TypeError(f"cannot pickle {type(self).__name__!r} object")


def _abandon_in_child():
    """After fork() the child has the parent's writers but not their threads:
    it must neither wait for those threads nor write the parent's records again."""
    for handle in list(_open_files):
        (<Iso2709File>handle)._abandon()
    _open_files.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_abandon_in_child)


@atexit.register
def _close_open_files():
    """Writers still open when the interpreter exits: write what they accepted."""
    for handle in list(_open_files):
        try:
            handle.close()
        except OSError as error:
            sys.stderr.write(f"mrrc: could not finish writing {handle.name!r}: {error}\n")
