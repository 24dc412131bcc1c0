"""Reading MARC on several cores with mrrc.

    python examples/concurrent_reading.py FILE.mrc [FILE.mrc ...]

Shows the three ways: one reader per thread (a ThreadPoolExecutor over files),
one file parsed on several C++ threads (threads=N), and the bulk read_all.
"""

import collections
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from typing import List

import mrrc


def count_subjects(path: str) -> "collections.Counter[str]":
    """What one worker does with one file: every thread has its own reader."""
    subjects: "collections.Counter[str]" = collections.Counter()
    with mrrc.MARCReader(path) as reader:
        for record in reader:
            if record is not None:
                subjects.update(field["a"] for field in record.subjects if "a" in field)
    return subjects


def main(paths: List[str]) -> None:
    cores = os.cpu_count() or 1

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=cores) as pool:  # parsing releases the GIL, so threads overlap
        total: "collections.Counter[str]" = sum(pool.map(count_subjects, paths), collections.Counter())
    print(f"{len(paths)} file(s) on {cores} threads: {time.perf_counter() - started:.2f} s; "
          f"top subjects: {total.most_common(3)}")

    started = time.perf_counter()
    records = 0
    for record in mrrc.MARCReader(paths[0], threads=cores):  # one file, parsed on every core, in file order
        records += record is not None
    print(f"{paths[0]} with threads={cores}: {records} records in {time.perf_counter() - started:.2f} s")

    started = time.perf_counter()
    everything = mrrc.read_all(paths[0], threads=0)  # 0 = one thread per core
    print(f"read_all: {len(everything)} items in {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
