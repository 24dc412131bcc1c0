# StreamParser: batches of RecordData read with the GIL released. Included by _core.pyx.

cdef class StreamParser:
    """Reads a stream of records in batches with the GIL released. The input is
    attached bytes, a path read by C++, or bytes fed by the caller."""

    cdef CStreamReader* reader
    cdef vector[CReadItem] batch
    cdef object keepalive
    cdef bint busy
    cdef bint oversized  # records delimited by their terminators where their lengths cannot be right

    def __cinit__(self, bint force_utf8=False, bint validate_text=True, bint strict_values=True,
                  bint strict_structure=False, bint decode_marc8=False, bint marc8_quiet=False,
                  size_t chunk_size=1 << 20, bint oversized=False):
        cdef CParseOptions options = make_options(force_utf8, validate_text, strict_values, strict_structure,
                                                  decode_marc8, marc8_quiet, oversized)
        self.oversized = oversized
        self.reader = new CStreamReader(options, chunk_size)

    def __dealloc__(self):
        if self.reader != NULL:
            with nogil:
                del self.reader
            self.reader = NULL

    cdef int enter(self) except -1:
        if self.reader == NULL:
            raise ValueError("the parser is closed")
        if self.busy:
            raise RuntimeError("a reader was used from two threads at once; give each thread its own reader")
        self.busy = True
        return 0

    def attach(self, data):
        """Read from `data` (bytes, or a read-only buffer such as a read-only
        mmap or memoryview) without copying it; the parser keeps it alive."""
        cdef const unsigned char[::1] view
        self.enter()
        try:
            if isinstance(data, bytes):
                self.keepalive = data
                self.reader.attach_memory(PyBytes_AS_STRING(data), PyBytes_GET_SIZE(data))
            else:
                view = data  # a read-only, contiguous buffer; the memoryview pins it
                self.keepalive = view
                if view.shape[0] == 0:
                    self.reader.attach_memory(NULL, 0)
                else:
                    self.reader.attach_memory(<const char*>&view[0], view.shape[0])
        finally:
            self.busy = False

    def open_path(self, path):
        """Open a file for the C++ side to read; raises OSError as open() would."""
        cdef bytes encoded = os.fsencode(path)
        cdef const char* c_path = PyBytes_AS_STRING(encoded)
        cdef int error_number = 0
        cdef bint ok
        self.enter()
        try:
            with nogil:
                ok = self.reader.open_file(c_path, error_number)
        finally:
            self.busy = False
        if not ok:
            raise OSError(error_number, os.strerror(error_number), os.fsdecode(path))

    def feed(self, bytes data):
        cdef const char* c_data = PyBytes_AS_STRING(data)
        cdef size_t c_size = PyBytes_GET_SIZE(data)
        cdef bint ok
        self.enter()
        try:
            with nogil:
                ok = self.reader.feed(c_data, c_size)
        finally:
            self.busy = False
        if not ok:
            raise MemoryError("out of memory while buffering input")

    def finish(self):
        self.enter()
        self.reader.finish_input()
        self.busy = False

    def set_options(self, bint force_utf8, bint validate_text, bint strict_values, bint decode_marc8,
                    bint marc8_quiet):
        """Parse the records of later batches with these options."""
        self.enter()
        self.reader.set_options(make_options(force_utf8, validate_text, strict_values, False, decode_marc8,
                                             marc8_quiet, self.oversized))
        self.busy = False

    def next_batch(self, size_t max_records, size_t max_bytes):
        """(status, [RecordData, ...]); status is STATUS_ITEMS, STATUS_NEED_INPUT
        or STATUS_END."""
        cdef CStreamStatus status
        cdef list items = []
        self.enter()
        try:
            with nogil:
                status = self.reader.next_batch(self.batch, max_records, max_bytes)
            for i in range(self.batch.size()):
                items.append(wrap_item(self.batch[i]))
            self.batch.clear()
        finally:
            self.busy = False
        if status == CStreamStatus.kFailed:
            if self.reader.failure() == CErrorCode.kIoError:
                error_number = self.reader.failure_errno()
                raise OSError(error_number, os.strerror(error_number))
            raise MemoryError("out of memory while reading records")
        return <int>status, items

    def close(self):
        if self.reader != NULL and not self.busy:
            with nogil:
                self.reader.close()
        self.keepalive = None


cdef class FileParser:
    """Reads a file (or bytes) on C++ threads. With threads=1 a producer thread
    reads and parses a few batches ahead and hands them over through a
    lock-free SPSC queue; with threads=N a scanner thread cuts the input into
    batches, N workers parse them, and batches come back in input order.
    Waiting for a batch releases the GIL."""

    cdef CThreadedReader* single
    cdef CParallelReader* parallel
    cdef RecordReturns returns  # threads=1: where dropped records go back to the producer
    cdef object keepalive
    cdef bint busy

    def __cinit__(self, source, bint force_utf8=False, bint validate_text=True, bint strict_values=True,
                  bint strict_structure=False, bint decode_marc8=False, bint marc8_quiet=False,
                  size_t batch_records=256, size_t batch_bytes=4 << 20, size_t queue_batches=4,
                  unsigned threads=1, bint oversized=False):
        cdef CThreadedReaderOptions options
        cdef bytes encoded
        cdef const char* c_path = NULL
        cdef const char* c_data = NULL
        cdef size_t c_size = 0
        cdef int error_number = 0
        cdef bint ok
        options.parse = make_options(force_utf8, validate_text, strict_values, strict_structure,
                                     decode_marc8, marc8_quiet, oversized)
        options.batch_records = batch_records
        options.batch_bytes = batch_bytes
        options.queue_batches = queue_batches
        options.chunk_size = 1 << 20
        if isinstance(source, bytes):
            if threads <= 1:
                raise ValueError("bytes are read by FileParser only with threads > 1; use StreamParser")
            self.keepalive = source
            c_data = PyBytes_AS_STRING(source)
            c_size = PyBytes_GET_SIZE(source)
        else:
            encoded = os.fsencode(source)
            c_path = PyBytes_AS_STRING(encoded)
        if threads <= 1:
            self.single = new CThreadedReader(options)
            self.returns = record_returns(self.single.pool())
            with nogil:
                ok = self.single.open(c_path, error_number)
        else:
            self.parallel = new CParallelReader(options, threads)
            with nogil:
                ok = self.parallel.attach(c_data, c_size) if c_path == NULL else \
                    self.parallel.open(c_path, error_number)
        if not ok:
            if c_path == NULL:
                raise MemoryError("could not start the reading threads")
            raise OSError(error_number, os.strerror(error_number), os.fsdecode(source))

    def __dealloc__(self):
        self.release()

    cdef void release(self) noexcept:
        with nogil:  # the destructors stop and join the C++ threads
            if self.single != NULL:
                del self.single
            if self.parallel != NULL:
                del self.parallel
        self.single = NULL
        self.parallel = NULL

    def next_batch(self, size_t max_records=0, size_t max_bytes=0):
        """(status, [RecordData, ...]) as StreamParser.next_batch gives them; the
        batch size was fixed when the parser was made."""
        cdef unique_ptr[CBatch] batch
        cdef list items = []
        cdef RecordData data
        if self.single == NULL and self.parallel == NULL:
            raise ValueError("the parser is closed")
        if self.busy:
            raise RuntimeError("a reader was used from two threads at once; give each thread its own reader")
        self.busy = True
        try:
            with nogil:
                if self.single != NULL:
                    batch = self.single.pop()
                else:
                    batch = self.parallel.pop()
            for i in range(batch.get().items.size()):
                data = wrap_item(batch.get().items[i])
                data.returns = self.returns
                items.append(data)
        finally:
            self.busy = False
        status = batch.get().status
        if status == CStreamStatus.kFailed:
            if batch.get().failure == CErrorCode.kIoError:
                error_number = batch.get().failure_errno
                raise OSError(error_number, os.strerror(error_number))
            raise MemoryError("out of memory while reading records")
        if status == CStreamStatus.kEnd and items:
            status = CStreamStatus.kItems  # hand over the items; the next call says kEnd
        return <int>status, items

    def ready(self):
        """Batches the producer has parsed that are waiting to be taken (threads=1)."""
        return 0 if self.single == NULL else self.single.ready()

    def close(self):
        """Stop the C++ threads and join them."""
        if not self.busy:
            self.release()
        self.keepalive = None
