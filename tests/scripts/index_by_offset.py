"""Build an offset index of a MARC file, then fetch records at random through it."""
import random
import sys

import pymarc

path = sys.argv[1]
index = {}
with open(path, "rb") as handle:
    reader = pymarc.MARCReader(handle)
    while True:
        where = handle.tell()
        try:
            record = next(reader)
        except StopIteration:
            break
        if record is not None:
            control = record.get("001")
            index[control.data if control else f"at-{where}"] = where
    print("indexed", len(index), "records; file ends at", handle.tell())

rng = random.Random(7)
with open(path, "rb") as handle:
    for key in rng.sample(sorted(index), min(5, len(index))):
        handle.seek(index[key])
        record = next(pymarc.MARCReader(handle))
        print(key, index[key], "->", handle.tell(), record.title)
