"""Writing MARC on several cores with mrrc: read -> filter/modify -> write.

    python examples/concurrent_writing.py OUTPUT_DIR FILE.mrc [FILE.mrc ...]

Each input file is converted on its own thread: records without a title are
dropped, a local note is added to the rest, and they are written to
OUTPUT_DIR/<name>.out.mrc by a MARCWriter given the path (mrrc serialises its
batches without the GIL and writes them from a C++ thread). The same job is
then run on one thread and the outputs compared byte for byte; finally every
kept record is written to one file with write_all.
"""

import os
import pathlib
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from typing import List, Optional, Tuple

import mrrc


def keep(record: Optional[mrrc.Record]) -> Optional[mrrc.Record]:
    """The filter and the change: only records with a 245, each given a 590 note."""
    if record is None or "245" not in record:
        return None
    record.add_field(mrrc.Field("590", mrrc.Indicators(" ", " "), [mrrc.Subfield("a", "Checked by the nightly job.")]))
    return record


def convert(source: str, target: pathlib.Path) -> int:
    """One worker: its own reader and its own writer."""
    written = 0
    with mrrc.MARCReader(source) as reader, mrrc.MARCWriter(target) as writer:
        for record in map(keep, reader):
            if record is not None:
                writer.write(record)
                written += 1
    return written


def run(paths: List[str], out_dir: pathlib.Path, threads: int,
        suffix: str) -> Tuple[List[pathlib.Path], int, float]:
    targets = [out_dir / f"{pathlib.Path(p).stem}.{suffix}.mrc" for p in paths]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        counts = list(pool.map(convert, paths, targets))
    return targets, sum(counts), time.perf_counter() - started


def main(out_name: str, paths: List[str]) -> None:
    out_dir = pathlib.Path(out_name)
    out_dir.mkdir(parents=True, exist_ok=True)
    cores = os.cpu_count() or 1

    parallel, written, seconds = run(paths, out_dir, cores, "out")
    print(f"{len(paths)} file(s) on {cores} threads: {written} records written in {seconds:.2f} s")
    sequential, _, seconds = run(paths, out_dir, 1, "sequential")
    print(f"the same on one thread: {seconds:.2f} s")
    for a, b in zip(parallel, sequential):
        assert a.read_bytes() == b.read_bytes(), f"{a} differs from {b}"
        b.unlink()
    print("outputs identical to the sequential run")

    started = time.perf_counter()
    kept = (keep(r) for p in paths for r in mrrc.MARCReader(p))
    count = mrrc.write_all((r for r in kept if r is not None), out_dir / "all.mrc", threads=0)
    print(f"write_all: {count} records into {out_dir / 'all.mrc'} in {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
