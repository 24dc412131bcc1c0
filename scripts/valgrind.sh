#!/usr/bin/env bash
# Valgrind memcheck: the whole C++ suite, and a representative slice of the
# Python suite against the installed extension (CPython run with
# PYTHONMALLOC=malloc so that memcheck sees every allocation). Fails on any
# invalid access and, for the C++ suite, on any definite leak or use of an
# uninitialised value. In the Python slice leaks are not checked (CPython
# keeps its objects at exit), nor uninitialised values: in this CPython even
# `python -c "int('245')"` reports them (its small-int cache), and every later
# use of such an int would be reported too. Invalid reads and writes, double
# frees and mismatched frees are checked there; one report inside glibc is
# suppressed (scripts/valgrind-cpython.supp says which and why).
#
#   bash scripts/valgrind.sh [PYTEST ARGS]     # default slice: see SLICE below
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck disable=SC1091
source "$ROOT/scripts/env.sh"
install_mrrc test
BOOST="$(python -c 'import libboost_headers; print(libboost_headers.get_include())')"
cmake -S "$ROOT/cpp" -B "$ROOT/build/cpp" -DCMAKE_BUILD_TYPE=Release -DBOOST_INCLUDE_DIR="$BOOST" >/dev/null
cmake --build "$ROOT/build/cpp" --target mrrc_core_tests --parallel "$(nproc 2>/dev/null || echo 2)"

echo "== C++ suite under memcheck"
valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
    "$ROOT/build/cpp/mrrc_core_tests" --log_level=error 2>&1 | grep -av "^Unable to parse\|^Multi-byte" || exit 1

SLICE=(test_record_api.py test_writer.py::test_the_lifecycle_follows_pymarc
       "test_writer.py::test_a_refused_record_leaves_the_output_with_exactly_the_records_before"
       test_xml_reader.py test_ndjson.py test_reader_errors.py)
[ $# -gt 0 ] && SLICE=("$@")
echo "== Python slice under memcheck: ${SLICE[*]}"
cd "$ROOT/tests"
PYTHONMALLOC=malloc valgrind --quiet --error-exitcode=99 --leak-check=no --undef-value-errors=no \
    --suppressions="$ROOT/scripts/valgrind-cpython.supp" \
    python -m pytest -q -p no:cacheprovider "${SLICE[@]}"
echo "memcheck: no invalid accesses"
