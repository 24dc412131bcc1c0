"""MARC-in-JSON reading (pymarc.marcjson). Planned work: until it lands these
names exist and raise NotImplementedError. (Writing JSON works today:
Record.as_json, Record.as_dict and writer.JSONWriter.)"""

from mrrc._pending import pending, pending_class

JSONHandler = pending_class("JSONHandler", "MARC-in-JSON reading (JSONHandler)")
parse_json_to_array, _ = pending("MARC-in-JSON reading (parse_json_to_array)")

from mrrc.field import Field, Indicators  # noqa: F401,E402  (pymarc.marcjson exposes these)
from mrrc.leader import Leader  # noqa: F401,E402
from mrrc.reader import JSONReader  # noqa: F401,E402
from mrrc.record import Record  # noqa: F401,E402
