# MARC-in-JSON: the C++ reader (Boost.JSON) with the GIL released. mrrc/marcjson.py
# and mrrc/_text_readers.py give it pymarc's API. Included by _core.pyx.


def read_json_records(bytes text):
    """The records of a MARC-in-JSON document as RecordData, and whether it
    was a single record object: (list, single), or None when the document is
    not of the regular shape (the caller then runs pymarc's own steps)."""
    cdef vector[CRecord] records
    cdef cbool single = False
    cdef CJsonOutcome outcome
    cdef const char* c_text = PyBytes_AS_STRING(text)
    cdef size_t c_size = PyBytes_GET_SIZE(text)
    cdef RecordData data
    cdef list out = []
    with nogil:
        outcome = read_marc_json(c_text, c_size, records, single)
    if outcome == CJsonOutcome.kOutOfMemory:
        raise MemoryError("out of memory while reading MARC-in-JSON")
    if outcome != CJsonOutcome.kRecords:
        return None
    for i in range(records.size()):
        data = RecordData.__new__(RecordData)
        data.record = move(records[i])
        out.append(data)
    return out, single


def lazy_record(RecordData data):
    """A lazy Record over `data` (several records may share one RecordData: it never changes)."""
    return make_record(data, True, False, "strict")


def read_json_lines(data, bint last, uint64_t first_line):
    """Read the complete lines of `data` (bytes): (bytes used, [(line number,
    Record or None, line bytes when None)]). Blank lines are skipped."""
    cdef const unsigned char[::1] view = data
    cdef const char* c_data = <const char*>&view[0] if view.shape[0] else NULL
    cdef size_t c_size = view.shape[0]
    cdef vector[CJsonLine] lines
    cdef size_t used
    cdef RecordData record_data
    cdef list out = []
    with nogil:
        used = read_marc_json_lines(c_data, c_size, last, first_line, lines)
    for i in range(lines.size()):
        if lines[i].outcome == CJsonOutcome.kRecords:
            record_data = RecordData.__new__(RecordData)
            record_data.record = move(lines[i].record)
            out.append((lines[i].line_number, make_record(record_data, True, False, "strict"), None))
        else:
            out.append((lines[i].line_number, None,
                        PyBytes_FromStringAndSize(c_data + lines[i].offset, lines[i].length)))
    return used, out


def record_json(Record record, bint compact=True):
    """The record's MARC-in-JSON from C++ (json.dumps of as_dict(), compact
    separators or json's default) when its C++ form says what the Python
    objects say; otherwise None (the caller runs pymarc's steps)."""
    cdef string out
    cdef char own[24]
    cdef string_view leader
    cdef bint ok
    if record._data is None or not record._serialisable_from_core():
        return None
    keep = leader_view(record, own, &leader)
    if keep is False:
        return None
    record._data.list_subfields()
    with nogil:
        ok = write_record_json(record._data.record, leader,
                               CJsonSeparators.kCompact if compact else CJsonSeparators.kDefault, out)
    if not ok:
        raise MemoryError("out of memory while writing MARC-in-JSON")
    record._cursor = record._data.record.fields.size()  # as_dict() iterates with the shared iterator
    return PyUnicode_DecodeASCII(out.data(), out.size(), NULL)
