# Columnar extraction for mrrc/columns.py: column specs checked by the C++
# parser, an ExtractStream driven with the GIL released (batch by batch, or
# handed whole to an Arrow consumer as an ArrowArrayStream), and the Arrow C
# data interface's PyCapsules. Included by _core.pyx.
from cpython.pycapsule cimport PyCapsule_GetPointer, PyCapsule_IsValid, PyCapsule_New
from cpython.ref cimport Py_DECREF, Py_INCREF
from libc.stdlib cimport free, malloc
from libcpp.memory cimport shared_ptr
from mrrc.c_arrow_c_data cimport ArrowArray, ArrowArrayStream, ArrowSchema, export_table_batch
from mrrc.c_column_spec cimport CColumnSpec, CColumnSpecError, parse_column_spec
from mrrc.c_extract cimport (CExtractedBatch, CExtractOptions, CExtractReport, CExtractSource, CExtractStream,
                             CSkippedRecord, export_stream)
from mrrc.c_nfc cimport append_nfc


def check_column_spec(str text):
    """None when `text` is a well-formed column spec, else (position, message)."""
    cdef CColumnSpec spec
    cdef CColumnSpecError error
    cdef bytes encoded = text.encode("utf-8", "surrogateescape")
    if parse_column_spec(string_view(encoded, len(encoded)), spec, error):
        return None
    position = len(encoded[:error.position].decode("utf-8", "surrogateescape"))  # bytes to characters
    return (position, error.message.decode("utf-8", "replace"))


def nfc(str text):
    """The C++ NFC normalisation (as unicodedata.normalize("NFC", text)), for tests."""
    cdef bytes encoded = text.encode("utf-8")
    cdef string out
    append_nfc(encoded, len(encoded), out)
    return out.decode("utf-8")


# -- capsules (their destructors release what no consumer took) ------------------------

cdef void _free_schema(object capsule) noexcept:
    cdef ArrowSchema* schema = <ArrowSchema*>PyCapsule_GetPointer(capsule, "arrow_schema")
    if schema.release != NULL:
        schema.release(schema)
    free(schema)


cdef void _free_array(object capsule) noexcept:
    cdef ArrowArray* array = <ArrowArray*>PyCapsule_GetPointer(capsule, "arrow_array")
    if array.release != NULL:
        array.release(array)
    free(array)


cdef void _free_stream(object capsule) noexcept:
    cdef ArrowArrayStream* stream = <ArrowArrayStream*>PyCapsule_GetPointer(capsule, "arrow_array_stream")
    if stream.release != NULL:
        stream.release(stream)
    free(stream)


cdef void _release_owner(void* owner) noexcept nogil:
    """The stream is gone (released by whichever thread consumed it): let go of its inputs."""
    with gil:
        Py_DECREF(<object>owner)


cdef object _schema_capsule(CExtractStream* stream):
    cdef ArrowSchema* schema = <ArrowSchema*>malloc(sizeof(ArrowSchema))
    if schema == NULL:
        raise MemoryError()
    schema.release = NULL
    if stream.get_schema(schema) != 0:
        free(schema)
        raise MemoryError()
    return PyCapsule_New(schema, "arrow_schema", <void(*)(object) noexcept>_free_schema)


cdef class ArrowBatch:
    """One record batch of extracted columns, for any Arrow library
    (``__arrow_c_array__``; its array can be taken once)."""

    cdef object _schema
    cdef object _array

    def __arrow_c_array__(self, requested_schema=None):
        if self._array is None:
            raise ValueError("this batch was already taken by an Arrow consumer")
        array, self._array = self._array, None
        return self._schema, array

    def __arrow_c_schema__(self):
        return self._schema


cdef class ExtractionCore:
    """A C++ ExtractStream over one or more inputs (paths or bytes). Batches come
    out with next_batch() (GIL released while they are made), or the whole
    stream goes to an Arrow consumer with export_stream()."""

    cdef unique_ptr[CExtractStream] stream
    cdef shared_ptr[CExtractReport] report
    cdef object _schema
    cdef bint busy
    cdef object sources

    def __cinit__(self, list specs, list names, list sources, unsigned threads=1, bint force_utf8=False,
                  size_t batch_records=8192):
        cdef CExtractOptions options
        cdef CColumnSpec spec
        cdef CColumnSpecError error
        cdef vector[CExtractSource] inputs
        cdef CExtractSource source
        cdef bytes encoded
        for text, name in zip(specs, names):
            encoded = text.encode("utf-8", "surrogateescape")
            if not parse_column_spec(string_view(encoded, len(encoded)), spec, error):
                raise ValueError(f"column spec {text!r}: {error.message.decode('utf-8', 'replace')}")
            options.columns.push_back(spec)
            options.names.push_back(name.encode("utf-8"))
        options.threads = threads if threads > 0 else 1
        options.force_utf8 = force_utf8
        options.batch_records = batch_records if batch_records > 0 else 1
        self.sources = tuple(sources)  # bytes stay alive (and unchanged) while the C++ stream reads them
        for item in self.sources:
            if isinstance(item, bytes):
                source.path.clear()
                source.data = PyBytes_AS_STRING(item)
                source.size = PyBytes_GET_SIZE(item)
            else:
                source.path = os.fsencode(item)
                source.data = NULL
                source.size = 0
            inputs.push_back(source)
        self.stream.reset(new CExtractStream(move(options), move(inputs)))
        Py_INCREF(self.sources)
        self.stream.get().set_owner(_release_owner, <void*>self.sources)
        self.report = self.stream.get().report()

    def __dealloc__(self):
        cdef unique_ptr[CExtractStream] stream
        stream.swap(self.stream)
        with nogil:
            stream.reset()  # joins the reading threads

    cdef CExtractStream* take(self) except NULL:
        if self.busy:
            raise RuntimeError("this extraction is in use by another thread")
        if not self.stream:
            raise ValueError("this extraction was handed to an Arrow consumer (__arrow_c_stream__) already")
        return self.stream.get()

    def schema(self):
        """An ``arrow_schema`` PyCapsule (the table's columns)."""
        return _schema_capsule(self.take())

    def next_batch(self):
        """The next ArrowBatch, or None at the end; OSError when an input cannot be read."""
        cdef CExtractStream* stream = self.take()
        cdef unique_ptr[CExtractedBatch] batch
        cdef ArrowArray* array
        cdef int rc
        self.busy = True
        try:
            with nogil:
                rc = stream.next(batch)
        finally:
            self.busy = False
        if rc != 0:
            raise OSError(rc, stream.last_error().decode("utf-8", "replace"))
        if not batch:
            return None
        array = <ArrowArray*>malloc(sizeof(ArrowArray))
        if array == NULL:
            raise MemoryError()
        if export_table_batch(batch.get().columns, batch.get().rows, array) != 0:
            free(array)
            raise MemoryError()
        cdef ArrowBatch out = ArrowBatch.__new__(ArrowBatch)
        out._schema = _schema_capsule(stream)
        out._array = PyCapsule_New(array, "arrow_array", <void(*)(object) noexcept>_free_array)
        return out

    def export_stream(self):
        """The rest of the extraction as an ``arrow_array_stream`` PyCapsule; this object is done with."""
        self.take()
        cdef ArrowArrayStream* out = <ArrowArrayStream*>malloc(sizeof(ArrowArrayStream))
        if out == NULL:
            raise MemoryError()
        export_stream(move(self.stream), out)
        return PyCapsule_New(out, "arrow_array_stream", <void(*)(object) noexcept>_free_stream)

    def close(self):
        """Stop reading (joins the threads)."""
        if self.stream and not self.busy:
            with nogil:
                self.stream.get().close()

    @property
    def skipped(self):
        """[(source, record_index, byte_offset, error name, message)] for each record left out so far."""
        cdef vector[CSkippedRecord] skipped = self.report.get().skipped()
        return [(s.source, s.record_index, s.byte_offset, s.error.decode("ascii"),
                 s.message.decode("utf-8", "replace")) for s in skipped]

    @property
    def progress(self):
        """(records read, rows made, bytes read) so far."""
        cdef CExtractReport* report = self.report.get()
        return (report.items(), report.rows(), report.bytes())
