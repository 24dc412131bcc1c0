#!/usr/bin/env bash
# Compile the Python extension as a release build does (setup.py's flags,
# -Wall -Wextra) and count the compiler's warnings by file and by option:
# our C++ core (cpp/src, cpp/include), our Cython sources (mrrc/*.pyx, .pxd,
# .pxi, as far as the compiler points at them) and the C++ that Cython
# generates (mrrc/_core.cpp). docs/developing.md, "Compiler warnings", records
# what it printed.
#
#   bash scripts/compiler_warnings.sh [PYTHON]      # default python3; CC/CXX default gcc/g++
#   bash scripts/chroot.sh sid bash scripts/compiler_warnings.sh python3.15   # GCC 16, Debian's 3.15
#
# The build runs in a copy of the sources under $TMPDIR, with the build
# requirements of pyproject.toml installed into a fresh virtual environment
# (the newest Cython they allow), so the checkout and its build/ are not
# touched. Exits 0 whatever the compiler says (1 if the build fails); the full
# log is printed with --log.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
show_log=0
if [ "${1:-}" = "--log" ]; then show_log=1; shift; fi
PYTHON="${1:-python3}"
command -v "$PYTHON" >/dev/null 2>&1 || { echo "error: $PYTHON not found" >&2; exit 1; }
export CC="${CC:-gcc}" CXX="${CXX:-g++}"

work="$(mktemp -d "${TMPDIR:-/tmp}/mrrc-warnings.XXXXXX")"
trap 'rm -rf "$work"' EXIT
"$PYTHON" -m venv "$work/venv"
py="$work/venv/bin/python"
"$py" -m pip install --quiet --disable-pip-version-check --upgrade pip
# pyproject.toml's [build-system] requires, read with a regular expression
# (tomllib is not in every Python this runs with).
mapfile -t requires < <("$py" - "$ROOT/pyproject.toml" <<'EOF'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
block = re.search(r"^\[build-system\]\n(.*?)^\[", text, re.S | re.M).group(1)
print("\n".join(re.findall(r'"([^"]+)"', re.search(r"^requires\s*=\s*\[(.*?)\]", block, re.S | re.M).group(1))))
EOF
)
"$py" -m pip install --quiet --disable-pip-version-check "${requires[@]}"

mkdir -p "$work/src"
(cd "$ROOT" && tar -cf - --exclude=_core.cpp --exclude='*.so' --exclude=__pycache__ \
    setup.py pyproject.toml README.md LICENSE MANIFEST.in cpp/include cpp/src cpp/tools mrrc) | tar -xf - -C "$work/src"
cd "$work/src"
status=0
nice "$py" setup.py build_ext >"$work/build.log" 2>&1 || status=$?
[ "$show_log" = 0 ] || cat "$work/build.log"

echo "== $("$py" --version), Cython $("$py" -c 'import Cython; print(Cython.__version__)'), $("$CXX" --version | head -1)"
echo "== the compile of Cython's output:"
grep -E "^\S+ .*-c mrrc/_core\.cpp" "$work/build.log" | sed 's/^/   /' || echo "   (not found in the log)"
echo "== warnings (count, file, option)"
grep -E '^[^ :]+:[0-9]+(:[0-9]+)?: warning: ' "$work/build.log" \
    | sed -E 's/^([^:]+):[0-9]+(:[0-9]+)?: warning: .*\[(-W[^]]+)\]$/\1 \3/; t; s/^([^:]+):.*/\1 (no option named)/' \
    | sed -E "s#^$work/src/##" | sort | uniq -c | sort -rn | sed 's/^/   /' \
    || true
total="$(grep -cE '^[^ :]+:[0-9]+(:[0-9]+)?: warning: ' "$work/build.log" || true)"
echo "== $total warning(s)"
if [ "$status" != 0 ]; then
    tail -30 "$work/build.log"
    echo "error: the build failed" >&2
    exit 1
fi
