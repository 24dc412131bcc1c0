# Field: pymarc's field, which can also be a lazy view of one field of a
# RecordData. A view decodes its tag, indicators, data and subfields only when
# they are asked for; value(), get(), [] and `in` read the C++ spans directly.
# Once its subfields are listed, or any attribute is assigned, it behaves as a
# plain pymarc Field. Included by _core.pyx.
from mrrc._tuples import Indicators, Subfield

cdef object _tuple_new = tuple.__new__

cdef enum:
    PART_TAG = 1
    PART_DATA = 2
    PART_INDICATORS = 4
    PART_SUBFIELDS = 8
    PART_ALL = 15

# How a view decodes its text (chosen by the record). C constants, not module
# globals: every value() compares them, and a global costs a dict look-up and an int.
cdef enum:
    CODEC_UTF8_STRICT = 0
    CODEC_UTF8_REPLACE = 1
    CODEC_UTF8_IGNORE = 2
    # Records decoded from MARC-8 by the parser: values from Record::text (NFC
    # applied here), printable ASCII values from the record itself; control fields as Latin-1.
    CODEC_MARC8 = 3

from unicodedata import normalize as _normalize

_LEGACY_SUBFIELDS_MESSAGE = """The subfield input no longer accepts strings, and should use Subfield.
                   Please consult the documentation for details.
                """
_LEGACY_INDICATORS_MESSAGE = """The indicators input no longer accepts an iterable of arbitrary length. Use
                   the Indicators() named tuple instead. Please consult the documentation
                   for details.
                """


cdef object _normalize_tag(tag):
    if isinstance(tag, str):
        if tag.isdigit():
            return tag if len(tag) == 3 else f"{int(tag):03}"
        return tag
    try:
        return f"{int(tag):03}"
    except (TypeError, ValueError):
        return f"{tag}"


cdef inline bint is_python_space(unsigned char c) noexcept nogil:
    return c == 32 or (9 <= c <= 13) or (28 <= c <= 31)


cdef inline void strip_bounds(const unsigned char* p, Py_ssize_t* begin, Py_ssize_t* end) noexcept nogil:
    while begin[0] < end[0] and is_python_space(p[begin[0]]):
        begin[0] += 1
    while end[0] > begin[0] and is_python_space(p[end[0] - 1]):
        end[0] -= 1


cdef inline char* value_room(char* local, size_t size, string& scratch, size_t data_length) except NULL:
    """Where a field's value is joined: `local`, or `scratch` made big enough (field_value.hpp)."""
    if data_length + kValuePadding <= size:
        return local
    scratch.resize(data_length + kValuePadding)
    return &scratch[0]


cdef inline object ascii_text(const char* p, Py_ssize_t n):
    """A str of `n` ASCII bytes, copied in (no decoding: the parser found the record ASCII)."""
    cdef object text = PyUnicode_New(n, 127)
    memcpy(PyUnicode_1BYTE_DATA(text), p, n)
    return text


cdef object valid_utf8_text(const char* p, Py_ssize_t n):
    """A str of `n` bytes of UTF-8 the parser found valid (kFlagValidUtf8Text),
    made once at its final length and width (utf8_text.hpp) where Python's
    decoder guesses both, then grows, narrows or copies."""
    cdef CUtf8Measure m = measure_valid_utf8(p, n)
    cdef object text = PyUnicode_New(m.code_points, m.max_code_point)
    cdef unsigned int kind = PyUnicode_KIND(text)
    if kind == PyUnicode_1BYTE_KIND:
        decode_valid_utf8(p, n, <uint8_t*>PyUnicode_DATA(text))
    elif kind == PyUnicode_2BYTE_KIND:
        decode_valid_utf8(p, n, <uint16_t*>PyUnicode_DATA(text))
    else:
        decode_valid_utf8(p, n, <uint32_t*>PyUnicode_DATA(text))
    return text


# Not tracked by the cycle collector (no_gc): tracking and untracking each of
# a record's fields cost about a tenth of `record.fields`, and a field holds
# only its text: str, Indicators, lists of Subfield, its RecordData (which
# holds no Python object). A cycle through its tag, data, indicators or
# subfields (a value that refers back to the field) is not collected, in a
# Python subclass's instance too (its __dict__ is seen, these slots are not).
@cython.no_gc
@cython.freelist(64)  # a record's fields are made and dropped together, many per record
cdef class Field:
    """A control field (tag below 010: ``data``) or a data field (indicators and
    a list of Subfield), with pymarc 5.4.0's behaviour."""

    cdef object _tag
    cdef object _data
    cdef object _indicators
    cdef object _subfields
    cdef object _original  # the subfields as first listed, to tell later whether they changed
    cdef object _control_field
    cdef RecordData _owner
    cdef Py_ssize_t _index
    cdef int _codec
    cdef int _unloaded  # parts a view has not decoded yet (0 for a plain field, as after Field.__new__)
    cdef bint _changed
    cdef Py_ssize_t _pos
    cdef char _ascii  # a view's text is its bytes: 0 not known yet, 1 no, 2 yes

    def __init__(self, tag, indicators=None, subfields=None, data=None):
        self._owner = None
        self._unloaded = 0
        self._tag = _normalize_tag(tag)
        if subfields and isinstance(subfields[0], str):
            raise ValueError(_LEGACY_SUBFIELDS_MESSAGE)
        self._subfields = []
        self._indicators = None
        self._data = None
        self._control_field = False
        if self._tag < "010" and self._tag.isdigit():
            self._control_field = True
            self._data = data
        else:
            self._subfields = subfields or []
            if not indicators:
                self._indicators = _tuple_new(Indicators, (" ", " "))
            elif isinstance(indicators, (list, tuple)) and len(indicators) == 2:
                self._indicators = Indicators(*indicators)
            else:
                self.indicators = indicators

    # -- the lazy view ------------------------------------------------------------
    cdef inline const CFieldSpan* entry(self) noexcept:
        """The view's field: its tag, indicators and bytes (its subfields may be pending)."""
        return &self._owner.record.fields[self._index]

    cdef inline const CFieldSpan* span(self) except NULL:
        """The view's field with its subfield spans listed."""
        self._owner.list_field_subfields(self._index)
        return &self._owner.record.fields[self._index]

    cdef inline bint is_view(self) noexcept:
        """True while subfields can be read from the C++ spans."""
        return self._owner is not None and self._unloaded & PART_SUBFIELDS and not self._changed

    cdef inline bint ascii_view(self) noexcept:
        """True when the view's text is its bytes: read as UTF-8, and the record
        (or at least this field) is ASCII."""
        cdef const CFieldSpan* f
        cdef bint ascii
        if self._ascii == 0:
            f = self.entry()
            ascii = self._codec != CODEC_MARC8 and (
                self._owner.record.flags & kFlagAscii or
                first_non_ascii(self._owner.record.buffer.data() + f.data_offset, f.data_length) == f.data_length)
            self._ascii = 2 if ascii else 1
        return self._ascii == 2

    @cython.final
    cdef object decode_value(self, const char* p, Py_ssize_t n):
        if self._owner.record.flags & kFlagValidUtf8Text:  # (any codec: valid text decodes the same under each)
            return valid_utf8_text(p, n)
        if self._codec == CODEC_UTF8_STRICT:
            return PyUnicode_DecodeUTF8(p, n, NULL)
        if self._codec == CODEC_UTF8_REPLACE:
            return PyUnicode_DecodeUTF8(p, n, "replace")
        if self._codec == CODEC_UTF8_IGNORE:
            return PyUnicode_DecodeUTF8(p, n, "ignore")
        return PyUnicode_DecodeASCII(p, n, NULL)  # a MARC-8 value the parser found to be printable ASCII

    @cython.final
    cdef object subfield_value(self, size_t index):
        """The text of subfield `index` of the record (an index into its subfields)."""
        cdef const CSubfieldSpan* s = &self._owner.record.subfields[index]
        cdef const CTextSpan* t
        if self.ascii_view():
            return ascii_text(self._owner.record.buffer.data() + s.offset + 1, s.length - 1)
        if self._codec == CODEC_MARC8 and index < self._owner.record.texts.size():
            t = &self._owner.record.texts[index]
            if t.offset != 0xFFFFFFFFu:
                text = PyUnicode_DecodeUTF8(self._owner.record.text.data() + t.offset, t.length, NULL)
                return text if text.isascii() else _normalize("NFC", text)  # pymarc's MARC-8 output is NFC
        return self.decode_value(self._owner.record.buffer.data() + s.offset + 1, s.length - 1)

    @cython.final
    cdef object decode_control(self, const char* p, Py_ssize_t n):
        if self._codec == CODEC_MARC8:
            return PyUnicode_DecodeLatin1(p, n, NULL)
        if self.ascii_view():
            return ascii_text(p, n)
        if self._owner.record.flags & kFlagValidUtf8Text:
            return valid_utf8_text(p, n)
        return PyUnicode_DecodeUTF8(p, n, NULL)  # pymarc decodes control fields strictly

    @cython.final
    cdef int find_code(self, object code) except -2:
        """Index of the first subfield with this code in the view, or -1."""
        cdef const CFieldSpan* f = self.span()
        cdef const char* base = self._owner.record.buffer.data()
        cdef uint32_t k
        cdef char c
        if not isinstance(code, str) or len(code) != 1 or ord(code) > 127:
            return -1
        c = <char>ord(code)
        for k in range(f.subfield_count):
            if base[self._owner.record.subfields[f.first_subfield + k].offset] == c:
                return k
        return -1

    @cython.final
    cdef object view_value_at(self, uint32_t k):
        return self.subfield_value(self.span().first_subfield + k)

    @cython.final
    cdef object load_subfields(self):
        cdef const CFieldSpan* f
        cdef const CSubfieldSpan* s
        cdef const char* base
        cdef list out = []
        cdef uint32_t k
        if self._owner is not None and self._unloaded & PART_SUBFIELDS:
            f = self.span()
            if not f.is_control:
                base = self._owner.record.buffer.data()
                for k in range(f.subfield_count):
                    s = &self._owner.record.subfields[f.first_subfield + k]
                    out.append(_tuple_new(Subfield, (PyUnicode_DecodeLatin1(base + s.offset, 1, NULL),
                                                     self.subfield_value(f.first_subfield + k))))
            self._subfields = out
            self._original = list(out)
            self._unloaded &= ~PART_SUBFIELDS
        return self._subfields

    @cython.final
    cdef bint pristine(self):
        """Still exactly what the C++ record holds."""
        if self._changed:
            return False
        if not (self._unloaded & PART_SUBFIELDS):
            return self._subfields == self._original
        return True

    # -- attributes (plain attributes in pymarc) ---------------------------------------
    @property
    def tag(self):
        """The three-character tag (normalised by the constructor; assigning it does not)."""
        if self._unloaded & PART_TAG:
            self._tag = PyUnicode_DecodeASCII(self.entry().tag, 3, NULL)
            self._unloaded &= ~PART_TAG
        return self._tag

    @tag.setter
    def tag(self, value):
        self._tag = value
        self._unloaded &= ~PART_TAG
        self._changed = True

    @cython.final
    cdef object get_data(self):
        cdef const CFieldSpan* f
        if self._unloaded & PART_DATA:
            f = self.entry()
            if f.is_control:
                self._data = self.decode_control(self._owner.record.buffer.data() + f.data_offset, f.data_length)
            self._unloaded &= ~PART_DATA
        return self._data

    @property
    def data(self):
        """A control field's content (a ``str``); None for a data field."""
        return self.get_data()

    @data.setter
    def data(self, value):
        self._data = value
        self._unloaded &= ~PART_DATA
        self._changed = True

    @property
    def subfields(self):
        """A data field's subfields: a plain ``list`` of ``Subfield(code, value)``."""
        return self.load_subfields()

    @subfields.setter
    def subfields(self, value):
        self._subfields = value
        self._unloaded &= ~PART_SUBFIELDS
        self._changed = True

    @property
    def control_field(self):
        """True for a control field: a tag below 010 made only of digits."""
        return self._control_field

    @control_field.setter
    def control_field(self, value):
        self._control_field = value
        self._changed = True

    @cython.final
    cdef object get_indicators(self):
        cdef const CFieldSpan* f
        if self._unloaded & PART_INDICATORS:
            f = self.entry()
            if not f.is_control:
                self._indicators = _tuple_new(Indicators, (PyUnicode_DecodeLatin1(&f.indicator1, 1, NULL),
                                                           PyUnicode_DecodeLatin1(&f.indicator2, 1, NULL)))
            self._unloaded &= ~PART_INDICATORS
        return self._indicators

    @cython.final
    cdef set_indicators(self, value):
        self._indicators = value
        self._unloaded &= ~PART_INDICATORS
        self._changed = True

    @property
    def indicators(self):
        """``Indicators(first, second)`` of a data field; None for a control field."""
        return self.get_indicators()

    @indicators.setter
    def indicators(self, value):
        if value and isinstance(value, (list, tuple)) and len(value) != 2:
            raise ValueError(_LEGACY_INDICATORS_MESSAGE)
        if value is not None:
            self.set_indicators(value if isinstance(value, Indicators) else Indicators(*value))

    @property
    def indicator1(self):
        """The first indicator ("" for a control field)."""
        indicators = self.get_indicators()
        return indicators.first if indicators else ""

    @indicator1.setter
    def indicator1(self, value):
        if self._control_field:
            self.set_indicators(None)
        self.set_indicators(self.get_indicators()._replace(first=value))

    @property
    def indicator2(self):
        """The second indicator ("" for a control field)."""
        indicators = self.get_indicators()
        return indicators.second if indicators else ""

    @indicator2.setter
    def indicator2(self, value):
        if self._control_field:
            self.set_indicators(None)
        self.set_indicators(self.get_indicators()._replace(second=value))

    # -- reading ------------------------------------------------------------------
    # value() and format_field() are method descriptors, not cyfunctions: the
    # interpreter calls a no-argument descriptor directly (~110 instructions less
    # a call, a fifth of extract's). The clinic docstring keeps inspect.signature
    # working; it reads (self, /) where pymarc's reads (self).
    @cython.binding(False)
    @cython.embedsignature.format("clinic")
    def value(self):
        """Control field: its data (or ""); data field: subfield values, each
        stripped, joined by spaces."""
        if self._control_field:
            data = self.get_data() if type(self) is Field else self.data  # (a subclass may make data a property)
            return data or ""
        if self.is_view() and not (self._owner.record.flags & kFlagInvalidUtf8Text):
            return self.view_value()
        return " ".join(subfield.value.strip() for subfield in self.load_subfields())

    @cython.final
    cdef object view_value(self):
        """value() of a view read as UTF-8 or ASCII: joined in C++ into a scratch
        buffer (the field's length and kValuePadding bound it), then decoded or
        copied into one str.
        A field whose subfields are pending is joined from its bytes, unlisted;
        one ASCII subfield is copied straight into its str."""
        cdef const CFieldSpan* f = self.entry()
        cdef const char* base = self._owner.record.buffer.data()
        cdef const CSubfieldSpan* spans
        cdef char local[512]
        cdef string scratch
        cdef char* out
        cdef Py_ssize_t begin = 0, end
        cdef size_t length
        cdef bint ascii
        if self._codec == CODEC_MARC8:
            return self.view_value_stripped_by_python()
        ascii = self.ascii_view()
        if ascii and f.subfields_pending:
            out = value_room(local, sizeof(local), scratch, f.data_length)
            return ascii_text(out, join_unlisted_values(self._owner.record, f[0], out))
        f = self.span()
        if ascii and f.subfield_count == 1:
            spans = &self._owner.record.subfields[f.first_subfield]
            end = spans[0].length - 1
            strip_bounds(<const unsigned char*>(base + spans[0].offset + 1), &begin, &end)
            return ascii_text(base + spans[0].offset + 1 + begin, end - begin)
        out = value_room(local, sizeof(local), scratch, f.data_length)
        length = join_listed_values(self._owner.record, f[0], out)
        if length == kNoValue:
            return self.view_value_stripped_by_python()
        return ascii_text(out, length) if ascii else self.decode_value(out, length)

    @cython.final
    cdef object view_value_stripped_by_python(self):
        # Non-ASCII at either end of a value may be Unicode white space: let str.strip() decide.
        cdef uint32_t k
        cdef uint32_t count = self.span().subfield_count
        cdef list parts = []
        for k in range(count):
            parts.append(self.view_value_at(k).strip())
        return " ".join(parts)

    def get(self, code, default=None):
        """The value of the first subfield with this code, or `default`."""
        return self.first_value(code, default)

    @cython.final
    cdef object first_value(self, object code, object default):
        """get(), callable from C without a method call (Record.title)."""
        cdef int k
        if self._control_field:
            return default
        if self.is_view():
            k = self.find_code(code)
            return default if k < 0 else self.view_value_at(k)
        for subfield in self._subfields:
            if subfield.code == code:
                return subfield.value
        return default

    def __getitem__(self, code):
        """The value of the first subfield with this code; ``KeyError`` when there is none."""
        if self._control_field:
            raise KeyError
        if self.is_view():
            k = self.find_code(code)
            if k < 0:
                raise KeyError
            return self.view_value_at(k)
        for subfield in self._subfields:
            if subfield.code == code:
                return subfield.value
        raise KeyError

    def __contains__(self, code):
        """Whether a subfield has this code (always False for a control field)."""
        if self._control_field:
            return False
        if self.is_view():
            return self.find_code(code) >= 0
        return any(subfield.code == code for subfield in self._subfields)

    def __setitem__(self, code, value):
        """Replace the value of the one subfield with this code; ``KeyError`` if
        there is none, more than one, or the field is a control field."""
        if self._control_field:
            raise KeyError("field is a control field")
        subfields = self.load_subfields()
        found = None
        for index, subfield in enumerate(subfields):
            if subfield.code == code:
                if found is not None:
                    raise KeyError(f"more than one code '{code}'")
                found = index
        if found is None:
            raise KeyError(f"no code '{code}'")
        subfields[found] = Subfield(code=subfields[found].code, value=value)

    def __delitem__(self, code):
        # pymarc's Field has no __delitem__, so `del field[code]` fails there with this error.
        raise AttributeError("__delitem__")

    def __iter__(self):
        """Iterate over the subfields (the field is its own iterator, as in pymarc)."""
        self._pos = 0
        return self

    def __next__(self):
        if self._control_field:
            raise StopIteration
        subfields = self.load_subfields()
        if self._pos >= len(subfields):
            raise StopIteration
        self._pos += 1
        return subfields[self._pos - 1]

    def _repr_html_(self):
        """Jupyter's rendering: an HTML table (mrrc._html; beyond pymarc)."""
        from mrrc._html import field_html
        return field_html(self)

    def __str__(self):
        """The field in MARCMaker text, e.g. ``=245  10$aTitle``; blanks are written as backslashes."""
        if self._control_field:
            data = self.data
            return f"={self.tag}  {data.replace(' ', chr(92)) if data else ''}"
        indicators = "".join("\\" if i in (" ", "\\") else f"{i}" for i in self.get_indicators())
        subfields = "".join(f"${s.code}{s.value}" for s in self.load_subfields())
        return f"={self.tag}  {indicators}{subfields}"

    def get_subfields(self, *codes):
        """The values of the subfields whose code is one of `codes`, in field order."""
        if self._control_field or not codes:
            return []
        return [subfield.value for subfield in self.load_subfields() if subfield.code in codes]

    def add_subfield(self, code, value, pos=None):
        """Add a subfield at the end, or before index `pos` (no-op for a control field)."""
        if self._control_field:
            return None
        subfields = self.load_subfields()
        subfield = Subfield(code=code, value=value)
        if pos is None or pos > len(subfields):
            subfields.append(subfield)
        else:
            subfields.insert(pos, subfield)
        return None

    def delete_subfield(self, code):
        """Remove the first subfield with this code and return its value (None when there is none)."""
        if self._control_field:
            return None
        subfields = self.load_subfields()
        for index, subfield in enumerate(subfields):
            if subfield.code == code:
                return subfields.pop(index).value
        return None

    def subfields_as_dict(self):
        """``{code: [values]}`` in the order codes first appear."""
        if self._control_field:
            return {}
        grouped = {}
        for subfield in self.load_subfields():
            grouped.setdefault(subfield.code, []).append(subfield.value)
        return grouped

    def is_control_field(self):
        """Whether this is a control field (tag below 010)."""
        return self._control_field

    def is_subject_field(self):
        """Whether the tag starts with 6 (a subject field)."""
        return self.tag.startswith("6")

    def linkage_occurrence_num(self):
        """The occurrence number in $6 (``880-01`` gives ``01``), or None without a $6."""
        linkage = self.get("6", "")
        return linkage.split("-")[1].split("/")[0] if linkage else None

    @cython.binding(False)
    @cython.embedsignature.format("clinic")
    def format_field(self):
        """The field as readable text: subfield values joined by spaces, $6 left
        out, and subdivisions of subject fields ($v $x $y $z) set off by ``--``."""
        if self._control_field:
            return self.data or ""
        subject = self.is_subject_field()
        parts = []
        for subfield in self.load_subfields():
            if subfield.code == "6":
                continue
            if subject and subfield.code in ("v", "x", "y", "z"):
                parts.append(f" -- {subfield.value}")
            else:
                parts.append(f" {subfield.value}")
        return "".join(parts).strip()

    def as_marc(self, encoding):
        """The field's ISO 2709 bytes (indicators, subfields, field terminator) in `encoding`."""
        if self._control_field:
            return f"{self.data}\x1e".encode(encoding)
        subfields = "".join(f"\x1f{s.code}{s.value}" for s in self.load_subfields())
        return f"{self.indicator1}{self.indicator2}{subfields}\x1e".encode(encoding)

    def as_marc21(self, encoding):
        """Same as ``as_marc``."""
        return self.as_marc(encoding)

    @classmethod
    def convert_legacy_subfields(cls, subfields):
        """[code, value, code, value, ...] to a list of Subfield; an odd count is a
        ValueError (as zip(strict=True) reports it, also on Python 3.9)."""
        items = list(subfields)
        if len(items) % 2:
            raise ValueError("zip() argument 2 is shorter than argument 1")
        return [Subfield(items[i], items[i + 1]) for i in range(0, len(items), 2)]

    # -- copying and pickling: a view becomes a plain field -------------------------
    def __reduce_ex__(self, protocol):
        state = getattr(self, "__dict__", None)
        return (_rebuild_field, (type(self), self.tag, self.data, self.get_indicators(),
                                 list(self.load_subfields()), self._control_field), state)


def _rebuild_field(cls, tag, data, indicators, subfields, control_field):
    cdef Field field = cls.__new__(cls)
    field._owner = None
    field._unloaded = 0
    field._tag = tag
    field._data = data
    field._indicators = indicators
    field._subfields = subfields
    field._control_field = control_field
    return field


cdef inline Field make_field_view(RecordData data, Py_ssize_t index, int codec):
    """A lazy Field over entry `index` of `data`."""
    cdef Field field = Field.__new__(Field)
    field._owner = data
    field._index = index
    field._codec = codec
    field._unloaded = PART_ALL
    field._control_field = data.record.fields[index].is_control
    return field


cdef list make_field_views(RecordData data, int codec, object one, Py_ssize_t one_index, dict made):
    """Every field of `data` as a view, reusing those already handed out: `one`
    (a Field, or None) at `one_index`, and those in `made` (index -> Field, or None)."""
    cdef Py_ssize_t n = data.record.fields.size()
    cdef Py_ssize_t i
    cdef Field field
    # Filled in place (PyList_SET_ITEM takes the reference): no None to put in
    # and take out again. Every slot is filled before the list is handed out;
    # a list dropped half made (no memory for a Field) frees its empty slots as such.
    cdef list out = PyList_New(n)
    cdef bint reused = one is not None or bool(made)
    if one is not None and 0 <= one_index < n:
        Py_INCREF(one)
        PyList_SET_ITEM(out, one_index, one)
    if made:
        for index, existing in made.items():
            i = index
            if 0 <= i < n and PyList_GET_ITEM(out, i) == NULL:
                Py_INCREF(existing)
                PyList_SET_ITEM(out, i, existing)
    for i in range(n):
        if reused and PyList_GET_ITEM(out, i) != NULL:
            continue
        field = make_field_view(data, i, codec)
        Py_INCREF(field)
        PyList_SET_ITEM(out, i, field)
    return out


cdef bint view_unchanged(object value, Py_ssize_t index, RecordData data) except -1:
    """True when `value` is still exactly the view of entry `index` of `data`."""
    cdef Field field
    if type(value) is not Field:
        return False
    field = value
    return field._owner is data and field._index == index and field.pristine()


cdef bint fields_unchanged(object fields, RecordData data) except -1:
    """True when `fields` (a list, or dict index -> Field) still says exactly what
    `data` holds: the same views, in order, none changed."""
    if isinstance(fields, dict):
        for index, value in fields.items():
            if not view_unchanged(value, index, data):
                return False
        return True
    if len(fields) != <Py_ssize_t>data.record.fields.size():
        return False
    for index, value in enumerate(fields):
        if not view_unchanged(value, index, data):
            return False
    return True
