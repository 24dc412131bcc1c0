# RecordReturns: where the records of a threaded reader go back to its producer
# thread when their RecordData go (cpp/include/mrrc/record_pool.hpp says why).
# Included by _core.pyx.

cdef enum:
    RETURN_GROUP = 64  # records handed back at a time: one lock of the pool for each group


cdef class RecordReturns:
    """A reader's record pool and the records dropped since the last hand-back,
    gathered with the GIL (so without a lock of their own)."""

    cdef shared_ptr[CRecordPool] pool
    cdef vector[CRecord] staged

    def __cinit__(self):
        self.staged.reserve(RETURN_GROUP)

    cdef inline void stage(self, CRecord& record) noexcept:
        if self.staged.size() == self.staged.capacity():
            return  # (full only if handing back failed to empty it: the record is freed as usual)
        self.staged.push_back(move(record))
        if self.staged.size() == RETURN_GROUP:
            self.pool.get().give_back(self.staged)

    def __dealloc__(self):
        if not self.staged.empty():
            self.pool.get().give_back(self.staged)


cdef RecordReturns record_returns(const shared_ptr[CRecordPool]& pool):
    cdef RecordReturns returns = RecordReturns.__new__(RecordReturns)
    returns.pool = pool
    return returns
