"""Run every workload for every available library, side by side, on the same
files, each in its own process; print a table of records/s and ratios, write
benchmarks/results/latest.json, and (with --write-docs) docs/performance.md.

    python benchmarks/compare.py [--quick] [--write-docs]
    python benchmarks/compare.py --add WORKLOAD... [--write-docs]   # re-run some, merged into latest.json
    python benchmarks/compare.py --render   # docs/performance.md from latest.json and the template; runs nothing

(--write-docs alone runs everything again and starts latest.json afresh, so
its instruction counts go: add them back with instructions.py --add-to-results.)

Libraries: pymarc and rmarc (imported from this environment), mrrc (this
project, installed), mrrc-rust (the Rust mrrc 0.9.2 from PyPI, installed with
pip --target into benchmarks/.cache because its import name clashes with ours)
and the pure C++ ceiling (cpp/bench/ceiling.cpp, built with CMake). A library
that cannot be installed or run is reported as missing.
"""

import argparse
import datetime
import json
import os
import pathlib
import platform
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402

RUST_MRRC = "mrrc==0.9.2"
RUST_DIR = corpus.CACHE / "mrrc-rust"
CEILING_BUILD = ROOT / "build" / "bench"
LIBRARIES = ["pymarc", "rmarc", "mrrc-rust", "mrrc", "c++ ceiling"]
SINGLE = ["read", "extract", "roundtrip", "write"]
WRITING = ["write_path", "write_file", "roundtrip_file", "write_all"]
CEILING = SINGLE + ["marc8_read", "xml_read", "xml_write", "write_all"]
# Workloads in the main table (the ceiling has no counterpart for some).
TABLE = SINGLE + ["marc8_read", "xml_read", "xml_write"] + WRITING + [
    "read_file", "xml_stream", "json_read", "ndjson_read", "json_write", "mrk_read", "table_loop", "to_arrow"]


# Workloads that --add can run on their own: (corpus name, file).
ADDABLE = {
    "read_file": lambda: ("real-utf8", corpus.real_utf8()),
    "xml_read": lambda: ("real-utf8-xml", corpus.real_utf8_xml()),
    "xml_stream": lambda: ("real-utf8-xml", corpus.real_utf8_xml()),
    "json_read": lambda: ("real-utf8.json", corpus.real_utf8_text("json")),
    "ndjson_read": lambda: ("real-utf8.ndjson", corpus.real_utf8_text("ndjson")),
    "mrk_read": lambda: ("real-utf8.mrk", corpus.real_utf8_text("mrk")),
    **{name: (lambda: ("real-utf8", corpus.real_utf8())) for name in WRITING + SINGLE},
    "threads-write": lambda: ("synthetic-10k-utf8", two_files(corpus.synthetic("10k", "utf8"))),
    "table_loop": lambda: ("real-utf8", corpus.real_utf8()),
    "to_arrow": lambda: ("real-utf8", corpus.real_utf8()),
    "to-arrow-threads": lambda: ("synthetic-100k-utf8", corpus.synthetic("100k", "utf8")),
    "memory-parquet": lambda: ("gigabyte-utf8", corpus.gigabyte()),
}
# Workloads only this project has (run for mrrc alone).
MRRC_ONLY = {"to-arrow-threads", "memory-parquet"}


def two_files(path):
    """The file and a copy of it (the threads workloads read or write two files)."""
    second = path.with_name(path.stem + "-copy.mrc")
    if not second.exists():
        second.write_bytes(path.read_bytes())
    return [path, second]


def ensure_rust_mrrc():
    if (RUST_DIR / "mrrc").exists():
        return None
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--target", str(RUST_DIR), RUST_MRRC],
                          capture_output=True, text=True)
    return None if done.returncode == 0 else f"pip install {RUST_MRRC} failed: {done.stderr.strip()[-300:]}"


def ensure_ceiling():
    binary = CEILING_BUILD / "mrrc_ceiling"
    try:
        import libboost_headers

        subprocess.run(["cmake", "-S", str(ROOT / "cpp"), "-B", str(CEILING_BUILD), "-DCMAKE_BUILD_TYPE=Release",
                        f"-DBOOST_INCLUDE_DIR={libboost_headers.get_include()}"], check=True, capture_output=True)
        subprocess.run(["cmake", "--build", str(CEILING_BUILD), "--target", "mrrc_ceiling", "--parallel", "2"],
                       check=True, capture_output=True)
    except (ImportError, OSError, subprocess.CalledProcessError) as error:
        return None, f"could not build the C++ ceiling: {error}"
    return binary, None


def run(lib, workload, paths, ceiling):
    if lib == "c++ ceiling":
        if workload not in CEILING:
            return None
        command = [str(ceiling), workload, str(paths[0])]
        env = None
    else:
        command = [sys.executable, str(HERE / "run_one.py"), lib, workload, *map(str, paths)]
        env = dict(os.environ)
        if lib == "mrrc-rust":
            env["PYTHONPATH"] = str(RUST_DIR)
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=str(HERE))
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if lib == "mrrc-rust" and "mrrc-rust" not in result.get("module", "mrrc-rust"):
        return {"error": f"imported the wrong mrrc: {result['module']}"}
    if lib == "mrrc" and "mrrc-rust" in result.get("module", ""):
        return {"error": "imported the Rust mrrc instead of this project's"}
    return result


def rate(result):
    if not result or "error" in result or not result.get("seconds"):
        return None
    return result["records"] / result["seconds"]


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
               platform.processor())
    compiler = subprocess.run(["g++", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "compiler": compiler,
        "flags": "-std=c++17 -O3 -g0 -DNDEBUG (extension and static core, setup.py); CMake Release -O3 (ceiling)",
        "date": datetime.date.today().isoformat(),
    }


def main():
    parser = argparse.ArgumentParser(description="side-by-side MARC benchmarks")
    parser.add_argument("--quick", action="store_true", help="1k-record synthetic file only")
    parser.add_argument("--write-docs", action="store_true", help="regenerate docs/performance.md")
    parser.add_argument("--render", action="store_true",
                        help="run nothing: docs/performance.md from results/latest.json and the template")
    parser.add_argument("--add", metavar="WORKLOAD", nargs="+", choices=sorted(ADDABLE),
                        help="run only these workloads and merge them into results/latest.json")
    args = parser.parse_args()
    if args.render:
        results = json.loads((HERE / "results" / "latest.json").read_text())
        write_docs(results, render(results))
        return

    missing = {}
    for lib in ("pymarc", "rmarc"):
        if subprocess.run([sys.executable, "-c", f"import {lib}"], capture_output=True).returncode:
            missing[lib] = "not importable (pip install '.[bench]')"
    problem = ensure_rust_mrrc()
    if problem:
        missing["mrrc-rust"] = problem
    ceiling, problem = ensure_ceiling()
    if problem:
        missing["c++ ceiling"] = problem
    libraries = [lib for lib in LIBRARIES if lib not in missing]

    if args.quick:
        corpora = {"synthetic-1k-utf8": corpus.synthetic("1k", "utf8")}
    else:
        corpora = {"real-utf8": corpus.real_utf8(), "synthetic-10k-utf8": corpus.synthetic("10k", "utf8")}
    results = {"machine": machine(), "missing": missing, "runs": []}
    if args.add:
        results = json.loads((HERE / "results" / "latest.json").read_text())

    def record(corpus_name, workload, lib, result):
        results["runs"] = [r for r in results["runs"]
                           if (r["corpus"], r["workload"], r["library"]) != (corpus_name, workload, lib)]
        results["runs"].append({"corpus": corpus_name, "workload": workload, "library": lib, **(result or {})})
        shown = f"{rate(result):>12,.0f} rec/s" if rate(result) else f"  {(result or {}).get('error', 'n/a')}"
        print(f"  {corpus_name:<20} {workload:<16} {lib:<12} {shown}", flush=True)

    if args.add:
        for workload in args.add:
            name, path = ADDABLE[workload]()
            for lib in libraries:
                if workload in MRRC_ONLY and lib != "mrrc":
                    continue
                if lib != "c++ ceiling" or workload in CEILING:
                    record(name, workload, lib, run(lib, workload, path if isinstance(path, list) else [path],
                                                    ceiling))
        finish(results, args.write_docs)
        return
    for corpus_name, path in corpora.items():
        for workload in (SINGLE + ["read_file"]) if corpus_name == "real-utf8" else SINGLE:
            for lib in libraries:
                record(corpus_name, workload, lib, run(lib, workload, [path], ceiling))
    xml = corpus.real_utf8_xml()
    for workload in ("xml_read", "xml_stream"):
        for lib in libraries:
            record(xml.stem + "-xml", workload, lib, run(lib, workload, [xml], ceiling))
    for lib in libraries:
        record("real-utf8", "xml_write", lib, run(lib, "xml_write", [corpus.real_utf8()], ceiling))
    for workload, kind in (("json_read", "json"), ("ndjson_read", "ndjson"), ("mrk_read", "mrk")):
        text = corpus.real_utf8_text(kind)
        for lib in libraries:
            record(text.name, workload, lib, run(lib, workload, [text], ceiling))
    for lib in libraries:
        record("real-utf8", "json_write", lib, run(lib, "json_write", [corpus.real_utf8()], ceiling))
    for workload in WRITING:
        for lib in libraries:
            if lib != "c++ ceiling" or workload in CEILING:
                record("real-utf8", workload, lib, run(lib, workload, [corpus.real_utf8()], ceiling))
    for workload in ("table_loop", "to_arrow"):
        for lib in libraries:
            if lib != "c++ ceiling":
                record("real-utf8", workload, lib, run(lib, workload, [corpus.real_utf8()], ceiling))
    marc8 = corpus.synthetic("1k" if args.quick else "10k", "marc8")
    for lib in libraries:
        record(marc8.stem, "marc8_read", lib, run(lib, "marc8_read", [marc8], ceiling))
    threads_file = corpora.get("synthetic-10k-utf8", next(iter(corpora.values())))
    second = two_files(threads_file)[1]
    for workload in ("threads-read", "threads-extract", "threads-write"):
        for lib in libraries:
            if lib != "c++ ceiling":
                record(threads_file.stem, workload, lib, run(lib, workload, [threads_file, second], ceiling))
    for lib in libraries:
        if lib != "c++ ceiling":
            record(threads_file.stem, "parallel-read", lib, run(lib, "parallel-read", [threads_file], ceiling))
    if "mrrc" in libraries:
        for path in (threads_file, marc8):
            record(path.stem, "threads-one-file", "mrrc", run("mrrc", "threads-one-file", [path], ceiling))
        if not args.quick:
            record(threads_file.stem, "batch-sweep", "mrrc", run("mrrc", "batch-sweep", [threads_file], ceiling))
            huge = corpus.gigabyte()
            record(huge.stem, "memory-stream", "mrrc", run("mrrc", "memory-stream", [huge], ceiling))
            record(huge.stem, "memory-parquet", "mrrc", run("mrrc", "memory-parquet", [huge], ceiling))
            big = corpus.synthetic("100k", "utf8")
            record(big.stem, "to-arrow-threads", "mrrc", run("mrrc", "to-arrow-threads", [big], ceiling))
    if not args.quick:
        big = corpus.synthetic("100k", "utf8")
        for workload in ("memory-stream", "memory-held"):
            for lib in libraries:
                if lib != "c++ ceiling":
                    record(big.stem if workload == "memory-stream" else "synthetic-10k-utf8", workload, lib,
                           run(lib, workload, [big if workload == "memory-stream" else threads_file], ceiling))

    finish(results, args.write_docs)


def finish(results, docs):
    table = render(results)
    print()
    print(table)
    out_dir = HERE / "results"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "latest.json").write_text(json.dumps(results, indent=1))
    if docs:
        write_docs(results, table)


def find(results, corpus_name, workload, lib):
    for run_ in results["runs"]:
        if run_["corpus"] == corpus_name and run_["workload"] == workload and run_["library"] == lib:
            return run_
    return None


def ratio(a, b):
    return f"{a / b:.1f}x" if a and b else "n/a"


def render(results):
    lines = []
    rows = []
    for r in results["runs"]:
        if r["workload"] in TABLE and (r["corpus"], r["workload"]) not in rows:
            rows.append((r["corpus"], r["workload"]))
    libs = [lib for lib in LIBRARIES if lib not in results["missing"]]
    header = "| corpus | workload | " + " | ".join(f"{lib} rec/s" for lib in libs)
    header += " | mrrc / pymarc | mrrc / mrrc-rust | mrrc / C++ ceiling |"
    lines += [header, "|" + "---|" * (header.count("|") - 1)]
    for corpus_name, workload in rows:
        rates = {lib: rate(find(results, corpus_name, workload, lib)) for lib in libs}
        cells = [f"{rates[lib]:,.0f}" if rates[lib] else "n/a" for lib in libs]
        mine = rates.get("mrrc")
        ceiling = rates.get("c++ ceiling")
        lines.append(f"| {corpus_name} | {workload} | " + " | ".join(cells) +
                     f" | {ratio(mine, rates.get('pymarc'))} | {ratio(mine, rates.get('mrrc-rust'))} | "
                     f"{f'{100 * mine / ceiling:.0f}%' if mine and ceiling else 'n/a'} |")
    lines.append("")
    python_libs = [lib for lib in libs if lib != "c++ ceiling"]
    lines.append("| threads (2 files) | " + " | ".join(f"{lib} speed-up" for lib in python_libs) + " |")
    lines.append("|---|" + "---|" * len([lib for lib in libs if lib != "c++ ceiling"]))
    for workload in ("threads-read", "threads-extract", "threads-write"):
        cells = []
        for lib in libs:
            if lib == "c++ ceiling":
                continue
            r = next((x for x in results["runs"] if x["workload"] == workload and x["library"] == lib), None)
            cells.append(f"{r['speedup']:.2f}x" if r and "speedup" in r else "n/a")
        lines.append(f"| {workload} | " + " | ".join(cells) + " |")
    cells = []
    for lib in python_libs:
        r = next((x for x in results["runs"] if x["workload"] == "parallel-read" and x["library"] == lib), None)
        cells.append(f"{rate(r):,.0f} rec/s" if rate(r) else "not offered")
    lines.append("| parallel parse of one file (2 threads for mrrc) | " + " | ".join(cells) + " |")
    one_file = [r for r in results["runs"] if r["workload"] == "threads-one-file" and "speedup" in r]
    if one_file:
        lines.append("")
        lines.append("| mrrc, one file: threads=2 against threads=1 | speed-up |")
        lines.append("|---|---|")
        lines += [f"| {r['corpus']} | {r['speedup']:.2f}x |" for r in one_file]
    columnar = rate(find(results, "real-utf8", "to_arrow", "mrrc"))
    if columnar:
        loops = {lib: rate(find(results, "real-utf8", "table_loop", lib)) for lib in python_libs}
        lines.append("")
        lines.append("| six columns into a pyarrow table (real-utf8) | rec/s | mrrc `to_arrow` against it |")
        lines.append("|---|---|---|")
        lines += [f"| `table_loop` with {lib} | {loops[lib]:,.0f} | {ratio(columnar, loops[lib])} |"
                  for lib in python_libs if loops[lib]]
        lines.append(f"| mrrc `to_arrow`, one thread | {columnar:,.0f} | 1.0x |")
    arrow = [r for r in results["runs"] if r["workload"] == "to-arrow-threads" and "speedup" in r]
    if arrow:
        lines.append("")
        lines.append("| mrrc `to_arrow` (6 columns): threads=2 against threads=1 | threads=1 rec/s | speed-up |")
        lines.append("|---|---|---|")
        lines += [f"| {r['corpus']} | {r['records'] / r['seconds_sequential']:,.0f} | {r['speedup']:.2f}x |"
                  for r in arrow]
    sweep = next((r for r in results["runs"] if r["workload"] == "batch-sweep" and "sweep" in r), None)
    if sweep:
        lines.append("")
        lines.append(f"| batch size sweep ({sweep['corpus']}, mrrc read) | records/s, bytes input "
                     "| records/s, path input |")
        lines.append("|---|---|---|")
        lines += [f"| {s['records']} records / {s['bytes'] >> 20} MiB | {s['bytes_rate']:,.0f} "
                  f"| {s['path_rate']:,.0f} |" for s in sweep["sweep"]]
    huge = [r for r in results["runs"] if r["workload"] == "memory-stream" and r["corpus"].startswith("gigabyte")]
    if huge and "peak_rss_kb" in huge[0]:
        lines.append("")
        lines.append(f"Streaming {huge[0]['corpus']} ({huge[0]['records']:,} records) with mrrc: peak RSS "
                     f"{huge[0]['peak_rss_kb'] / 1024:,.0f} MB, {rate(huge[0]):,.0f} records/s.")
    parquet = [r for r in results["runs"] if r["workload"] == "memory-parquet" and "peak_rss_kb" in r]
    if parquet:
        lines.append("")
        lines.append(f"`to_parquet` of {parquet[0]['corpus']} ({parquet[0]['records']:,} records, 6 columns, "
                     f"threads=2): peak RSS {parquet[0]['peak_rss_kb'] / 1024:,.0f} MB, "
                     f"{rate(parquet[0]):,.0f} records/s.")
    memory = [r for r in results["runs"]
              if r["workload"].startswith("memory") and r["workload"] != "memory-parquet"
              and not r["corpus"].startswith("gigabyte")]
    if memory:
        lines.append("")
        lines.append("| memory | " + " | ".join(lib for lib in libs if lib != "c++ ceiling") + " |")
        lines.append("|---|" + "---|" * len([lib for lib in libs if lib != "c++ ceiling"]))
        for workload, key, unit in (("memory-stream", "peak_rss_kb", "peak RSS streaming 100k records (MB)"),
                                    ("memory-held", "bytes_per_record", "bytes per record held in a list")):
            cells = []
            for lib in libs:
                if lib == "c++ ceiling":
                    continue
                r = next((x for x in memory if x["workload"] == workload and x["library"] == lib), None)
                value = r.get(key) if r else None
                shown = f"{value / 1024:,.0f}" if key == "peak_rss_kb" else f"{value:,.0f}" if value is not None else ""
                cells.append(shown or "n/a")
            lines.append(f"| {unit} | " + " | ".join(cells) + " |")
    counted = results.get("instructions")
    if counted:
        lines.append("")
        lines.append(f"| instructions per record (callgrind, first {counted['records']:,} records of real-utf8) "
                     "| pymarc | mrrc | pymarc / mrrc |")
        lines.append("|---|---:|---:|---:|")
        for workload, per in counted["per_record"].items():
            lines.append(f"| {workload} | {per['pymarc']:,.0f} | {per['mrrc']:,.0f} | "
                         f"{per['pymarc'] / per['mrrc']:.1f}x |")
    if results["missing"]:
        lines.append("")
        lines += [f"- missing: **{lib}** — {why}" for lib, why in results["missing"].items()]
    return "\n".join(lines)


def write_docs(results, table):
    m = results["machine"]
    template = (HERE / "performance_template.md").read_text()
    text = template.format(
        table=table,
        machine=(f"{m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; {m['os']}; CPython {m['python']}; "
                 f"{m['compiler']}; flags {m['flags']}; run on {m['date']}"),
    )
    (ROOT / "docs" / "performance.md").write_text(text)


if __name__ == "__main__":
    main()
