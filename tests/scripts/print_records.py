"""Print the first records of a file the way a tutorial does, then keep reading after the file closed."""
import sys

import pymarc
from pymarc.field import Field, Subfield

with open(sys.argv[1], "rb") as fh:
    reader = pymarc.MARCReader(fh)
    for number, record in enumerate(reader):
        if number == 3:
            break
        if record is None:
            print("unreadable:", repr(reader.current_exception), len(reader.current_chunk))
            continue
        print(type(record))
        print(record)
        print(record.title, "|", record.author, "|", record.isbn)
        for field in record.get_fields("650", "700"):
            print(" ", repr(field.tag), field.indicators, field.format_field())
        record.add_ordered_field(Field("590", [" ", " "], [Subfield("a", "Local note")]))
        print(record["590"], type(record["590"]), record.leader[9])
        print("position", fh.tell())
try:
    next(reader)
except ValueError as error:
    print("after the with block:", type(error).__name__, error)
print(pymarc.Field.convert_legacy_subfields(["a", "x", "b", "y"]))
