"""Instructions per record, counted by valgrind's callgrind: a measure that
timing noise on a shared machine does not move. Each workload of
benchmarks/workloads.py runs twice under callgrind for each library, on the
first N records of real-utf8 and on none, and the difference is divided by N
(so start-up and imports cancel out); a writing workload runs on the N
records loaded in memory, against loading them alone. Every thread counts
(mrrc's C++ producer and writer threads included).

    python benchmarks/instructions.py [--records N] [--add-to-results]
                                      [--libraries mrrc] [--workloads read,extract]

With --add-to-results the counts go into benchmarks/results/latest.json
(merged with the counts already there, so a run of mrrc alone keeps pymarc's),
and `compare.py --write-docs` shows them beside the timings. pymarc's counts do
not change with this project's code: `--libraries mrrc` measures a change in
a fraction of the time.
"""

import argparse
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402

WORKLOADS = ["read", "extract", "roundtrip", "write", "write_path"]
WRITING = {"write", "write_path"}
LIBRARIES = ["pymarc", "mrrc"]

DRIVER = """
import sys, warnings, logging
sys.path.insert(0, {here!r})
warnings.simplefilter("ignore"); logging.disable(logging.WARNING)
import workloads, run_one
lib = run_one.import_library({lib!r})
path = {path!r}
if {workload!r} in workloads.WRITE_WORKLOADS:
    records = workloads.load(lib, path)
    if {write}:
        workloads.WRITE_WORKLOADS[{workload!r}](lib, records)
else:
    workloads.WORKLOADS[{workload!r}](lib, path)
"""


def sample(records):
    """The first `records` records of real-utf8 (0: an empty file)."""
    data = corpus.real_utf8().read_bytes()
    end = 0
    for _ in range(records):
        end += int(data[end:end + 5])
    path = corpus.CACHE / f"real-utf8-first-{records}.mrc"
    path.write_bytes(data[:end])
    return path


def instructions(lib, workload, path, write=True):
    with tempfile.TemporaryDirectory() as scratch:
        out = pathlib.Path(scratch) / "callgrind.out"
        script = DRIVER.format(here=str(HERE), lib=lib, workload=workload, path=str(path), write=write)
        # One hash seed for every run: with a random one, dict and set layouts
        # (and so start-up's work) differ between the two runs of a pair by up
        # to ~500,000 instructions, which would not cancel out.
        env = dict(os.environ, PYTHONHASHSEED="0")
        done = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", "--dump-instr=no",
                               sys.executable, "-c", script], capture_output=True, text=True, cwd=str(HERE), env=env)
        if done.returncode != 0:
            raise RuntimeError(done.stderr[-500:])
        summary = re.search(r"^summary: (\d+)", out.read_text(), re.M)
        return int(summary.group(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--add-to-results", action="store_true")
    parser.add_argument("--libraries", default=",".join(LIBRARIES), help="comma-separated (default: %(default)s)")
    parser.add_argument("--workloads", default=",".join(WORKLOADS), help="comma-separated (default: %(default)s)")
    args = parser.parse_args()
    libraries = args.libraries.split(",")
    some, none = sample(args.records), sample(0)
    counts = {}
    for workload in args.workloads.split(","):
        for lib in libraries:
            baseline = (instructions(lib, workload, some, write=False) if workload in WRITING
                        else instructions(lib, workload, none))
            per_record = (instructions(lib, workload, some) - baseline) / args.records
            counts.setdefault(workload, {})[lib] = per_record
            print(f"{workload:<12} {lib:<8} {per_record:>12,.0f} instructions/record", flush=True)
        if {"pymarc", "mrrc"} <= set(counts[workload]):
            ratio = counts[workload]["pymarc"] / counts[workload]["mrrc"]
            print(f"{workload:<12} pymarc/mrrc {ratio:.1f}x", flush=True)
    if args.add_to_results:
        results_path = HERE / "results" / "latest.json"
        results = json.loads(results_path.read_text())
        previous = results.get("instructions", {})
        if previous.get("records") != args.records:
            previous = {}
        merged = previous.get("per_record", {})
        for workload, by_library in counts.items():
            merged.setdefault(workload, {}).update(by_library)
        results["instructions"] = {"records": args.records, "per_record": merged}
        results_path.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
