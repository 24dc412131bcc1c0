"""pymarc's exceptions: same names, hierarchy and messages.

Exceptions raised for a record read from a stream also carry context:
``record_index`` (0-based position in the stream), ``byte_offset`` (offset of
the offending byte from the start of the stream) and ``detail`` (what the C++
core found). ``str()`` stays exactly pymarc's message.
"""


class PymarcException(Exception):
    """Base class of every exception mrrc (and pymarc) raises on purpose."""

    record_index = None
    byte_offset = None
    detail = None


class FatalReaderError(PymarcException):
    """An error after which a reader cannot find the next record: reading stops."""


class RecordLengthInvalid(FatalReaderError):
    def __str__(self):
        return "Invalid record length in first 5 bytes of record"


class TruncatedRecord(FatalReaderError):
    def __str__(self):
        return "Record length in leader is greater than the length of data"


class EndOfRecordNotFound(FatalReaderError):
    def __str__(self):
        return "Unable to locate end of record marker"


class RecordLeaderInvalid(PymarcException):
    def __str__(self):
        return "Unable to extract record leader"


class RecordDirectoryInvalid(PymarcException):
    def __str__(self):
        return "Invalid directory"


class NoFieldsFound(PymarcException):
    def __str__(self):
        return "Unable to locate fields in record data"


class BaseAddressInvalid(PymarcException):
    def __str__(self):
        return "Base address exceeds size of record"


class BaseAddressNotFound(PymarcException):
    def __str__(self):
        return "Unable to locate base address of record"


class Iso2709LimitExceeded(PymarcException, ValueError):
    """The record cannot be written as ISO 2709 without corrupting it (pymarc
    writes the corrupt bytes; mrrc refuses, before any byte is written). The
    same record can be written as MARCXML or MARC-in-JSON, which have no such
    limits. ``tag`` names the field concerned (None for the whole record),
    ``limit`` the bound passed and ``length`` the size found."""

    def __init__(self, message, tag=None, limit=None, length=None):
        super().__init__(message)
        self.tag, self.limit, self.length = tag, limit, length


class FieldTooLong(Iso2709LimitExceeded):
    """A field over 9,999 bytes (indicators, subfields and terminator): its length needs five digits, not four."""


class RecordTooLong(Iso2709LimitExceeded):
    """A record over 99,999 bytes: its length needs six digits, not five."""


class FieldNotEncodable(Iso2709LimitExceeded):
    """A tag that is not three bytes once encoded (the directory would no longer
    line up), or an indicator or subfield code that is not one byte (the field
    would read back with its indicators or values shifted)."""


class WriteNeedsRecord(PymarcException):
    def __str__(self):
        return "Write requires a pymarc.Record object as an argument"


class NoActiveFile(PymarcException):
    def __str__(self):
        return "There is no active file to write to in call to write"


class FieldNotFound(PymarcException):
    def __str__(self):
        return "Record does not contain the specified field"


class BadLeaderValue(PymarcException):
    """A leader value of the wrong length; the message is given when raised."""


class MissingLinkedFields(PymarcException):
    def __init__(self, field):
        super().__init__()
        self.field = field

    def __str__(self):
        return f"{self.field.tag} field includes a subfield 6 but no linked fields could be found."


class BadSubfieldCodeWarning(Warning):
    """A subfield code that is not ASCII was normalised."""

    def __init__(self, subf):
        super().__init__()
        self.subf = subf

    def __str__(self):
        return f"The subfield contained a non-ASCII subfield code: {self.subf}"
