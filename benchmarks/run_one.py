"""Run one workload for one library in this (fresh) process and print JSON:
{"records", "seconds" (best repetition), "peak_rss_kb", "module"}.

    python benchmarks/run_one.py LIB WORKLOAD FILE [FILE ...]

LIB is pymarc, rmarc, mrrc or mrrc-rust (the Rust mrrc, found through
PYTHONPATH set by compare.py). WORKLOAD is read, extract, roundtrip, write,
xml_read, xml_stream (FILE is MARCXML), xml_write, json_read, ndjson_read,
mrk_read (FILE in that format), json_write, write_path, write_file,
write_all, roundtrip_file, table_loop, to_arrow (six columns
into a pyarrow table: a loop over pymarc's API, or columnar extraction),
to-arrow-threads (to_arrow, threads=1 then threads=2), memory-parquet (to_parquet
of a large file, peak RSS),
threads-read, threads-extract, threads-write (two files: sequential, then two threads),
parallel-read (one file on all cores, where offered),
memory-stream or memory-held.
"""

import importlib
import json
import pathlib
import sys
import time
import warnings

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import workloads  # noqa: E402

MIN_SECONDS = 1.0
MAX_REPEATS = 5


def import_library(name):
    module = importlib.import_module("mrrc" if name.startswith("mrrc") else name)
    module._BENCH_TAKES_PATH = name.startswith("mrrc")
    return module


def best_time(function):
    """Best wall time of `function()` over repetitions totalling about MIN_SECONDS."""
    best, total, repeats, result = float("inf"), 0.0, 0, None
    while repeats < MAX_REPEATS and (repeats < 2 or total < MIN_SECONDS):
        start = time.perf_counter()
        result = function()
        elapsed = time.perf_counter() - start
        best, total, repeats = min(best, elapsed), total + elapsed, repeats + 1
    return result, best


def status_kb(key):
    """A memory figure of this process from /proc (VmRSS now, VmHWM peak).
    getrusage's ru_maxrss is not used: it keeps the parent's peak across fork and exec."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def main():
    name, workload, *paths = sys.argv[1:]
    warnings.simplefilter("ignore")
    import logging

    logging.disable(logging.WARNING)
    lib = import_library(name)
    out = {"module": lib.__file__}
    if workload in workloads.WORKLOADS:
        function = workloads.WORKLOADS[workload]
        out["records"], out["seconds"] = best_time(lambda: function(lib, paths[0]))
    elif workload == "parallel-read":
        out["records"], out["seconds"] = best_time(lambda: workloads.parallel_read(lib, paths[0]))
    elif workload == "threads-one-file":  # threads=1 against threads=2 on one file (this project only)
        out["records"], out["seconds_sequential"] = best_time(lambda: workloads.parallel_read(lib, paths[0], 1))
        _, out["seconds"] = best_time(lambda: workloads.parallel_read(lib, paths[0], 2))
        out["speedup"] = out["seconds_sequential"] / out["seconds"]
    elif workload == "to-arrow-threads":  # to_arrow with threads=1 against threads=2 (this project only)
        out["records"], out["seconds_sequential"] = best_time(lambda: workloads.to_arrow(lib, paths[0], 1))
        _, out["seconds"] = best_time(lambda: workloads.to_arrow(lib, paths[0], 2))
        out["speedup"] = out["seconds_sequential"] / out["seconds"]
    elif workload == "memory-parquet":  # peak RSS writing a large file's table to Parquet (this project only)
        start = time.perf_counter()
        out["records"] = workloads.to_parquet(lib, paths[0])
        out["seconds"] = time.perf_counter() - start
    elif workload == "batch-sweep":  # read throughput for batch sizes (this project only)
        import mrrc.reader as reader_module

        out["sweep"] = []
        for records_cap in (10, 50, 100, 256, 500, 1000):
            for bytes_cap in (1 << 20, 4 << 20, 16 << 20):
                reader_module.BATCH_RECORDS, reader_module.BATCH_BYTES = records_cap, bytes_cap
                data = open(paths[0], "rb").read()
                count, seconds = best_time(lambda data=data: sum(1 for _ in lib.MARCReader(data)))
                path_count, path_seconds = best_time(lambda: workloads.read(lib, paths[0]))
                out["sweep"].append({"records": records_cap, "bytes": bytes_cap, "bytes_rate": count / seconds,
                                     "path_rate": path_count / path_seconds})
        out["records"], out["seconds"] = count, seconds
    elif workload in workloads.WRITE_WORKLOADS:
        records = workloads.load(lib, paths[0])
        function = workloads.WRITE_WORKLOADS[workload]
        out["records"], out["seconds"] = best_time(lambda: function(lib, records))
    elif workload == "threads-write":  # two writers on two threads, each its own file, against one after the other
        lists = [workloads.load(lib, path) for path in paths]
        out["records"], out["seconds_sequential"] = best_time(lambda: workloads.threaded_writes(lib, lists, 1))
        _, out["seconds"] = best_time(lambda: workloads.threaded_writes(lib, lists, len(lists)))
        out["speedup"] = out["seconds_sequential"] / out["seconds"]
    elif workload.startswith("threads-"):
        function = workloads.WORKLOADS[workload.split("-", 1)[1]]
        out["records"], out["seconds_sequential"] = best_time(lambda: workloads.threaded(function, lib, paths, 1))
        _, out["seconds"] = best_time(lambda: workloads.threaded(function, lib, paths, len(paths)))
        out["speedup"] = out["seconds_sequential"] / out["seconds"]
    elif workload == "memory-stream":
        start = time.perf_counter()
        out["records"] = workloads.read(lib, paths[0])
        out["seconds"] = time.perf_counter() - start
    elif workload == "memory-held":
        before = status_kb("VmRSS")
        start = time.perf_counter()
        held = workloads.load(lib, paths[0])
        out["seconds"] = time.perf_counter() - start
        out["records"] = len(held)
        out["bytes_per_record"] = (status_kb("VmRSS") - before) * 1024 / max(len(held), 1)
    else:
        raise SystemExit(f"unknown workload {workload}")
    out["peak_rss_kb"] = status_kb("VmHWM")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
