"""mrrc: MARC 21 records for Python, pymarc's API on a C++ core.

    import mrrc as pymarc
    for record in pymarc.MARCReader("records.mrc"):
        print(record.title)
"""

from mrrc._version import __version__
from mrrc.constants import (
    DIRECTORY_ENTRY_LEN,
    END_OF_FIELD,
    END_OF_RECORD,
    LEADER_LEN,
    SUBFIELD_INDICATOR,
)
from mrrc.exceptions import (
    BadLeaderValue,
    BadSubfieldCodeWarning,
    BaseAddressInvalid,
    BaseAddressNotFound,
    EndOfRecordNotFound,
    FatalReaderError,
    FieldNotFound,
    MissingLinkedFields,
    NoActiveFile,
    NoFieldsFound,
    PymarcException,
    RecordDirectoryInvalid,
    RecordLeaderInvalid,
    RecordLengthInvalid,
    TruncatedRecord,
    WriteNeedsRecord,
)
from mrrc.field import Field, Indicators, RawField, Subfield
from mrrc.leader import Leader
from mrrc.reader import MARCReader, Reader, map_records
from mrrc.record import Record
from mrrc.writer import MARCWriter, TextWriter, Writer
