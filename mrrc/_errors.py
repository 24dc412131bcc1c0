"""Turn a failed RecordData from the C++ core into the exception pymarc raises
for the same bytes, with the stream position attached."""

from mrrc import exceptions as exc

_PYMARC_CLASSES = {
    "TruncatedRecord": exc.TruncatedRecord,
    "RecordLengthInvalid": exc.RecordLengthInvalid,
    "EndOfRecordNotFound": exc.EndOfRecordNotFound,
    "RecordLeaderInvalid": exc.RecordLeaderInvalid,
    "BaseAddressNotFound": exc.BaseAddressNotFound,
    "BaseAddressInvalid": exc.BaseAddressInvalid,
    "LeaderLengthTooLarge": exc.TruncatedRecord,
    "RecordDirectoryInvalid": exc.RecordDirectoryInvalid,
    "NoFieldsFound": exc.NoFieldsFound,
    "RecordTooLarge": exc.RecordLengthInvalid,
}


def fatal_error_class(name):
    """The exception class of a reader-fatal C++ error name (None: not one)."""
    cls = _PYMARC_CLASSES.get(name)
    return cls if cls is not None and issubclass(cls, exc.FatalReaderError) else None


def _python_error(name: str, chunk: bytes, begin: int, end: int) -> BaseException:
    """Re-run, on the same bytes, the Python operation pymarc's check runs, so
    the builtin exception (UnicodeDecodeError, ValueError) and its message match."""
    try:
        if name in ("LeaderNotAscii", "DirectoryNotAscii", "IndicatorsNotAscii"):
            chunk[begin:end].decode("ascii")
        elif name == "InvalidUtf8":
            chunk[begin:end].decode("utf-8")
        elif name == "InvalidMarc8":
            value = chunk[begin:end]
            return UnicodeDecodeError("marc8_to_unicode", value, 0, len(value), "invalid multibyte character encoding")
        elif name == "BaseAddressNotNumeric":
            int(chunk[begin:end])
        else:  # RecordLengthNotNumeric, DirectoryEntryNotNumeric read decoded text
            int(chunk[begin:end].decode("ascii"))
    except (UnicodeDecodeError, ValueError) as error:
        return error
    return ValueError(f"malformed record: {name}")  # the C++ check and Python disagree


def exception_for(item) -> BaseException:
    """The exception instance for a RecordData whose .ok is False."""
    name = item.error_name
    if name == "OutOfMemory":
        return MemoryError("out of memory while reading a record")
    cls = _PYMARC_CLASSES.get(name)
    if cls is not None:
        error = cls()
    else:
        begin, end = item.span
        error = _python_error(name, item.chunk, begin, end)
    error.record_index = item.record_index
    error.byte_offset = item.byte_offset
    error.detail = f"{item.error_message} (record {item.record_index}, byte {item.byte_offset})"
    return error
