# MARCMaker text (pymarc's str(record), TextWriter, `mrrc dump`) written in
# C++ (cpp/include/mrrc/text_writer.hpp); included by _core.pyx.

def record_text(Record record, bint utf8=False):
    """The record's str() from C++ when its C++ form says what the Python
    objects say (otherwise None: Record.__str__ builds it field by field);
    utf8: its UTF-8 bytes instead (for writers to binary streams)."""
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
        ok = write_record_text(record._data.record, leader, out)
    if not ok:  # a tag that is not ASCII, or no memory: the Python path decides
        return None
    if utf8:
        return PyBytes_FromStringAndSize(out.data(), out.size())
    return PyUnicode_DecodeUTF8(out.data(), out.size(), NULL)
