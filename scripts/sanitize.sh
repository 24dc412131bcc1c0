#!/usr/bin/env bash
# Run the C++ and Python test suites against an AddressSanitizer + UBSan build
# (its own venv in .venv-asan; the normal .venv is left alone). Slower than
# scripts/test.sh; for checking memory safety after changes to cpp/ or mrrc/*.pyx.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv-asan"
PYTHON="${PYTHON:-python3}"
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    "setuptools>=77" wheel "Cython>=3.0,<4" libboost-headers==1.88.0 "pytest>=7" "hypothesis>=6" "pymarc==5.4.0; python_version >= '3.10'" "cmake>=3.16" \
    "click>=8.1" "tqdm>=4.60"
BOOST="$("$VENV/bin/python" -c 'import libboost_headers; print(libboost_headers.get_include())')"

# Any UBSan report fails the run (by default UBSan only prints it).
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
echo "== C++ core under ASan/UBSan"
"$VENV/bin/cmake" -S "$ROOT/cpp" -B "$ROOT/build/asan" -DCMAKE_BUILD_TYPE=Debug -DMRRC_SANITIZE=ON \
    -DBOOST_INCLUDE_DIR="$BOOST" >/dev/null
"$VENV/bin/cmake" --build "$ROOT/build/asan" --parallel "$(nproc 2>/dev/null || echo 2)"
"$ROOT/build/asan/mrrc_core_tests" --log_level=error
echo "== fuzz regression corpus under ASan/UBSan"
for replay in "$ROOT"/build/asan/replay_*; do
    "$replay" "$ROOT/tests/fuzz/regression/${replay##*/replay_}"
done

echo "== Python suite against an instrumented extension"
(cd "$ROOT" && MRRC_SANITIZE=1 "$VENV/bin/python" -m pip install --quiet --no-build-isolation --force-reinstall --no-deps .)
cd "$ROOT/tests"
LD_PRELOAD="$(c++ -print-file-name=libasan.so):$(c++ -print-file-name=libubsan.so)" ASAN_OPTIONS=detect_leaks=0 \
    "$VENV/bin/python" -m pytest -p no:cacheprovider "$@" .
