# Record boundaries in a byte range, for splitting a file between tasks
# (mrrc/byte_ranges.py): the C++ record chain and boundary scanner.

from mrrc.c_record_chain cimport CChainResult, CChainStatus, follow_records as c_follow_records
from mrrc.c_scanner cimport CScanOptions, find_record_start as c_find_record_start

_CHAIN_STATUS = {CChainStatus.kPassed: "passed", CChainStatus.kNeedMore: "need_more",
                 CChainStatus.kError: "error", CChainStatus.kEnd: "end"}


cdef inline const char* buffer_start(const unsigned char[::1] view) noexcept:
    return <const char*>&view[0] if view.shape[0] else <const char*>b""


def follow_records(data, size_t pos, size_t stop, bint at_eof, bint oversized=False):
    """Step from the record at `pos` through `data` (bytes or another buffer) as the sequential reader does
    (with `oversized`, as MARCReader(oversized="scan") does), until a record
    starts at or beyond `stop`. Returns (status, pos, records,
    error name or None, error end): status "passed" (pos is that record's start),
    "need_more" (the record at pos needs bytes beyond data), "error" (the reader
    stops at pos), "end" (data ends at pos, before stop)."""
    cdef CChainResult result
    cdef const unsigned char[::1] view = data  # bytes, or a memoryview of an mmap: no copy
    cdef const char* c_data = buffer_start(view)
    cdef size_t c_size = view.shape[0]
    cdef CScanOptions options
    options.oversized = oversized
    with nogil:
        result = c_follow_records(c_data, c_size, pos, stop, at_eof, options)
    error = error_code_name(result.error).decode("ascii") if result.status == CChainStatus.kError else None
    return (_CHAIN_STATUS[result.status], result.pos, result.records, error, result.error_end)


def find_record_start(data, size_t start, bint oversized=False):
    """The first offset >= `start` where a plausible record begins (right after a
    0x1D, or at offset 0, with a consistent leader; with `oversized`, any
    plausible leader whatever its length says), or len(data) when none does."""
    cdef const unsigned char[::1] view = data
    cdef const char* c_data = buffer_start(view)
    cdef size_t c_size = view.shape[0]
    cdef size_t found
    cdef CScanOptions options
    options.oversized = oversized
    with nogil:
        found = c_find_record_start(c_data, c_size, start, options)
    return found
