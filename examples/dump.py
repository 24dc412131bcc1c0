"""Read a MARC file with mrrc: show the first records and a summary.

    python examples/dump.py records.mrc [--show N]
"""

import argparse
import collections
import os
import time
from typing import Optional

import mrrc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="an ISO 2709 (.mrc) file")
    parser.add_argument("--show", type=int, default=2, help="records to print in full (default 2)")
    args = parser.parse_args()

    started = time.perf_counter()
    records = errors = fields = 0
    error_kinds: "collections.Counter[str]" = collections.Counter()
    tags: "collections.Counter[str]" = collections.Counter()
    coding: "collections.Counter[str]" = collections.Counter()
    shown = 0
    first_error: Optional[BaseException] = None
    reader = mrrc.MARCReader(args.path)
    for record in reader:
        if record is None:
            errors += 1
            error = reader.current_exception
            error_kinds[type(error).__name__] += 1
            if first_error is None:
                first_error = error
            continue
        records += 1
        coding["UTF-8" if str(record.leader)[9] == "a" else "MARC-8"] += 1
        if shown < args.show:
            print(f"--- record {records} ---")
            print(record)
            shown += 1
        for field in record.fields:
            tags[field.tag] += 1
            fields += 1
    elapsed = time.perf_counter() - started

    print("=== summary ===")
    print(f"file:        {args.path} ({os.path.getsize(args.path):,} bytes)")
    print(f"records:     {records:,} read, {errors:,} unreadable (yielded as None, as pymarc does)")
    if error_kinds:
        print("errors:      " + ", ".join(f"{name} x{n}" for name, n in error_kinds.most_common()))
        print(f"first error: {type(first_error).__name__}: {first_error} -- {getattr(first_error, 'detail', '')}")
    print("encoding:    " + ", ".join(f"{name} x{n}" for name, n in coding.most_common()))
    print(f"fields:      {fields:,} ({fields / max(records, 1):.1f} per record)")
    print("common tags: " + ", ".join(f"{tag} x{n}" for tag, n in tags.most_common(8)))
    print(f"time:        {elapsed * 1000:.1f} ms ({(records + errors) / max(elapsed, 1e-9):,.0f} records/s)")


if __name__ == "__main__":
    main()
