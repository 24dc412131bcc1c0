"""Check what ships: an sdist holds exactly what building needs, a wheel holds
the package and nothing else, a repaired wheel's tag is old enough.

    python scripts/check_distribution.py sdist dist/mrrc-0.1.0.tar.gz
    python scripts/check_distribution.py wheel dist/mrrc-...whl [--manylinux-at-most 2.28]

Run by scripts/wheels.sh. Exit status 1, with the offending names, when a
check fails.
"""

import argparse
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# What the sdist must hold: tracked files under these folders, and these files.
SDIST_FOLDERS = ("cpp/include/", "cpp/src/", "cpp/tools/", "mrrc/")
SDIST_FILES = {"README.md", "LICENSE", "pyproject.toml", "setup.py", "MANIFEST.in"}
# Written by setuptools when it makes the sdist.
SDIST_GENERATED = re.compile(r"^(PKG-INFO|setup\.cfg|mrrc\.egg-info/.*)$")
LEGACY_MANYLINUX = {"manylinux1": (2, 5), "manylinux2010": (2, 12), "manylinux2014": (2, 17)}


def tracked_files():
    """The checkout's tracked files; where git cannot read the checkout (a
    worktree seen from inside a chroot), the files on disk that git would track."""
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    if listed.returncode == 0:
        return {name for name in listed.stdout.splitlines() if (ROOT / name).is_file()}
    print("   (git cannot read this checkout: checking against the files on disk)")
    untracked = re.compile(r"(^|/)__pycache__/|\.(so|o|a|pyc)$|^mrrc/_core\.cpp$|^mrrc/[^/]*\.html$")
    on_disk = [path for folder in SDIST_FOLDERS for path in (ROOT / folder).rglob("*")]
    on_disk += [path for path in ROOT.iterdir() if path.name in SDIST_FILES]
    return {path.relative_to(ROOT).as_posix() for path in on_disk
            if path.is_file() and not untracked.search(path.relative_to(ROOT).as_posix())}


def check_sdist(path):
    with tarfile.open(path) as archive:
        names = {member.name.split("/", 1)[1] for member in archive.getmembers()
                 if member.isfile() and "/" in member.name}
    tracked = tracked_files()
    wanted = {name for name in tracked if name.startswith(SDIST_FOLDERS)} | (SDIST_FILES & tracked)
    missing = sorted(wanted - names)
    extra = sorted(name for name in names - wanted if not SDIST_GENERATED.match(name))
    report(path, missing, extra, f"{len(names)} files")


def check_wheel(path, at_most):
    with zipfile.ZipFile(path) as archive:
        names = {name for name in archive.namelist() if not name.endswith("/")}  # not directory entries
    tracked = tracked_files()
    package = {name for name in tracked if name.startswith("mrrc/")
               and name.endswith((".py", ".pyi", ".pxd", "py.typed"))}
    missing = sorted(package - names)
    extensions = [name for name in names if re.fullmatch(r"mrrc/_core\.[^/]*\.so", name)]
    if len(extensions) != 1:
        missing.append("mrrc/_core.*.so (exactly one)")
    extra = sorted(name for name in names - package - set(extensions)
                   if not re.match(r"mrrc-[^/]*\.dist-info/", name))
    problems = []
    if at_most is not None:
        limit = tuple(int(part) for part in at_most.split("."))
        platforms = Path(path).name[:-len(".whl")].split("-")[-1].split(".")
        for platform in platforms:
            match = re.fullmatch(r"manylinux_(\d+)_(\d+)_\w+", platform)
            glibc = (int(match[1]), int(match[2])) if match else LEGACY_MANYLINUX.get(platform.split("_")[0])
            if glibc is None or glibc > limit:
                problems.append(f"platform tag {platform} is not manylinux_{limit[0]}_{limit[1]} or older")
    report(path, missing, extra, f"{len(names)} files, one extension module", problems)


def report(path, missing, extra, summary, problems=()):
    failed = False
    for name in missing:
        print(f"   missing from {Path(path).name}: {name}", file=sys.stderr)
        failed = True
    for name in extra:
        print(f"   should not be in {Path(path).name}: {name}", file=sys.stderr)
        failed = True
    for problem in problems:
        print(f"   {Path(path).name}: {problem}", file=sys.stderr)
        failed = True
    if failed:
        sys.exit(1)
    print(f"   {Path(path).name}: contents checked ({summary})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["sdist", "wheel"])
    parser.add_argument("path")
    parser.add_argument("--manylinux-at-most", metavar="GLIBC", help="e.g. 2.28: fail on a newer platform tag")
    arguments = parser.parse_args()
    if arguments.kind == "sdist":
        check_sdist(arguments.path)
    else:
        check_wheel(arguments.path, arguments.manylinux_at_most)


if __name__ == "__main__":
    main()
