#!/usr/bin/env bash
# atheris on mrrc's Python API (tests/fuzz/fuzz_python.py), seeded from tests/data
# and the harness's regression corpus (tests/fuzz/regression/python, which
# tests/test_fuzz_regression.py replays on every test run; add what a run finds there).
#
#   bash scripts/fuzz_python.sh [SECONDS]      # default 600
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_EACH="${1:-600}"
# shellcheck disable=SC1091
source "$ROOT/scripts/env.sh"
install_mrrc test
python -m pip install --quiet --disable-pip-version-check atheris
CORPUS="$ROOT/build/fuzz/corpus/python"
rm -rf "$ROOT/build/fuzz/findings/python"  # only this run's findings are reported
mkdir -p "$CORPUS" "$ROOT/build/fuzz/findings/python"
python - "$CORPUS" <<'PY'
import pathlib, sys
data = pathlib.Path("tests/data")
out = pathlib.Path(sys.argv[1])
for i, path in enumerate(sorted(p for p in data.rglob("*") if p.is_file() and p.suffix != ".md")):
    body = path.read_bytes()[:20000]
    flags = (0x80 | (0 if path.suffix == ".xml" else 1 if path.suffix == ".json" else 2)) \
        if path.suffix in (".xml", ".json", ".mrk", ".txt") else (i * 8) % 0x80
    (out / f"seed-{i}").write_bytes(bytes([flags]) + body)
PY
cd "$ROOT/tests"
set +e
python fuzz/fuzz_python.py "$CORPUS" "$ROOT/tests/fuzz/regression/python" -max_total_time="$SECONDS_EACH" -timeout=20 -rss_limit_mb=3072 \
    -artifact_prefix="$ROOT/build/fuzz/findings/python/" -print_final_stats=1 2>&1 | tee "$ROOT/build/fuzz/python.log" |
    grep -aE "^#[0-9]+.*(DONE|pulse)|stat::|ERROR|Error|Traceback" | tail -20
status=${PIPESTATUS[0]}
exit "$status"
