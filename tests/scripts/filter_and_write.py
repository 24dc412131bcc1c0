"""Copy the records that have a subject heading to a new file; report what was skipped."""
import io
import sys

import pymarc
from pymarc import MARCWriter

kept = skipped = bad = 0
out = io.BytesIO()
writer = MARCWriter(out)
with open(sys.argv[1], "rb") as handle:
    for record in pymarc.MARCReader(handle, to_unicode=True, force_utf8=True, utf8_handling="replace"):
        if record is None:
            bad += 1
            continue
        if record.subjects:
            writer.write(record)
            kept += 1
        else:
            skipped += 1
print(kept, "kept,", skipped, "without subjects,", bad, "unreadable;", len(out.getvalue()), "bytes written")
for record in pymarc.MARCReader(out.getvalue()):
    print(type(record), record.leader, [f.tag for f in record.subjects][:4])
