"""Fields, subfields and indicators with pymarc 5.4.0's behaviour.

``Field`` is implemented in Cython (mrrc/_field.pxi) so that a field read from
a file can stay a view of the C++ record until its subfields are needed.
"""

import logging

from mrrc._core import Field
from mrrc._tuples import Indicators, Subfield
from mrrc.constants import END_OF_FIELD, SUBFIELD_INDICATOR
from mrrc.marc8 import marc8_to_unicode

logger = logging.getLogger("pymarc")  # pymarc's logger name: users' logging config keeps working

__all__ = ["Field", "Indicators", "RawField", "Subfield", "map_marc8_field"]


class RawField(Field):
    """A field whose data and subfield values stay undecoded ``bytes``
    (records read with ``to_unicode=False``)."""

    __slots__ = ()

    def as_marc(self, encoding=None):
        if encoding is not None:
            logger.warning("Attempt to force a RawField into encoding %s", encoding)
        if self.control_field:
            return self.data + END_OF_FIELD.encode("ascii")
        marc = self.indicator1.encode("ascii") + self.indicator2.encode("ascii")
        for subfield in self.subfields:
            marc += SUBFIELD_INDICATOR.encode("ascii") + subfield.code.encode("ascii") + subfield.value
        return marc + END_OF_FIELD.encode("ascii")

    as_marc21 = as_marc


def map_marc8_field(f):
    """Decode a field's MARC-8 data or subfield values in place (pymarc's map_marc8_field)."""
    if f.control_field:
        f.data = marc8_to_unicode(f.data)
    else:
        f.subfields = [Subfield(subfield.code, marc8_to_unicode(subfield.value)) for subfield in f.subfields]
    return f
