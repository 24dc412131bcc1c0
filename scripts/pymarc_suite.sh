#!/usr/bin/env bash
# Run pymarc 5.4.0's own test suite, unmodified, against mrrc: its sdist (from
# PyPI, cached in build/pymarc-suite) with `import pymarc` answered by mrrc
# (tests/pymarc_shim). Uses the active environment's python, which must have
# mrrc and pytest installed (scripts/test.sh calls it so).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/build/pymarc-suite"
if ! python -c 'import sys; sys.exit(sys.version_info < (3, 10))'; then
    echo "== skipping pymarc's own suite: pymarc 5.4.0 needs Python >= 3.10"
    exit 0
fi
if [ ! -d "$WORK/pymarc-5.4.0/test" ]; then
    mkdir -p "$WORK"
    python -m pip download --quiet --disable-pip-version-check --no-deps --no-binary :all: pymarc==5.4.0 -d "$WORK"
    tar -xzf "$WORK/pymarc-5.4.0.tar.gz" -C "$WORK"
fi
echo "== pymarc 5.4.0's own test suite, with import pymarc giving mrrc"
cd "$WORK/pymarc-5.4.0"
PYTHONPATH="$ROOT/tests/pymarc_shim" python -m pytest -q -p no:cacheprovider "$@" test
