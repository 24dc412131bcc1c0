"""MARCXML (pymarc.marcxml). Reading and writing MARCXML are planned work:
until they land these names exist and raise NotImplementedError."""

from mrrc._pending import pending, pending_class

XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
MARC_XML_NS = "http://www.loc.gov/MARC21/slim"
MARC_XML_SCHEMA = "http://www.loc.gov/MARC21/slim http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd"

XmlHandler = pending_class("XmlHandler", "MARCXML reading (XmlHandler)")
parse_xml, _ = pending("MARCXML reading (parse_xml)")
map_xml, _ = pending("MARCXML reading (map_xml)")
parse_xml_to_array, _ = pending("MARCXML reading (parse_xml_to_array)")
record_to_xml, _ = pending("MARCXML writing (record_to_xml)")
record_to_xml_node, _ = pending("MARCXML writing (record_to_xml_node)")

from mrrc.field import Field, Indicators  # noqa: F401,E402  (pymarc.marcxml exposes these)
from mrrc.leader import Leader  # noqa: F401,E402
from mrrc.marc8 import MARC8ToUnicode  # noqa: F401,E402
from mrrc.record import Record  # noqa: F401,E402
