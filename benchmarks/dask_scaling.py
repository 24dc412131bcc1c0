"""mrrc.dask on a distributed.LocalCluster (worker processes, one thread each)
against one process with threads=N, on the generated 1 GB corpus
(benchmarks/corpus.py; --mib reads a prefix of whole records instead):

    read     read_marc(path): records that are not None, counted per partition
             vs  sum(r is not None for r in MARCReader(path, threads=N))
    extract  to_dataframe(path, COLUMNS): rows counted per partition (pandas frames)
             vs  len(to_pandas(path, COLUMNS, threads=N))
    seams    the seam pass alone (every block summarised, the plan made)

Each Dask figure includes building the graph, as a user's call does, and
starts with no task left on the scheduler, so that nothing computed before
(a plan, say) is reused.

and the cost of a partition: the read workload on one worker at several
block sizes, fitted as time = fixed + per_partition * partitions. Each figure
is the best wall time of --repeats runs. Not part of CI (needs mrrc[dask]).

    python benchmarks/dask_scaling.py [--repeats 3] [--mib 256] [--json results/dask.json]
"""

import argparse
import json
import os
import pathlib
import platform
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402

COLUMNS = {"id": "001", "date": "008/07-10", "title": "245$abnp", "subjects": "650$a*", "names": "700$a*",
           "language": "008/35-37"}


def best(function, repeats, settle=None):
    times = []
    for _ in range(repeats):
        if settle is not None:
            settle()
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return min(times), result


def count_records(items):
    return sum(item is not None for item in items)


def count_rows(frame):
    return len(frame)


def prefix_file(source, mib):
    """The first whole records of `source` up to `mib` MiB, cached beside it."""
    import mrrc

    path = source.with_name(f"{source.stem}-{mib}MiB.mrc")
    if path.exists():
        return path
    limit = mib << 20
    written = 0
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as out:
        for record in mrrc.MARCReader(str(source)):
            data = record.as_marc()
            if written + len(data) > limit:
                break
            out.write(data)
            written += len(data)
    tmp.rename(path)
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--mib", type=int, default=0, help="read only this many MiB of the corpus (0: all of it)")
    parser.add_argument("--blocksize", default="64MiB")
    parser.add_argument("--json", default=str(HERE / "results" / "dask.json"))
    args = parser.parse_args()

    import dask
    import distributed

    import mrrc
    import mrrc.dask

    path = corpus.gigabyte()
    if args.mib:
        path = prefix_file(path, args.mib)
    size = path.stat().st_size
    cores = os.cpu_count() or 1
    results = {"file": path.name, "bytes": size, "cores": cores, "python": platform.python_version(),
               "dask": dask.__version__, "blocksize": args.blocksize, "repeats": args.repeats}
    print(f"{path.name}: {size / 2**20:.0f} MiB, {cores} cores")

    # One process, C++ threads
    for threads in sorted({1, cores}):
        seconds, records = best(lambda t=threads: sum(r is not None for r in mrrc.MARCReader(str(path), threads=t)),
                                args.repeats)
        results[f"process-read-threads{threads}"] = seconds
        results["records"] = records
        print(f"  one process, threads={threads}: read {seconds:.2f} s ({records / seconds:,.0f} records/s)")
        seconds, extracted = best(lambda t=threads: len(mrrc.to_pandas(str(path), COLUMNS, threads=t)),
                                  args.repeats)
        results[f"process-extract-threads{threads}"] = seconds
        print(f"  one process, threads={threads}: extract {seconds:.2f} s")

    records = results["records"]
    for workers in sorted({1, cores}):
        cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                           dashboard_address=None, silence_logs=40)
        with cluster, distributed.Client(cluster):
            def settle(scheduler=cluster.scheduler):
                while scheduler.tasks:  # results of the last run released
                    time.sleep(0.01)

            def read(blocksize=args.blocksize):
                return mrrc.dask.read_marc(str(path), blocksize=blocksize).reduction(count_records, sum).compute()

            seconds, count = best(read, args.repeats, settle)
            assert count == records, (count, records)
            partitions = mrrc.dask.read_marc(str(path), blocksize=args.blocksize).npartitions
            results[f"dask-read-workers{workers}"] = seconds
            results["partitions"] = partitions
            print(f"  dask, {workers} worker(s), {partitions} partitions: read {seconds:.2f} s "
                  f"({records / seconds:,.0f} records/s)")
            seconds, rows = best(lambda: int(mrrc.dask.to_dataframe(str(path), COLUMNS, blocksize=args.blocksize)
                                             .map_partitions(count_rows).compute().sum()), args.repeats,
                                 settle)
            assert rows == extracted, (rows, extracted)
            results[f"dask-extract-workers{workers}"] = seconds
            print(f"  dask, {workers} worker(s): extract {seconds:.2f} s ({rows:,} rows)")

            def seams():
                source = mrrc.dask._sources(str(path), None, "infer", None)[0]
                return mrrc.dask._split(source, mrrc.dask._blocksize(args.blocksize))[0].compute()

            seconds, _ = best(seams, args.repeats, settle)
            results[f"dask-seams-workers{workers}"] = seconds
            print(f"  dask, {workers} worker(s): seam pass alone {seconds:.2f} s")
            if workers == 1:
                fit = []
                for blocksize in ("2MiB", "8MiB", "32MiB", "128MiB"):
                    seconds, _ = best(lambda b=blocksize: read(b), args.repeats, settle)
                    count = mrrc.dask.read_marc(str(path), blocksize=blocksize).npartitions
                    fit.append((count, seconds))
                    print(f"    blocksize {blocksize}: {count} partitions, {seconds:.2f} s")
                n = len(fit)
                mean_p = sum(p for p, _ in fit) / n
                mean_t = sum(t for _, t in fit) / n
                slope = (sum((p - mean_p) * (t - mean_t) for p, t in fit)
                         / max(1e-12, sum((p - mean_p) ** 2 for p, _ in fit)))
                results["partition-fit"] = fit
                results["per-partition-seconds"] = slope
                results["fixed-seconds"] = mean_t - slope * mean_p
                print(f"    fitted: {slope * 1000:.1f} ms per partition, {mean_t - slope * mean_p:.2f} s fixed")

    pathlib.Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    pathlib.Path(args.json).write_text(json.dumps(results, indent=2) + "\n")
    print(f"results: {args.json}")


if __name__ == "__main__":
    main()
