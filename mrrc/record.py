"""Records with pymarc's interface. A record read by mrrc keeps its parsed C++
form; its Field objects are made only when first needed, and an untouched
record serialises straight from the C++ form."""

from mrrc import _decode
from mrrc._core import parse_chunk
from mrrc._errors import exception_for
from mrrc.exceptions import FieldNotFound
from mrrc.field import Field, RawField, Subfield
from mrrc.leader import Leader

LEADER_LEN = 24
_DEFAULT_ENCODING = "iso8859-1"


class Record:
    """A MARC record: a leader and a list of fields."""

    __slots__ = ("_leader", "_fields", "pos", "force_utf8", "to_unicode", "__pos", "_data", "_utf8_handling")

    def __init__(
        self,
        data=b"",
        fields=None,
        to_unicode=True,
        force_utf8=False,
        hide_utf8_warnings=False,
        utf8_handling="strict",
        leader=" " * LEADER_LEN,
        file_encoding=_DEFAULT_ENCODING,
    ):
        self._data = None
        self._leader = Leader(leader[0:10] + "22" + leader[12:20] + "4500")
        self._fields = []
        self.pos = 0
        self.__pos = 0
        self.force_utf8 = force_utf8
        self.to_unicode = to_unicode
        self._utf8_handling = utf8_handling
        if fields:
            self._fields = fields
        elif len(data) > 0:
            self.decode_marc(data, to_unicode, force_utf8, hide_utf8_warnings, utf8_handling, file_encoding)
        elif force_utf8:
            self._leader = Leader(self._leader[0:9] + "a" + self._leader[10:])

    @classmethod
    def _from_data(cls, data, to_unicode, force_utf8, utf8_handling):
        """A record read by a reader: fields stay in C++ until touched."""
        record = cls.__new__(cls)
        record._data = data
        record._leader = None
        record._fields = None
        record.pos = 0
        record.force_utf8 = force_utf8
        record.to_unicode = to_unicode
        record._utf8_handling = utf8_handling
        return record

    # -- lazily materialised state ----------------------------------------------
    @property
    def leader(self):
        if self._leader is None:
            self._leader = Leader(self._data.leader)
        return self._leader

    @leader.setter
    def leader(self, value):
        self._leader = value

    @property
    def fields(self):
        if self._fields is None:
            self._fields = self._materialise_fields()
        return self._fields

    @fields.setter
    def fields(self, value):
        self._fields = value

    def _materialise_fields(self):
        data = self._data
        if data.is_utf8:
            tuples = data.field_tuples("utf-8", "utf-8", self._utf8_handling, Subfield)
        elif data.flags & _NEEDS_MARC8_DECODER:
            raise NotImplementedError(_decode.MARC8_PENDING)
        else:
            tuples = data.field_tuples(_DEFAULT_ENCODING, "ascii", "strict", Subfield)
        make = Field._from_parts
        return [make(tag, ind1, ind2, subfields, value) for tag, ind1, ind2, subfields, value in tuples]

    def _untouched(self):
        return self._data is not None and self._fields is None

    # -- decoding and encoding --------------------------------------------------
    def decode_marc(
        self,
        marc,
        to_unicode=True,
        force_utf8=False,
        hide_utf8_warnings=False,
        utf8_handling="strict",
        encoding=_DEFAULT_ENCODING,
    ):
        """Fill the record from ISO 2709 bytes (pymarc's decode_marc)."""
        if not isinstance(marc, bytes):
            marc = bytes(marc)
        simple_encoding = encoding == _DEFAULT_ENCODING or marc[9:10] == b"a" or force_utf8
        if to_unicode and simple_encoding:
            data = parse_chunk(
                marc, force_utf8=force_utf8, validate_text=True, strict_values=utf8_handling == "strict"
            )
            if data.ok and not data.flags & _SLOW_PATH_FLAGS:
                self._data = data
                self._leader = None
                self._fields = None
                self._utf8_handling = utf8_handling
                _log_indicator_anomalies(data)
                return
            if not data.ok and not data.flags & _SLOW_PATH_FLAGS:
                raise exception_for(data)
        self._data = None
        _decode.decode_chunk(self, marc, to_unicode, force_utf8, hide_utf8_warnings, utf8_handling, encoding)

    def as_marc(self):
        """ISO 2709 bytes; like pymarc, sets leader byte 9 to 'a' when to_unicode."""
        if self.to_unicode:
            if self._leader is None and self._data is not None:
                self._leader = Leader(self._data.leader)
            if isinstance(self._leader, Leader):
                self._leader.coding_scheme = "a"
            else:
                self._leader = self._leader[0:9] + "a" + self._leader[10:]
        if self._untouched() and (self._data.is_utf8 or not self._data.flags & _NEEDS_MARC8_DECODER):
            return self._data.serialize(str(self.leader))
        leader = self.leader
        encoding = "utf-8" if leader[9] == "a" or self.force_utf8 else "iso8859-1"
        directory, body, offset = [], [], 0
        for field in self.fields:
            field_data = field.as_marc() if isinstance(field, RawField) else field.as_marc(encoding=encoding)
            body.append(field_data)
            tag = f"{int(field.tag):03d}" if field.tag.isdigit() else f"{field.tag:>03}"
            directory.append(f"{tag}{len(field_data):04d}{offset:05d}".encode(encoding))
            offset += len(field_data)
        directory_bytes = b"".join(directory) + b"\x1e"
        body_bytes = b"".join(body) + b"\x1d"
        base_address = LEADER_LEN + len(directory_bytes)
        length = base_address + len(body_bytes)
        text = str(leader)
        head = f"{length:0>5}{text[5:12]}{base_address:0>5}{text[17:]}".encode(encoding)
        return head + directory_bytes + body_bytes

    as_marc21 = as_marc

    # -- pymarc's container protocol -------------------------------------------
    def __str__(self):
        lines = [f"=LDR  {self.leader}"]
        lines.extend(str(field) for field in self.fields)
        return "\n".join(lines) + "\n"

    def get(self, tag, default=None):
        for field in self.fields:
            if field.tag == tag:
                return field
        return default

    def __getitem__(self, tag):
        for field in self.fields:
            if field.tag == tag:
                return field
        raise KeyError

    def __contains__(self, tag):
        if self._untouched():
            return tag in self._data.tags()
        return any(field.tag == tag for field in self.fields)

    def __iter__(self):
        self.__pos = 0
        return self

    def __next__(self):
        if self.__pos >= len(self.fields):
            raise StopIteration
        self.__pos += 1
        return self.fields[self.__pos - 1]

    def get_fields(self, *args):
        if not args:
            return self.fields
        return [field for field in self.fields if field.tag in args]

    def add_field(self, *fields):
        self.fields.extend(fields)

    def remove_field(self, *fields):
        for field in fields:
            try:
                self.fields.remove(field)
            except ValueError:
                raise FieldNotFound from None

    def remove_fields(self, *tags):
        if tags:
            self.fields[:] = [field for field in self.fields if field.tag not in tags]

    # -- convenience properties (the full set follows with the pymarc API work) --
    @property
    def title(self):
        field = self.get("245")
        if field is None:
            return None
        title = field.get("a")
        if title is None:
            return None
        subtitle = field.get("b")
        return f"{title} {subtitle}" if title and subtitle else title


def _log_indicator_anomalies(data):
    if not data.flags & _INDICATOR_ANOMALY:
        return
    for count, raw in data.indicator_anomalies():
        if count == 0:
            _decode.logger.warning("missing indicators: %s", raw)
        elif count == 1:
            _decode.logger.warning("only 1 indicator found: %s", raw)
        else:
            _decode.logger.warning("more than 2 indicators found: %s", raw)


# Flag bits of mrrc::RecordFlags (cpp/include/mrrc/record.hpp).
_NON_ASCII_SUBFIELD_CODE = 1 << 0
_INDICATOR_ANOMALY = 1 << 1
_NON_ASCII_TEXT = 1 << 3
_CONTROL_CHARACTER_TEXT = 1 << 4
_SLOW_PATH_FLAGS = _NON_ASCII_SUBFIELD_CODE
_NEEDS_MARC8_DECODER = _NON_ASCII_TEXT | _CONTROL_CHARACTER_TEXT
