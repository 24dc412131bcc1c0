# The bridge between the C++ core and the Python API: records and failed
# chunks as RecordData, a streaming parser that works with the GIL released,
# and nothing else. Python exceptions are made here only, after the GIL is back.
cimport cython
from cython.operator cimport dereference as deref
from cpython.dict cimport PyDict_DelItemString, PyDict_SetItemString
from cpython.object cimport PyObject, PyTypeObject
from cpython.list cimport PyList_GET_ITEM, PyList_New, PyList_SET_ITEM
from cpython.ref cimport Py_INCREF, Py_XDECREF
from cpython.type cimport PyType_Modified
from cpython.bytes cimport PyBytes_AS_STRING, PyBytes_FromStringAndSize, PyBytes_GET_SIZE
from cpython.unicode cimport (PyUnicode_1BYTE_DATA, PyUnicode_1BYTE_KIND, PyUnicode_2BYTE_KIND, PyUnicode_DATA,
                              PyUnicode_DecodeASCII, PyUnicode_DecodeLatin1, PyUnicode_DecodeUTF8, PyUnicode_KIND,
                              PyUnicode_New)
from libc.stdint cimport uint8_t, uint16_t, uint32_t, uint64_t
from libc.string cimport memcpy
from libcpp cimport bool as cbool
from libcpp.string cimport string
from libcpp.string_view cimport string_view
from libcpp.memory cimport shared_ptr, unique_ptr
from libcpp.utility cimport move
from libcpp.vector cimport vector

from mrrc.c_byte_search cimport first_non_ascii
from mrrc.c_error cimport CErrorCode, CParseError, error_code_name, is_fatal
from mrrc.c_parser cimport CConformance, CParseOptions, list_pending_subfields, parse_record
from mrrc.c_record cimport (CFieldSpan, CRecord, CSubfieldSpan, CTextSpan, kFlagAscii, kFlagControlCharacterText,
                            kFlagDecoderMessages, kFlagDelimitedField, kFlagDelimitedRecord, kFlagInvalidUtf8Text,
                            kFlagNonAsciiText, kFlagSubfieldsPending, kFlagUtf8, kFlagValidUtf8Text)
from mrrc.c_marc8 cimport CMarc8Decoder, encode_marc8
from mrrc.c_serializer cimport CIso2709Overflow, serialize_checked, serialized_size_bound
from mrrc.c_batch cimport CBatch
from mrrc.c_stream_reader cimport CReadItem, CStreamReader, CStreamStatus
from mrrc.c_parallel_reader cimport CParallelReader
from mrrc.c_threaded_reader cimport CThreadedReader, CThreadedReaderOptions
from mrrc.c_record_pool cimport CRecordPool
from mrrc.c_expat_api cimport (CErrorCodeFunction, CErrorStringFunction, CExpatApi, CParseFunction,
                               CParserCreateFunction, CParserFreeFunction, CPositionFunction,
                               CSetCharacterDataHandlerFunction, CSetElementHandlerFunction,
                               CSetEncodingFunction, CSetHashSaltFunction, CSetUserDataFunction,
                               kErrorUnknownEncoding)
from mrrc.c_xml_reader cimport CLooseField, CLooseRecord, CXmlError, CXmlFailure, CXmlItem, CXmlReader, CXmlReadOptions
from mrrc.c_json_reader cimport CJsonLine, CJsonOutcome, read_marc_json, read_marc_json_lines
from mrrc.c_json_writer cimport CJsonSeparators, write_record_json
from mrrc.c_xml_threaded_reader cimport CXmlBatch, CXmlThreadedOptions, CXmlThreadedReader
from mrrc.c_xml_writer cimport CXmlWriteOptions, write_record_xml
from mrrc.c_byte_buffer cimport CByteBuffer
from mrrc.c_marc8_writer cimport CMarc8Write, serialize_marc8
from mrrc.c_text_writer cimport write_record_text
from mrrc.c_field_value cimport join_listed_values, join_unlisted_values, kNoValue, kValuePadding
from mrrc.c_span_listing cimport lock_span_listing, unlock_span_listing
from mrrc.c_utf8_text cimport CUtf8Measure, decode_valid_utf8, measure_valid_utf8
from mrrc.c_record_writer cimport CFileWriter, CWriteItem, serialize_batch, surely_fits

import io
import os

from mrrc._iso2709_limits import raise_field_too_long, raise_record_too_long

ERROR_NAMES = tuple(error_code_name(<CErrorCode>code).decode() for code in range(<int>CErrorCode.kIoError + 1))

STATUS_ITEMS = <int>CStreamStatus.kItems
STATUS_NEED_INPUT = <int>CStreamStatus.kNeedInput
STATUS_END = <int>CStreamStatus.kEnd


cdef CParseOptions make_options(bint force_utf8, bint validate_text, bint strict_values,
                                bint strict_structure, bint decode_marc8, bint marc8_quiet,
                                bint oversized=False):
    cdef CParseOptions options
    options.conformance = CConformance.kStrict if strict_structure else CConformance.kPymarc
    options.force_utf8 = force_utf8
    options.validate_text = validate_text
    options.strict_values = strict_values
    options.decode_marc8 = decode_marc8
    options.marc8_quiet = marc8_quiet
    options.oversized = oversized
    options.defer_subfields = True  # records go to Python, which may never look at their subfields
    return options


include "_record_returns.pxi"
include "_record_data.pxi"
include "_field.pxi"
include "_record.pxi"

# Users import these from mrrc.record and mrrc.field, as from pymarc.record and
# pymarc.field: say so in repr(), __module__, error messages and pickles. A
# static type's module is the part of its C name before the last dot.
(<PyTypeObject*>Record).tp_name = "mrrc.record.Record"
(<PyTypeObject*>Field).tp_name = "mrrc.field.Field"


class _ConstructorSignature:
    """``cls.__signature__`` for inspect.signature() and IDEs: the constructor's
    signature that embedsignature wrote as the class docstring's first line (a
    compiled __init__ has none of its own). A subclass with its own __init__ gets
    None, so inspect looks at that __init__ instead."""

    def __init__(self, cls):
        self.init = cls.__init__
        text = cls.__doc__.split("\n", 1)[0]
        self.parameters = text[text.index("("):]
        self.signature = None

    def __get__(self, instance, owner):
        if instance is not None or owner.__init__ is not self.init:
            return None
        if self.signature is None:
            import inspect
            namespace = {}
            exec(f"def constructor{self.parameters}: pass", namespace)  # our own docstring's text
            self.signature = inspect.signature(namespace["constructor"])
        return self.signature


# Record and Field iterate as pymarc's do (iter() returns the object itself and
# next() steps through it: the tp_iternext slot stays) but have no __next__
# attribute, so they are not collections.abc.Iterator instances: dask.bag and
# toolz turn any item that is an iterator into the list of what it yields, which
# would make each record of a bag a list of its fields (docs/dask.md). A Python
# subclass gets __next__ back (its slots come from its attributes, and pymarc
# subclasses may call super().__next__()).
_HIDDEN_NEXT = {}


def _restore_next(cls, **kwargs):
    for base in cls.__mro__:
        if base in _HIDDEN_NEXT:
            if "__next__" not in cls.__dict__:
                cls.__next__ = _HIDDEN_NEXT[base]
            break
    super(base, cls).__init_subclass__(**kwargs)


for _cls in (Record, Field):
    _type_dict = <object>(<PyTypeObject*>_cls).tp_dict
    PyDict_SetItemString(_type_dict, "__signature__", _ConstructorSignature(_cls))
    _HIDDEN_NEXT[_cls] = _type_dict["__next__"]
    PyDict_DelItemString(_type_dict, "__next__")
    PyDict_SetItemString(_type_dict, "__init_subclass__", classmethod(_restore_next))
    PyType_Modified(_cls)
del _cls, _type_dict


cdef RecordData wrap_item(CReadItem& item):
    cdef RecordData data = RecordData.__new__(RecordData)
    data.record = move(item.record)
    data.error = item.error
    return data


def parse_chunk(bytes chunk, bint force_utf8=False, bint validate_text=True, bint strict_values=True,
                bint strict_structure=False, bint decode_marc8=False, bint marc8_quiet=False):
    """Parse one record's bytes with the GIL released; returns RecordData
    (check .ok)."""
    cdef CParseOptions options = make_options(force_utf8, validate_text, strict_values, strict_structure,
                                              decode_marc8, marc8_quiet)
    cdef RecordData data = RecordData.__new__(RecordData)
    cdef const char* p = PyBytes_AS_STRING(chunk)
    cdef size_t n = PyBytes_GET_SIZE(chunk)
    with nogil:
        parse_record(p, n, options, data.record, data.error)
    return data


include "_stream_parser.pxi"
include "_marc8.pxi"
include "_reader.pxi"
include "_xml.pxi"
include "_json.pxi"
include "_writer.pxi"
include "_text.pxi"
include "_extract.pxi"
include "_record_chain.pxi"
