# Record: pymarc's record, lazily backed by a RecordData. Included by _core.pyx.
#
# A record read by mrrc keeps its parsed C++ form. Its Field objects are made
# only when first needed (one at a time for record['245'], get, get_fields(tags)
# and the convenience properties; all at once for record.fields), and as_marc()
# serialises straight from the C++ form while no field handed out has changed.
import json
import re
import sys

from mrrc._errors import exception_for
from mrrc._iso2709_limits import check_field_encodable, check_field_fits
from mrrc._iso2709_limits import number_slot as _number_slot
from mrrc.exceptions import FieldNotFound, MissingLinkedFields
from mrrc.leader import Leader
from mrrc.oversized import Oversized as _Oversized

isbn_regex = re.compile(r"([0-9\-xX]+)")

# Flag bits of mrrc::RecordFlags (cpp/include/mrrc/record.hpp).
_NON_ASCII_SUBFIELD_CODE = 1 << 0
_INDICATOR_ANOMALY = 1 << 1
_UTF8 = 1 << 2
_NON_ASCII_TEXT = 1 << 3
_CONTROL_CHARACTER_TEXT = 1 << 4
_INVALID_UTF8_TEXT = 1 << 5
_DECODER_MESSAGES = 1 << 6
_DELIMITED_RECORD = 1 << 7
_DELIMITED_FIELD = 1 << 8
_SLOW_PATH_FLAGS = _NON_ASCII_SUBFIELD_CODE
_MARC8_DECODED_TEXT = _NON_ASCII_TEXT | _CONTROL_CHARACTER_TEXT

_SERIES_TAGS = ("440", "490", "800", "810", "811", "830")
_SUBJECT_TAGS = ("600", "610", "611", "630", "648", "650", "651", "653", "654", "655",
                 "656", "657", "658", "662", "690", "691", "696", "697", "698", "699")
_ADDED_ENTRY_TAGS = ("700", "710", "711", "720", "730", "740", "752", "753", "754", "790",
                     "791", "792", "793", "796", "797", "798", "799")
_NOTE_TAGS = ("500", "501", "502", "504", "505", "506", "507", "508", "510", "511",
              "513", "514", "515", "516", "518", "520", "521", "522", "524", "525",
              "526", "530", "533", "534", "535", "536", "538", "540", "541", "544",
              "545", "546", "547", "550", "552", "555", "556", "561", "562", "563",
              "565", "567", "580", "581", "583", "584", "585", "586", "590", "591",
              "592", "593", "594", "595", "596", "597", "598", "599")
_UTF8_CODECS = {"strict": CODEC_UTF8_STRICT, "replace": CODEC_UTF8_REPLACE, "ignore": CODEC_UTF8_IGNORE}


@cython.freelist(256)  # (as RecordData)
cdef class Record:
    """A MARC record: a leader and a list of fields, with pymarc 5.4.0's behaviour."""

    cdef object _leader
    cdef object _fields
    cdef public object pos
    cdef public object force_utf8
    cdef public object to_unicode
    cdef Py_ssize_t _cursor  # pymarc's non-reentrant iteration
    cdef RecordData _data
    cdef object _utf8_handling
    cdef object _handed_one  # the first Field handed out by get() and the like before `fields` (or None)
    cdef Py_ssize_t _handed_one_index
    cdef dict _handed_out  # the others, index -> Field (most programs ask for one, often 245, first)
    cdef bint _coding_a
    cdef object _oversized  # an Oversized for a rescued record decoded in Python (no _data)

    def __init__(
        self,
        data="",
        fields=None,
        to_unicode=True,
        force_utf8=False,
        hide_utf8_warnings=False,
        utf8_handling="strict",
        leader=" " * 24,
        file_encoding="iso8859-1",
    ):
        self._data = None
        self._handed_one = None
        self._handed_out = None
        self._coding_a = False
        self._leader = Leader(leader[0:10] + "22" + leader[12:20] + "4500")
        self._fields = []
        self.pos = 0
        self._cursor = 0
        self.force_utf8 = force_utf8
        self.to_unicode = to_unicode
        self._utf8_handling = utf8_handling
        if fields:
            self._fields = fields
        elif len(data) > 0:
            self.decode_marc(data, to_unicode=to_unicode, force_utf8=force_utf8,  # by name, as pymarc calls it
                             hide_utf8_warnings=hide_utf8_warnings, utf8_handling=utf8_handling,
                             encoding=file_encoding)
        elif force_utf8:
            self._leader = Leader(self._leader[0:9] + "a" + self._leader[10:])

    # -- copying and pickling: the C++ form stays behind ----------------------
    def __reduce_ex__(self, protocol):
        state = {"leader": self.leader, "fields": self.fields, "pos": self.pos, "force_utf8": self.force_utf8,
                 "to_unicode": self.to_unicode, "utf8_handling": self._utf8_handling}
        rescued = self.oversized
        if rescued is not None:  # how oversized reading found it stays known in other processes
            state["oversized"] = tuple(rescued)
        return (_rebuild_record, (type(self), state), getattr(self, "__dict__", None))

    @property
    def oversized(self):
        """Beyond pymarc: None, or, for a record that oversized reading
        (``MARCReader(..., oversized="scan")``) delimited by its terminators,
        an ``Oversized(record_index, byte_offset, by_record_terminator,
        by_field_terminators)`` saying where it was and what was rescued."""
        if self._oversized is not None:
            return self._oversized
        return oversized_info(self._data)

    def _mark_oversized(self, info):
        self._oversized = info

    # -- lazily materialised state ----------------------------------------------
    @property
    def leader(self):
        """The leader: a ``Leader`` (a plain ``str`` may be assigned, as in pymarc)."""
        if self._leader is None:
            text = self._data.leader
            if self._coding_a:  # as_marc() ran before the leader was first looked at
                text = text[:9] + "a" + text[10:]
            self._leader = Leader(text)
        return self._leader

    @leader.setter
    def leader(self, value):
        self._leader = value

    @property
    def fields(self):
        """The fields, a plain ``list`` of ``Field`` that may be changed in place or replaced."""
        if self._fields is None and self._data is not None:  # (None assigned to a new Record stays None, as in pymarc)
            self._fields = make_field_views(self._data, self._codec(), self._handed_one, self._handed_one_index,
                                            self._handed_out)
            self._handed_one = None
            self._handed_out = None
        return self._fields

    @fields.setter
    def fields(self, value):
        self._fields = value
        self._handed_one = None
        self._handed_out = None

    @cython.final
    cdef int _codec(self) except -1:
        if self._data.record.flags & kFlagUtf8:  # (RecordData.is_utf8 without a property look-up)
            handling = self._utf8_handling
            if handling == "strict":  # the default, tested first without a dict look-up
                return CODEC_UTF8_STRICT
            codec = _UTF8_CODECS.get(handling)
            if codec is None:
                raise LookupError(f"unknown error handler name '{handling}'")
            return codec
        return CODEC_MARC8

    @cython.final
    cdef object _field_at(self, Py_ssize_t index):
        """The Field for directory entry `index`, made once and remembered."""
        one = self._handed_one
        if one is None:
            one = self._handed_one = make_field_view(self._data, index, self._codec())
            self._handed_one_index = index
            return one
        if self._handed_one_index == index:
            return one
        handed = self._handed_out
        if handed is None:
            handed = self._handed_out = {}
        else:
            field = handed.get(index)
            if field is not None:
                return field
        field = handed[index] = make_field_view(self._data, index, self._codec())
        return field

    cdef inline bint _lazy(self) noexcept:
        """True while the fields are still only in C++ (none listed yet)."""
        return self._fields is None and self._data is not None

    @cython.final
    cdef bint _serialisable_from_core(self) except -1:
        """True when the C++ form still says exactly what the Python objects say."""
        cdef RecordData data = self._data
        cdef unsigned int flags
        if data is None or not self.to_unicode:
            return False
        flags = data.record.flags
        if flags & kFlagInvalidUtf8Text:
            return False
        if not (flags & kFlagUtf8) and flags & (kFlagNonAsciiText | kFlagControlCharacterText):
            return False  # MARC-8 text decoded: the C++ bytes are not what pymarc writes
        if self._fields is None:
            return ((self._handed_one is None or view_unchanged(self._handed_one, self._handed_one_index, data)) and
                    (not self._handed_out or fields_unchanged(self._handed_out, data)))
        return fields_unchanged(self._fields, data)

    # -- decoding and encoding --------------------------------------------------
    def decode_marc(
        self,
        marc,
        to_unicode=True,
        force_utf8=False,
        hide_utf8_warnings=False,
        utf8_handling="strict",
        encoding="iso8859-1",
    ):
        """Fill the record from ISO 2709 bytes (pymarc's decode_marc)."""
        if not isinstance(marc, bytes):
            marc = bytes(marc)
        add_field = None
        if type(self) is not Record and type(self).add_field is not Record.add_field:
            add_field = self.add_field  # pymarc calls it for every field it decodes: decode in Python
        elif self._data is not None or self._fields:
            add_field = self.add_field  # fields already there: pymarc appends the new ones to them
            self.leader, self.fields  # made from the C++ form before it is let go
        simple_encoding = encoding == "iso8859-1" or marc[9:10] == b"a" or force_utf8
        if to_unicode and simple_encoding and add_field is None:
            data = parse_chunk(marc, force_utf8=force_utf8, validate_text=True,
                               strict_values=utf8_handling == "strict",
                               decode_marc8=encoding == "iso8859-1", marc8_quiet=hide_utf8_warnings)
            if not data.flags & _SLOW_PATH_FLAGS:
                if data.flags & _DECODER_MESSAGES:
                    sys.stderr.write(data.messages)
                if not data.ok:
                    raise exception_for(data)
                self._data = data
                self._handed_one = None
                self._handed_out = None
                self._coding_a = False
                self._leader = None
                self._fields = None
                self._utf8_handling = utf8_handling
                log_indicator_anomalies(data)
                return
        self._data = None
        from mrrc import _decode  # imports mrrc.field, which needs this module loaded first

        _decode.decode_chunk(self, marc, to_unicode, force_utf8, hide_utf8_warnings, utf8_handling, encoding,
                             add_field)

    def as_marc(self, encoding=None, allow_oversized=False):
        """ISO 2709 bytes; like pymarc, sets leader byte 9 to 'a' when to_unicode.
        encoding="marc8" writes MARC-8 instead (leader byte 9 blank in the
        output; the record itself is left as it is). Beyond pymarc, a record
        past the ISO 2709 limits raises FieldTooLong or RecordTooLong; with
        `allow_oversized` it is written with each length, offset or base
        address that does not fit as zeros (ruby-marc's convention), which
        ``MARCReader(..., oversized="scan")`` reads back."""
        allow_oversized = bool(allow_oversized)
        if encoding is not None:
            if str(encoding).lower().replace("-", "") != "marc8":
                raise ValueError(f"as_marc() writes UTF-8 (the default) or encoding='marc8', not {encoding!r}")
            return self._as_marc8(allow_oversized)
        written = self._marc_from_core(allow_oversized)
        if written is not None:
            return written
        if self.to_unicode:
            leader = self.leader
            if isinstance(leader, Leader):
                leader.coding_scheme = "a"
            else:
                self._leader = leader[0:9] + "a" + leader[10:]
        if self._serialisable_from_core():
            return self._data.to_bytes(str(self._leader), 0, allow_oversized)
        from mrrc.field import RawField

        leader = self.leader
        encoding = "utf-8" if leader[9] == "a" or self.force_utf8 else "iso8859-1"
        fields = [(field, field.as_marc() if isinstance(field, RawField) else field.as_marc(encoding=encoding))
                  for field in self.fields]
        return _assemble(fields, str(leader), encoding, allow_oversized)

    as_marc21 = as_marc

    @cython.final
    cdef object _marc_from_core(self, bint allow_oversized):
        """as_marc()'s UTF-8 bytes straight from the C++ form when nothing has
        replaced the leader (None otherwise): the writers' common case."""
        if self._leader is None and self.to_unicode and self._serialisable_from_core():
            self._coding_a = True  # the leader, made later, shows the 'a' pymarc would have set
            return self._data.to_bytes(None, b"a", allow_oversized)
        return None

    def _as_marc8(self, allow_oversized=False):
        if self._serialisable_from_core():
            written = self._data.marc8_bytes(None if self._leader is None else str(self._leader), allow_oversized)
            if written is not None:
                return written
        from mrrc.field import RawField

        fields = []
        for field in self.fields:
            if isinstance(field, RawField):
                field_data = field.as_marc()
            elif field.control_field:
                field_data = f"{field.data}\x1e".encode("iso8859-1")  # pymarc reads MARC-8 control fields as Latin-1
            else:
                parts = [f"{field.indicator1}{field.indicator2}".encode("ascii")]
                for subfield in field.subfields:
                    parts.append(b"\x1f" + subfield.code.encode("ascii") + marc8_encode(subfield.value))
                field_data = b"".join(parts) + b"\x1e"
            fields.append((field, field_data))
        text = str(self.leader)
        return _assemble(fields, text[:9] + " " + text[10:], "ascii", allow_oversized)

    def as_dict(self):
        """The record as a dict in the MARC-in-JSON layout: ``leader`` and a list of
        ``{tag: data}`` or ``{tag: {ind1, ind2, subfields}}``."""
        fields = []
        for field in self:
            if field.control_field:
                fields.append({field.tag: field.data})
            else:
                fields.append({field.tag: {"ind1": field.indicator1, "ind2": field.indicator2,
                                           "subfields": [{s.code: s.value} for s in field.subfields]}})
        return {"leader": str(self.leader), "fields": fields}

    def as_json(self, **kwargs):
        """``as_dict()`` as a JSON string; keyword arguments go to ``json.dumps``."""
        if not kwargs and type(self) is Record:
            text = record_json(self, False)  # json.dumps's bytes, from C++
            if text is not None:
                return text
        return json.dumps(self.as_dict(), **kwargs)

    # -- pymarc's container protocol -------------------------------------------
    def _repr_html_(self):
        """Jupyter's rendering: an HTML table (mrrc._html; beyond pymarc)."""
        from mrrc._html import record_html
        return record_html(self)

    def __str__(self):
        """The record in MARCMaker text: ``=LDR`` and one line per field, each ended by a newline."""
        cdef type cls = type(self)
        if cls is Record or (cls.fields is Record.fields and cls.leader is Record.leader):
            text = record_text(self)  # from the C++ form, making no Field objects (_text.pxi)
            if text is not None:
                return text
        lines = [f"=LDR  {self.leader}"]
        lines.extend(str(field) for field in self.fields)
        return "\n".join(lines) + "\n"

    def get(self, tag, default=None):
        """The first field with this tag, or `default` when there is none."""
        return self.first_field(tag, default)

    @cython.final
    cdef object first_field(self, object tag, object default):
        """get(), callable from C without a method call (title)."""
        cdef Py_ssize_t index
        if self._lazy():
            index = self._data.tag_index(tag)
            return default if index < 0 else self._field_at(index)
        for field in self._fields:
            if field.tag == tag:
                return field
        return default

    def __getitem__(self, tag):
        """The first field with this tag; ``KeyError`` when there is none."""
        field = self.get(tag, _MISSING)
        if field is _MISSING:
            raise KeyError
        return field

    def __contains__(self, tag):
        """Whether any field has this tag."""
        if self._lazy():
            return self._data.tag_index(tag) >= 0
        return any(field.tag == tag for field in self._fields)

    def __iter__(self):
        """Iterate over the fields (the record is its own iterator, as in pymarc)."""
        self._cursor = 0
        return self

    def __next__(self):
        fields = self.fields
        if self._cursor >= len(fields):
            raise StopIteration
        self._cursor += 1
        return fields[self._cursor - 1]

    def get_fields(self, *args):
        """The fields whose tag is one of `args`, in record order; with no tag,
        the record's own ``fields`` list (not a copy)."""
        if not args:
            return self.fields
        if len(args) == 1:
            tag = args[0]
            if self._lazy():
                if not isinstance(tag, str):
                    return []
                return [self._field_at(i) for i in self._data.indices_of((tag,))]
            return [field for field in self._fields if field.tag == tag]
        tags = set(args)
        if self._lazy():
            return [self._field_at(i) for i in self._data.indices_of(tags)]
        return [field for field in self._fields if field.tag in tags]

    def get_linked_fields(self, field):
        """The 880 fields whose $6 occurrence number is the one in `field`'s $6.
        ``MissingLinkedFields`` when `field` names a link and no 880 has it."""
        number = field.linkage_occurrence_num()
        linked = [f for f in self.get_fields("880") if f.linkage_occurrence_num() == number]
        if number is not None and not linked:
            raise MissingLinkedFields(field)
        return linked

    def add_field(self, *fields):
        """Append fields at the end of the record."""
        self.fields.extend(fields)

    def add_grouped_field(self, *fields):
        """Insert each field after the last field of its hundreds group."""
        for field in fields:
            if not self.fields or not field.tag.isdigit():
                self.fields.append(field)
            else:
                self._insert_sorted(field, grouped=True)

    def add_ordered_field(self, *fields):
        """Insert each field in numeric tag order (after fields with equal tags)."""
        for field in fields:
            if not self.fields or not field.tag.isdigit():
                self.fields.append(field)
            else:
                self._insert_sorted(field, grouped=False)

    def _insert_sorted(self, field, grouped):
        key = int(field.tag[0]) if grouped else int(field.tag)
        fields = self.fields
        for position, existing in enumerate(fields, 1):
            if not existing.tag.isdigit():
                fields.insert(position - 1, field)
                return
            existing_key = int(existing.tag[0]) if grouped else int(existing.tag)
            if existing_key > key:
                fields.insert(position - 1, field)
                return
            if len(fields) == position:
                fields.append(field)
                return

    def remove_field(self, *fields):
        """Remove these field objects (by identity); ``FieldNotFound`` for one not in the record."""
        for field in fields:
            try:
                self.fields.remove(field)
            except ValueError:
                raise FieldNotFound from None

    def remove_fields(self, *tags):
        """Remove every field whose tag is one of `tags`."""
        if not tags:
            return None
        if len(tags) == 1:
            tag = tags[0]
            self.fields[:] = (field for field in self.fields if field.tag != tag)
            return None
        tag_set = set(tags)
        self.fields[:] = (field for field in self.fields if field.tag not in tag_set)
        return None

    # -- convenience properties --------------------------------------------------
    @cython.final
    cdef object _title_in(self, str tag):
        """_title_of(self.get(tag)) without Python calls while the field is a
        plain Field and get() is Record's own."""
        cdef Field field
        found = self.first_field(tag, None) if type(self) is Record else self.get(tag)
        if type(found) is not Field:
            return _title_of(found)
        field = found
        title = field.first_value("a", None)
        if title:
            subtitle = field.first_value("b", None)
            if subtitle:
                title += f" {subtitle}"
        return title

    @property
    def title(self):
        """245 $a, with $b after a space when both are non-empty; None without a 245."""
        return self._title_in("245")

    @property
    def issn_title(self):
        """222 $a, with $b after a space when both are non-empty; None without a 222."""
        return self._title_in("222")

    @property
    def isbn(self):
        """The ISBN in the first 020 $a: its leading run of digits, hyphens and X,
        without the hyphens; None when there is none."""
        field = self.get("020")
        if not field:
            return None
        number = field.get("a")
        if not number:
            return None
        match = isbn_regex.search(number)
        return match.group(1).replace("-", "") if match else None

    @property
    def issn(self):
        """022 $a, or None."""
        field = self.get("022")
        return field.get("a") if (field and "a" in field) else None

    @property
    def issnl(self):
        """022 $l (the linking ISSN), or None."""
        field = self.get("022")
        return field["l"] if (field and "l" in field) else None

    @property
    def sudoc(self):
        """086 $a (the Superintendent of Documents classification) as text, or None."""
        field = self.get("086")
        return field.format_field() if field else None

    @property
    def author(self):
        """The main entry (the first 100, else 110, else 111) as ``format_field()`` text, or None."""
        field = self.get("100") or self.get("110") or self.get("111")
        return field.format_field() if field else None

    @property
    def uniformtitle(self):
        """The uniform title (130, else 240) as ``format_field()`` text, or None."""
        field = self.get("130") or self.get("240")
        return field.format_field() if field else None

    @property
    def series(self):
        """The series fields (440, 490, 800, 810, 811, 830) in record order."""
        return self.get_fields(*_SERIES_TAGS)

    @property
    def subjects(self):
        """The subject fields (600, 610, 611, 630, 648, 650, 651, 653-658, 662, 69X) in record order."""
        return self.get_fields(*_SUBJECT_TAGS)

    @property
    def addedentries(self):
        """The added entries (700, 710, 711, 720, 730, 740, 752-754, 790-793, 796-799) in record order."""
        return self.get_fields(*_ADDED_ENTRY_TAGS)

    @property
    def location(self):
        """The 852 fields (location)."""
        return self.get_fields("852")

    @property
    def notes(self):
        """The note fields (the defined 5XX tags) in record order."""
        return self.get_fields(*_NOTE_TAGS)

    @property
    def physicaldescription(self):
        """The 300 fields (physical description)."""
        return self.get_fields("300")

    @property
    def publisher(self):
        """$b of the first 260, or of a 264 with second indicator 1, whichever comes first; or None."""
        return _imprint(self, "b")

    @property
    def pubyear(self):
        """$c of the first 260, or of a 264 with second indicator 1, whichever comes first; or None."""
        return _imprint(self, "c")


cdef Record make_record(RecordData data, object to_unicode, object force_utf8, object utf8_handling):
    """A record read by a reader: fields stay in C++ until touched."""
    cdef Record record = Record.__new__(Record)
    record._data = data
    record._fields = None
    record._leader = None
    record.pos = 0
    record.force_utf8 = force_utf8
    record.to_unicode = to_unicode
    record._utf8_handling = utf8_handling
    return record


cdef object leader_view(Record record, char* own, string_view* leader):
    """Point `leader` at the leader pymarc's writers (XML, JSON) would write, as UTF-8.
    Returns what must stay alive while it is used (None when it points into
    the record or `own`), or False when it cannot be encoded (use Python)."""
    cdef RecordData data = record._data
    cdef bytes text
    if record._leader is None:
        leader[0] = string_view(data.record.buffer.data(), min(<size_t>24, data.record.buffer.size()))
        if record._coding_a and leader[0].size() == 24:  # as_marc() set byte 9 before the leader was made
            memcpy(own, leader[0].data(), 24)
            own[9] = b"a"
            leader[0] = string_view(own, 24)
        return None
    try:
        text = str(record._leader).encode("utf-8")
    except UnicodeEncodeError:
        return False  # lone surrogates: the Python writers have their own ways with them
    leader[0] = string_view(PyBytes_AS_STRING(text), PyBytes_GET_SIZE(text))
    return text


def _assemble(fields, leader, encoding, allow_oversized=False):
    """ISO 2709 from (field, field bytes) pairs, laid out as pymarc's as_marc():
    directory tags as pymarc formats them, lengths and offsets zero-padded,
    leader positions 0-4 and 12-16 recomputed (with `allow_oversized`, those
    that do not fit as zeros)."""
    directory, body, offset = [], [], 0
    for field, field_data in fields:
        body.append(field_data)
        tag = f"{int(field.tag):03d}" if field.tag.isdigit() else f"{field.tag:>03}"
        if allow_oversized:
            entry = f"{tag}{_number_slot(len(field_data), 4)}{_number_slot(offset, 5)}".encode(encoding)
        else:
            entry = f"{tag}{len(field_data):04d}{offset:05d}".encode(encoding)
        check_field_fits(tag, entry, field_data, encoding, allow_oversized)
        check_field_encodable(field, tag, encoding)  # (a RawField's bytes indicators and codes are as read)
        directory.append(entry)
        offset += len(field_data)
    directory_bytes = b"".join(directory) + b"\x1e"
    body_bytes = b"".join(body) + b"\x1d"
    base_address = 24 + len(directory_bytes)
    length = base_address + len(body_bytes)
    if length > 99999 and not allow_oversized:
        raise_record_too_long(length)
    head = f"{_number_slot(length, 5)}{leader[5:12]}{_number_slot(base_address, 5)}{leader[17:]}".encode(encoding)
    return head + directory_bytes + body_bytes


def _rebuild_record(cls, state):
    cdef Record record = cls.__new__(cls)
    record._leader = state["leader"]
    record._fields = state["fields"]
    record.pos = state["pos"]
    record.force_utf8 = state["force_utf8"]
    record.to_unicode = state["to_unicode"]
    record._utf8_handling = state.get("utf8_handling", "strict")
    rescued = state.get("oversized")
    if rescued is not None:
        record._oversized = _Oversized(*rescued)
    return record


_MISSING = object()


def _title_of(field):
    """$a, plus " " and $b when both are non-empty (245 and 222)."""
    if not field:
        return None
    title = field.get("a")
    if title:
        subtitle = field.get("b")
        if subtitle:
            title += f" {subtitle}"
    return title


def _imprint(record, code):
    """From the first 260, or a 264 with second indicator 1 (publisher, pubyear)."""
    for field in record.get_fields("260", "264"):
        if field.tag == "260":
            return field.get(code)
        if field.tag == "264" and field.indicator2 == "1":
            return field.get(code)
    return None


_pymarc_logger = __import__("logging").getLogger("pymarc")


def log_indicator_anomalies(data):
    """pymarc's warnings for data fields with other than two indicators."""
    if not data.flags & _INDICATOR_ANOMALY:
        return
    for count, raw in data.indicator_anomalies():
        if count == 0:
            _pymarc_logger.warning("missing indicators: %s", raw)
        elif count == 1:
            _pymarc_logger.warning("only 1 indicator found: %s", raw)
        else:
            _pymarc_logger.warning("more than 2 indicators found: %s", raw)
