"""Addressing parts of a record on the command line, with the MARC path
conventions of MARCspec, traject and Catmandu, and the conditions that
``mrrc filter`` keeps records by.

    LDR          the leader              LDR/06, LDR/06-07   leader positions (0-based)
    008          a control field's data  008/35-37           its positions
    245          a data field's value()  245$a, 245$abc      its subfields (each occurrence)
    245^1, 245^2 a data field's indicators
    6XX, 6..     any tag in 600-699 (X, x or . stands for any character)
"""

import re
from dataclasses import dataclass
from typing import Optional, Tuple

import click

_PATH = re.compile(
    r"""^(?P<tag>LDR|ldr|[0-9A-Za-z.]{3})
        (?: \$(?P<codes>[^/^]+)
          | \^(?P<indicator>[12])
          | /(?P<start>\d+)(?:-(?P<end>\d+))?
        )?$""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class MarcPath:
    """One parsed path: which fields, and which part of each."""

    text: str
    tag: str  # "LDR" or three characters, "." for any
    codes: Optional[str] = None
    indicator: Optional[int] = None
    positions: Optional[Tuple[int, int]] = None  # start, end inclusive

    @classmethod
    def parse(cls, text):
        match = _PATH.match(text.strip())
        if match is None:
            raise click.BadParameter(
                f"{text!r} is not a MARC path: use LDR, LDR/06, 008/35-37, 245, 245$a, 245$ab, 245^1 or 6XX$a")
        tag = match["tag"]
        tag = "LDR" if tag.upper() == "LDR" else re.sub("[Xx]", ".", tag) if not tag.isdigit() else tag
        positions = None
        if match["start"] is not None:
            start = int(match["start"])
            end = int(match["end"]) if match["end"] is not None else start
            if end < start:
                raise click.BadParameter(f"{text!r}: the range {start}-{end} runs backwards")
            positions = (start, end)
        if tag == "LDR" and (match["codes"] or match["indicator"]):
            raise click.BadParameter(f"{text!r}: the leader has positions only (LDR/06)")
        indicator = int(match["indicator"]) if match["indicator"] else None
        return cls(text, tag, match["codes"], indicator, positions)

    def _fields(self, record):
        if "." not in self.tag:
            return record.get_fields(self.tag)
        pattern = re.compile(re.escape(self.tag).replace(r"\.", "."))
        return [field for field in record.fields if pattern.fullmatch(field.tag)]

    def values(self, record):
        """Every string this path addresses in the record (empty when none)."""
        if self.tag == "LDR":
            return [self._slice(str(record.leader))]
        out = []
        for field in self._fields(record):
            control = field.is_control_field()
            if self.codes is not None:
                if not control:
                    out.extend(value for code, value in field.subfields if code in self.codes)
            elif self.indicator is not None:
                if not control:
                    out.append(field.indicator1 if self.indicator == 1 else field.indicator2)
            else:
                out.append(self._slice((field.data or "") if control else field.value()))
        return [value for value in out if value is not None]

    def _slice(self, text):
        if self.positions is None:
            return text
        start, end = self.positions
        return text[start:end + 1] if len(text) > start else None


@dataclass(frozen=True)
class Condition:
    """A test on the values a path addresses: true when any value passes."""

    kind: str  # has, missing, equals, contains, regex
    path: MarcPath
    operand: Optional[str] = None
    ignore_case: bool = False

    def __post_init__(self):
        if self.kind == "regex":
            try:
                pattern = re.compile(self.operand, re.IGNORECASE if self.ignore_case else 0)
            except re.error as error:
                raise click.BadParameter(f"{self.operand!r} is not a regular expression: {error}") from None
            object.__setattr__(self, "_pattern", pattern)

    def test(self, record):
        values = self.path.values(record)
        if self.kind == "has":
            return bool(values)
        if self.kind == "missing":
            return not values
        if self.kind == "regex":
            return any(self._pattern.search(value) for value in values)
        operand = self.operand.casefold() if self.ignore_case else self.operand
        if self.ignore_case:
            values = [value.casefold() for value in values]
        if self.kind == "equals":
            return operand in values
        return any(operand in value for value in values)  # contains


def condition(kind, text, ignore_case=False):
    """A Condition from an option's text: ``PATH`` for has/missing, ``PATH=VALUE`` otherwise."""
    if kind in ("has", "missing"):
        return Condition(kind, MarcPath.parse(text))
    path, equals, operand = text.partition("=")
    if not equals:
        raise click.BadParameter(f"{text!r}: write PATH=VALUE, for example 245$a=Pride and prejudice")
    return Condition(kind, MarcPath.parse(path), operand, ignore_case)


def line_matcher(pattern, fixed=False, ignore_case=False):
    """A function telling whether a line of text matches `pattern` (as grep does, or -F fixed text)."""
    if fixed:
        if ignore_case:
            folded = pattern.casefold()
            return lambda line: folded in line.casefold()
        return lambda line: pattern in line
    try:
        compiled = re.compile(pattern, re.IGNORECASE if ignore_case else 0)
    except re.error as error:
        raise click.BadParameter(f"{pattern!r} is not a regular expression: {error}") from None
    return lambda line: compiled.search(line) is not None


def tag_matcher(tags):
    """A test on a field's tag for --tag options (6XX and 6.. allowed); None when none are given."""
    if not tags:
        return None
    patterns = [re.compile(re.escape(re.sub("[Xx]", ".", t) if not t.isdigit() else t).replace(r"\.", "."))
                for t in tags]
    return lambda tag: any(p.fullmatch(tag) for p in patterns)
