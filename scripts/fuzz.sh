#!/usr/bin/env bash
# Coverage-guided fuzzing of the C++ core with libFuzzer (clang, ASan + UBSan).
#
#   bash scripts/fuzz.sh [SECONDS] [TARGET ...]     # default: 600 s for each of record stream scanner marc8 json xml
#
# Installs clang and libexpat's headers from the Debian archive when they are
# missing (apt-get; needs root), builds cpp/fuzz/fuzz_*.cpp into build/fuzz,
# seeds each corpus from tests/data and the committed regression corpus, runs
# each target for SECONDS, and copies anything that crashed, leaked or hung,
# minimised, into tests/fuzz/regression/<target>/ (replayed by ctest on every
# build). A summary of executions and coverage per target goes to
# build/fuzz/summary.txt; docs/testing.md records the campaigns run so far.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_EACH="${1:-600}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(record stream scanner marc8 json xml)
BUILD="$ROOT/build/fuzz"

if ! command -v clang++ >/dev/null 2>&1 || [ ! -f /usr/include/expat.h ]; then
    echo "== installing clang and libexpat-dev (apt-get)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q clang libexpat1-dev >/dev/null
fi
# shellcheck disable=SC1091
source "$ROOT/scripts/env.sh"
python -m pip install --quiet --disable-pip-version-check "cmake>=3.16" libboost-headers==1.88.0
BOOST="$(python -c 'import libboost_headers; print(libboost_headers.get_include())')"

echo "== building the fuzz targets (clang, libFuzzer, ASan + UBSan)"
CC=clang CXX=clang++ cmake -S "$ROOT/cpp" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMRRC_FUZZ=ON \
    -DMRRC_SANITIZE=ON -DBOOST_INCLUDE_DIR="$BOOST" >/dev/null
cmake --build "$BUILD" --parallel "$(nproc 2>/dev/null || echo 2)" --target "${TARGETS[@]/#/fuzz_}"

echo "== seed corpora from tests/data"
python "$ROOT/tests/fuzz/make_seeds.py" "$BUILD/corpus" "${TARGETS[@]}"

: > "$BUILD/summary.txt"
for target in "${TARGETS[@]}"; do
    corpus="$BUILD/corpus/$target"
    findings="$BUILD/findings/$target"
    rm -rf "$findings"  # only this run's findings are reported and kept
    mkdir -p "$corpus" "$findings"
    echo "== fuzz_$target for ${SECONDS_EACH}s"
    log="$BUILD/$target.log"
    set +e
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
        "$BUILD/fuzz_$target" "$corpus" "$ROOT/tests/fuzz/regression/$target" \
        -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=200000 \
        -artifact_prefix="$findings/" -print_final_stats=1 >"$log" 2>&1
    status=$?
    set -e
    runs="$(grep -a 'stat::number_of_executed_units' "$log" | awk '{print $2}' | tail -1)"
    coverage="$(grep -aoE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1)"
    found=$(find "$findings" -type f | wc -l)
    line="fuzz_$target: ${SECONDS_EACH}s, ${runs:-?} executions, ${coverage:-cov ?}, exit $status, $found finding(s)"
    echo "$line" | tee -a "$BUILD/summary.txt"
    for artifact in "$findings"/*; do
        [ -f "$artifact" ] || continue
        kept="$ROOT/tests/fuzz/regression/$target/$(basename "$artifact")"
        "$BUILD/fuzz_$target" -minimize_crash=1 -runs=2000 -exact_artifact_path="$kept" "$artifact" \
            >/dev/null 2>&1 || true
        [ -s "$kept" ] || cp "$artifact" "$kept"  # (not minimisable: kept as found)
        echo "   kept $(basename "$artifact") in tests/fuzz/regression/$target (see $log)"
    done
done
echo "== summary (also in $BUILD/summary.txt)"
cat "$BUILD/summary.txt"
