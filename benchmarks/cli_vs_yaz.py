"""The `mrrc` command line against yaz-marcdump and against the same jobs
written with pymarc, on the generated 1 GB corpus (benchmarks/corpus.py):

    count            mrrc count FILE            yaz-marcdump -n FILE             pymarc: iterate MARCReader
    dump             mrrc dump FILE             yaz-marcdump FILE (line format)  pymarc: TextWriter
    convert --to xml mrrc convert --to xml FILE yaz-marcdump -o marcxml FILE     pymarc: XMLWriter

Output goes to /dev/null; each figure is the best wall time of --repeats
runs. mrrc runs with --threads 1 and with all cores (--threads 0). pymarc is
slow, so it runs on the first --pymarc-records records and its rate is
compared (records/s). yaz-marcdump comes from the Debian package `yaz`,
installed here with apt-get when it is missing (as root; --no-install to
skip). Not part of CI.

    python benchmarks/cli_vs_yaz.py [--repeats 3] [--write-docs]
"""

import argparse
import datetime
import json
import os
import pathlib
import platform
import shutil
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402

MRRC = [sys.executable, "-m", "mrrc"]
RESULTS = HERE / "results" / "cli.json"
DOC = ROOT / "docs" / "performance-cli.md"

PYMARC_JOBS = {
    "count": "n = sum(1 for r in pymarc.MARCReader(handle) if r is not None)",
    "dump": "w = pymarc.TextWriter(out)\nfor r in pymarc.MARCReader(handle):\n    w.write(r)\nw.close(close_fh=False)",
    "xml": "w = pymarc.XMLWriter(out)\nfor r in pymarc.MARCReader(handle):\n    w.write(r)\nw.close(close_fh=False)",
}
PYMARC_SCRIPT = """
import io, sys, warnings, pymarc
warnings.simplefilter("ignore")
handle = io.BytesIO(open(sys.argv[1], "rb").read())
out = open("/dev/null", "w" if "{job}" == "dump" else "wb")
{body}
"""


def ensure_yaz(install):
    if shutil.which("yaz-marcdump"):
        return True
    if not install or os.geteuid() != 0 or not shutil.which("apt-get"):
        return False
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=False, env=environment)
    subprocess.run(["apt-get", "install", "-y", "-qq", "yaz"], check=False, env=environment)
    return bool(shutil.which("yaz-marcdump"))


def best_time(command, repeats):
    best = float("inf")
    for _ in range(repeats):
        with open(os.devnull, "wb") as sink:
            start = time.perf_counter()
            done = subprocess.run(command, stdout=sink, stderr=subprocess.PIPE, cwd=HERE)  # not the source tree
            elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(map(str, command))} failed: {done.stderr.decode()[-300:]}")
        best = min(best, elapsed)
    return best


def prefix_file(path, records):
    """The first `records` records of an ISO 2709 file, in benchmarks/.cache."""
    target = corpus.CACHE / f"{path.stem}-first-{records}.mrc"
    if not target.exists():
        with open(path, "rb") as source, open(target.with_suffix(".tmp"), "wb") as out:
            for _ in range(records):
                head = source.read(5)
                if len(head) < 5:
                    break
                out.write(head + source.read(int(head) - 5))
        target.with_suffix(".tmp").rename(target)
    return target


def count_records(path):
    done = subprocess.run(MRRC + ["count", "--format", "json", str(path)], capture_output=True, check=True, cwd=HERE)
    return json.loads(done.stdout)["total"]["records"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--pymarc-records", type=int, default=20_000)
    parser.add_argument("--no-install", action="store_true", help="do not apt-get install yaz")
    parser.add_argument("--no-pymarc", action="store_true")
    parser.add_argument("--write-docs", action="store_true", help=f"write {DOC.relative_to(ROOT)}")
    options = parser.parse_args()

    big = corpus.gigabyte()
    records = count_records(big)
    have_yaz = ensure_yaz(not options.no_install)
    jobs = {
        "count": (["count"], ["-n"]),
        "dump": (["dump"], []),
        "xml": (["convert", "--to", "xml"], ["-o", "marcxml"]),
    }
    rows = []
    for job, (mrrc_args, yaz_args) in jobs.items():
        row = {"job": job, "records": records, "bytes": big.stat().st_size}
        if have_yaz:
            row["yaz_s"] = best_time(["yaz-marcdump", *yaz_args, str(big)], options.repeats)
        for threads in ("1", "0"):
            row[f"mrrc_t{threads}_s"] = best_time(MRRC + mrrc_args + ["--threads", threads, str(big)],
                                                  options.repeats)
        if not options.no_pymarc:
            small = prefix_file(big, options.pymarc_records)
            script = PYMARC_SCRIPT.format(job=job, body=PYMARC_JOBS[job])
            seconds = best_time([sys.executable, "-c", script, str(small)], 1)
            row["pymarc_records_per_s"] = options.pymarc_records / seconds
        rows.append(row)
        print(json.dumps(row), flush=True)

    machine = {
        "cpu": _cpu(), "cores": os.cpu_count(), "python": platform.python_version(),
        "platform": platform.platform(), "yaz": _yaz_version() if have_yaz else None,
        "date": datetime.date.today().isoformat(), "load_average_before": os.getloadavg()[0],
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({"machine": machine, "rows": rows}, indent=2) + "\n")
    table = render(rows, machine)
    print(table)
    if options.write_docs:
        DOC.write_text(table)


def render(rows, machine):
    lines = [
        "# The command line against yaz-marcdump and pymarc",
        "",
        "Generated by `python benchmarks/cli_vs_yaz.py --write-docs`; do not edit by hand.",
        "",
        f"Corpus: `benchmarks/corpus.py`'s `gigabyte-utf8.mrc` ({rows[0]['bytes']:,} bytes, "
        f"{rows[0]['records']:,} UTF-8 records). Output to /dev/null; best of several runs. Machine: "
        f"{machine['cpu']}, {machine['cores']} cores; Python {machine['python']}; {machine['yaz'] or 'no yaz'}; "
        f"{machine['date']} (load average {machine['load_average_before']:.1f} at the start: the machine is "
        "shared, so figures vary).",
        "",
        "| job | yaz-marcdump s | mrrc --threads 1 s | mrrc all cores s | mrrc / yaz (best) | pymarc rec/s | "
        "mrrc (best) rec/s | mrrc / pymarc |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        best = min(row["mrrc_t1_s"], row["mrrc_t0_s"])
        rate = row["records"] / best
        yaz = row.get("yaz_s")
        pymarc = row.get("pymarc_records_per_s")
        cells = [row["job"], f"{yaz:.2f}" if yaz else "-", f"{row['mrrc_t1_s']:.2f}", f"{row['mrrc_t0_s']:.2f}",
                 f"{yaz / best:.2f}x" if yaz else "-", f"{pymarc:,.0f}" if pymarc else "-", f"{rate:,.0f}",
                 f"{rate / pymarc:.0f}x" if pymarc else "-"]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "Jobs: `count` is `mrrc count` / `yaz-marcdump -n` / iterating pymarc's `MARCReader`; `dump` is "
              "`mrrc dump` (pymarc's TextWriter text) / `yaz-marcdump` (its line format) / pymarc's `TextWriter`; "
              "`xml` is `mrrc convert --to xml` / `yaz-marcdump -o marcxml` / pymarc's `XMLWriter`.", ""]
    return "\n".join(lines)


def _cpu():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _yaz_version():
    done = subprocess.run(["yaz-marcdump", "-V"], capture_output=True, text=True)
    return ("yaz-marcdump " + (done.stdout or done.stderr).strip().split("\n")[0]).strip()


if __name__ == "__main__":
    main()
