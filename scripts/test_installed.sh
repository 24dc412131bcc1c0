#!/usr/bin/env bash
# Test mrrc as a user installs it: a built wheel (or the sdist) goes into a
# fresh virtual environment outside the source tree, and the whole pytest
# suite runs against that installed package.
#
#   bash scripts/test_installed.sh [--python PYTHON] [DIST_FILE] [-- PYTEST_ARGS...]
#
# DIST_FILE defaults to the wheel in dist/ for PYTHON's version (made by
# scripts/wheels.sh); given an sdist, pip builds it with the machine's
# compiler first. The test suite (tests/) and the notebook and example it runs
# (examples/) are copied next to the virtual environment; the source tree's
# mrrc/, cpp/ and build/ are not visible to it, and the script checks that the
# mrrc imported is the installed one. Needs network access to PyPI for the test
# dependencies (pip's cache makes later runs quick). Runs as is inside the
# chroots of scripts/chroot.sh (it needs only Python, with venv). The last line
# is pytest's summary, after the Python and glibc versions.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
DIST=""
while [ $# -gt 0 ]; do
    case "$1" in
        --python) PYTHON="$2"; shift 2 ;;
        --) shift; break ;;
        -*) break ;;
        *) DIST="$1"; shift ;;
    esac
done
command -v "$PYTHON" >/dev/null 2>&1 || { echo "error: $PYTHON not found" >&2; exit 1; }
tag="$("$PYTHON" -c 'import sys; print("cp%d%d" % sys.version_info[:2])')"
if [ -z "$DIST" ]; then
    DIST="$(ls -t "$ROOT"/dist/mrrc-*-"$tag"-"$tag"-*.whl 2>/dev/null | head -1 || true)"
    [ -n "$DIST" ] || { echo "error: no $tag wheel in dist/; run: bash scripts/wheels.sh $PYTHON" >&2; exit 1; }
fi
DIST="$(cd "$(dirname "$DIST")" && pwd)/$(basename "$DIST")"

work="$(mktemp -d "${TMPDIR:-/tmp}/mrrc-installed.XXXXXX")"
trap 'rm -rf "$work"' EXIT
case "$work/" in "$ROOT"/*) echo "error: $work is inside the source tree" >&2; exit 1 ;; esac

echo "== fresh virtual environment $work/venv ($("$PYTHON" --version))"
"$PYTHON" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
echo "== installing $(basename "$DIST")[test]"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check "$DIST[test]"

# The tests and what they read, without the package's sources.
mkdir -p "$work/checkout"
# pyproject.toml for pytest's settings (its filterwarnings), given with -c below.
(cd "$ROOT" && tar -cf - --exclude=__pycache__ --exclude=.hypothesis tests examples pyproject.toml) \
    | tar -xf - -C "$work/checkout"
cd "$work/checkout/tests"
"$work/venv/bin/python" - "$ROOT" "$work/venv" <<'EOF'
import pathlib, sys
import mrrc, mrrc._core
root, venv = (pathlib.Path(p).resolve() for p in sys.argv[1:])
where = pathlib.Path(mrrc._core.__file__).resolve()
assert venv in where.parents and root not in where.parents, f"mrrc imported from {where}"
print(f"   mrrc {mrrc.__version__} from {where.parent}")
EOF
libc="$("$work/venv/bin/python" -c 'import platform; print(" ".join(platform.libc_ver()))')"
echo "== pytest on $("$work/venv/bin/python" --version), $libc, installed from $(basename "$DIST")"
status=0
"$work/venv/bin/python" -m pytest -p no:cacheprovider -c "$work/checkout/pyproject.toml" "$@" . || status=$?
exit "$status"
