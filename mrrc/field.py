"""Fields, subfields and indicators with pymarc 5.4.0's behaviour."""

import logging
from collections import defaultdict
from typing import List, NamedTuple, Optional

from mrrc.constants import END_OF_FIELD, SUBFIELD_INDICATOR

logger = logging.getLogger("pymarc")  # pymarc's logger name: users' logging config keeps working


class Subfield(NamedTuple):
    code: str
    value: str


class Indicators(NamedTuple):
    """The two indicators of a data field."""

    first: str
    second: str


_LEGACY_SUBFIELDS_MESSAGE = """The subfield input no longer accepts strings, and should use Subfield.
                   Please consult the documentation for details.
                """
_LEGACY_INDICATORS_MESSAGE = """The indicators input no longer accepts an iterable of arbitrary length. Use
                   the Indicators() named tuple instead. Please consult the documentation
                   for details.
                """


def _normalize_tag(tag) -> str:
    if isinstance(tag, str):
        if tag.isdigit():
            return tag if len(tag) == 3 else f"{int(tag):03}"
        return tag
    try:
        return f"{int(tag):03}"
    except (TypeError, ValueError):
        return f"{tag}"


class Field:
    """A control field (tag below 010: ``data``) or a data field (indicators and
    a list of Subfield)."""

    __slots__ = ("tag", "data", "_indicators", "subfields", "__pos", "control_field")

    def __init__(self, tag, indicators=None, subfields=None, data=None):
        self.tag = _normalize_tag(tag)
        if subfields and isinstance(subfields[0], str):
            raise ValueError(_LEGACY_SUBFIELDS_MESSAGE)
        self.subfields = []
        self._indicators = None
        self.data = None
        self.control_field = False
        if self.tag < "010" and self.tag.isdigit():
            self.control_field = True
            self.data = data
        else:
            self.subfields = subfields or []
            if not indicators:
                self._indicators = Indicators(" ", " ")
            elif isinstance(indicators, (list, tuple)) and len(indicators) == 2:
                self._indicators = Indicators(*indicators)
            else:
                self.indicators = indicators

    @classmethod
    def _from_parts(cls, tag, indicator1, indicator2, subfields, data):
        """Build a field read from a record without re-running the checks."""
        field = cls.__new__(cls)
        field.tag = tag
        if indicator1 is None:
            field.control_field = True
            field.data = data
            field.subfields = []
            field._indicators = None
        else:
            field.control_field = False
            field.data = None
            field._indicators = Indicators(indicator1, indicator2)
            field.subfields = subfields
        return field

    @classmethod
    def convert_legacy_subfields(cls, subfields: List[str]) -> List[Subfield]:
        """[code, value, code, value, ...] to a list of Subfield; an odd count is a
        ValueError (as zip(strict=True) reports it, also on Python 3.9)."""
        items = list(subfields)
        if len(items) % 2:
            raise ValueError("zip() argument 2 is shorter than argument 1")
        return [Subfield(items[i], items[i + 1]) for i in range(0, len(items), 2)]

    # -- indicators ------------------------------------------------------------
    @property
    def indicators(self):
        return self._indicators

    @indicators.setter
    def indicators(self, value):
        if value and isinstance(value, (list, tuple)) and len(value) != 2:
            raise ValueError(_LEGACY_INDICATORS_MESSAGE)
        if value is not None:
            self._indicators = value if isinstance(value, Indicators) else Indicators(*value)

    @property
    def indicator1(self) -> str:
        return self._indicators.first if self._indicators else ""

    @indicator1.setter
    def indicator1(self, value: str) -> None:
        if self.control_field:
            self._indicators = None
        self._indicators = self._indicators._replace(first=value)

    @property
    def indicator2(self) -> str:
        return self._indicators.second if self._indicators else ""

    @indicator2.setter
    def indicator2(self, value: str) -> None:
        if self.control_field:
            self._indicators = None
        self._indicators = self._indicators._replace(second=value)

    # -- access ----------------------------------------------------------------
    def __iter__(self):
        self.__pos = 0
        return self

    def __next__(self) -> Subfield:
        if self.control_field:
            raise StopIteration
        try:
            subfield = self.subfields[self.__pos]
        except IndexError:
            raise StopIteration from None
        self.__pos += 1
        return subfield

    def __str__(self) -> str:
        if self.control_field:
            return f"={self.tag}  {self.data.replace(' ', chr(92)) if self.data else ''}"
        indicators = "".join("\\" if i in (" ", "\\") else f"{i}" for i in self._indicators)
        subfields = "".join(f"${s.code}{s.value}" for s in self.subfields)
        return f"={self.tag}  {indicators}{subfields}"

    def get(self, code: str, default=None):
        if self.control_field:
            return default
        for subfield in self.subfields:
            if subfield.code == code:
                return subfield.value
        return default

    def __getitem__(self, code: str) -> str:
        if self.control_field:
            raise KeyError
        for subfield in self.subfields:
            if subfield.code == code:
                return subfield.value
        raise KeyError

    def __contains__(self, code: str) -> bool:
        if self.control_field:
            return False
        return any(subfield.code == code for subfield in self.subfields)

    def __setitem__(self, code: str, value: str) -> None:
        if self.control_field:
            raise KeyError("field is a control field")
        found = None
        for index, subfield in enumerate(self.subfields):
            if subfield.code == code:
                if found is not None:
                    raise KeyError(f"more than one code '{code}'")
                found = index
        if found is None:
            raise KeyError(f"no code '{code}'")
        self.subfields[found] = Subfield(code=self.subfields[found].code, value=value)

    def value(self) -> str:
        if self.control_field:
            return self.data or ""
        return " ".join(subfield.value.strip() for subfield in self.subfields)

    def get_subfields(self, *codes) -> List[str]:
        if self.control_field or not codes:
            return []
        return [subfield.value for subfield in self.subfields if subfield.code in codes]

    def add_subfield(self, code: str, value: str, pos=None) -> None:
        if self.control_field:
            return None
        subfield = Subfield(code=code, value=value)
        if pos is None or pos > len(self.subfields):
            self.subfields.append(subfield)
        else:
            self.subfields.insert(pos, subfield)
        return None

    def delete_subfield(self, code: str) -> Optional[str]:
        if self.control_field:
            return None
        for index, subfield in enumerate(self.subfields):
            if subfield.code == code:
                return self.subfields.pop(index).value
        return None

    def subfields_as_dict(self) -> dict:
        if self.control_field:
            return {}
        grouped = defaultdict(list)
        for subfield in self.subfields:
            grouped[subfield.code].append(subfield.value)
        return dict(grouped)

    def is_control_field(self) -> bool:
        return self.control_field

    def is_subject_field(self) -> bool:
        return self.tag.startswith("6")

    def linkage_occurrence_num(self) -> Optional[str]:
        linkage = self.get("6", "")
        return linkage.split("-")[1].split("/")[0] if linkage else None

    def format_field(self) -> str:
        if self.control_field:
            return self.data or ""
        subject = self.is_subject_field()
        parts = []
        for subfield in self.subfields:
            if subfield.code == "6":
                continue
            if subject and subfield.code in ("v", "x", "y", "z"):
                parts.append(f" -- {subfield.value}")
            else:
                parts.append(f" {subfield.value}")
        return "".join(parts).strip()

    def as_marc(self, encoding: str) -> bytes:
        if self.control_field:
            return f"{self.data}{END_OF_FIELD}".encode(encoding)
        subfields = "".join(f"{SUBFIELD_INDICATOR}{s.code}{s.value}" for s in self.subfields)
        return f"{self.indicator1}{self.indicator2}{subfields}{END_OF_FIELD}".encode(encoding)

    as_marc21 = as_marc


class RawField(Field):
    """A field whose data and subfield values stay undecoded ``bytes``
    (records read with ``to_unicode=False``)."""

    __slots__ = ()

    def as_marc(self, encoding: Optional[str] = None) -> bytes:
        if encoding is not None:
            logger.warning("Attempt to force a RawField into encoding %s", encoding)
        if self.control_field:
            return self.data + END_OF_FIELD.encode("ascii")
        marc = self.indicator1.encode("ascii") + self.indicator2.encode("ascii")
        for subfield in self.subfields:
            marc += SUBFIELD_INDICATOR.encode("ascii") + subfield.code.encode("ascii") + subfield.value
        return marc + END_OF_FIELD.encode("ascii")

    as_marc21 = as_marc


from mrrc.marc8 import marc8_to_unicode  # noqa: E402,F401  (pymarc.field exposes it)


def map_marc8_field(f):
    """Convert a raw field's MARC-8 text in place (needs the MARC-8 decoder)."""
    raise NotImplementedError(
        "MARC-8 decoding (map_marc8_field) is not implemented in mrrc yet; "
        "it is planned work (see the README's status table)"
    )
