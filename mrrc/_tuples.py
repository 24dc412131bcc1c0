"""Subfield and Indicators: pymarc's named tuples (re-exported by mrrc.field)."""

from typing import NamedTuple


class Subfield(NamedTuple):
    code: str
    value: str


class Indicators(NamedTuple):
    """The two indicators of a data field."""

    first: str
    second: str


Subfield.__module__ = Indicators.__module__ = "mrrc.field"  # where users import them from
