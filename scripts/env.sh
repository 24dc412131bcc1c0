# Sourced by the other scripts: make (once) and activate the project's virtual
# environment in .venv, and install what it needs. Safe to run again.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
VENV="${MRRC_VENV:-$ROOT/.venv}"

if ! command -v "$PYTHON" >/dev/null 2>&1; then
    echo "error: $PYTHON not found; install Python 3.9-3.15 (or set PYTHON=/path/to/python3)" >&2
    exit 1
fi
if ! command -v g++ >/dev/null 2>&1 && ! command -v c++ >/dev/null 2>&1; then
    echo "error: a C++17 compiler is needed (Debian: apt-get install g++)" >&2
    exit 1
fi
if [ ! -x "$VENV/bin/python" ]; then
    echo "== creating virtual environment $VENV"
    "$PYTHON" -m venv "$VENV"
fi
# shellcheck disable=SC1091
source "$VENV/bin/activate"
python -m pip install --quiet --disable-pip-version-check --upgrade pip

# install_mrrc EXTRAS: build and install this checkout (non-editable, as users get it).
install_mrrc() {
    local extras="${1:-}"
    echo "== building and installing mrrc${extras:+[$extras]}"
    python -m pip install --quiet --disable-pip-version-check "$ROOT${extras:+[$extras]}"
}
