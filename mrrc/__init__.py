"""mrrc: MARC 21 records for Python, pymarc's API on a C++ core.

    import mrrc as pymarc
    for record in pymarc.MARCReader("records.mrc"):
        print(record.title)
"""

from mrrc._version import __version__
from mrrc.columns import extract, to_arrow, to_pandas, to_parquet, to_polars  # beyond pymarc: tables
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
    FieldNotEncodable,
    FieldNotFound,
    FieldTooLong,
    Iso2709LimitExceeded,
    MissingLinkedFields,
    NoActiveFile,
    NoFieldsFound,
    PymarcException,
    RecordDirectoryInvalid,
    RecordLeaderInvalid,
    RecordLengthInvalid,
    RecordTooLong,
    TruncatedRecord,
    WriteNeedsRecord,
)
from mrrc.field import Field, Indicators, RawField, Subfield, map_marc8_field
from mrrc.leader import Leader
from mrrc.marc8 import MARC8ToUnicode, marc8_to_unicode
from mrrc.marcjson import JSONHandler, parse_json_to_array
from mrrc.marcxml import (
    MARC_XML_NS,
    MARC_XML_SCHEMA,
    XSI_NS,
    XmlHandler,
    map_xml,
    parse_xml,
    parse_xml_to_array,
    record_to_xml,
    record_to_xml_node,
)
from mrrc.reader import JSONReader, MARCMakerReader, MARCReader, Reader, map_records, read_all
from mrrc.record import Record, isbn_regex, map_marc8_record, normalize_subfield_code
from mrrc.writer import JSONWriter, MARCWriter, TextWriter, Writer, XMLWriter, write_all
