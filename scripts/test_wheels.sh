#!/usr/bin/env bash
# Build the wheels that ship and test each one as installed, where users run
# them: this machine's python3, Debian 11's own Python 3.9 (glibc 2.31) and
# Debian unstable's Python 3.14 and 3.15 (pre-release), each in a fresh virtual
# environment outside the source tree, each with the whole pytest suite
# (scripts/test_installed.sh).
#
#   bash scripts/test_wheels.sh [LEG...]    # LEG: host, bullseye, sid, sid315 (default: all four)
#
# The host and bullseye wheels are built here (bullseye's cp39 wheel by pyenv's
# 3.9); the cp314 and cp315 wheels are built inside the sid chroot by the same
# scripts/wheels.sh, with a tools venv (3.14) kept in the chroot. CI runs only
# the sid leg (.ci/run). The chroots come
# from scripts/chroot.sh (made on first use; a chroot that cannot be entered
# fails this script loudly). Ends with one line per leg.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
[ $# -gt 0 ] || set -- host bullseye sid sid315
source "$ROOT/scripts/results.sh"
logs="$ROOT/build/installed-logs"
mkdir -p "$logs"

python_39() {  # pyenv's 3.9 builds the wheel that bullseye's 3.9 installs
    local found
    found="$(pyenv root 2>/dev/null)/versions/$(pyenv versions --bare 2>/dev/null | grep -E '^3\.9\.[0-9]+$' | sort -V | tail -1)/bin/python3"
    [ -x "$found" ] && echo "$found" || command -v python3.9 || true
}

leg() {  # leg NAME COMMAND...: run, log, record the result
    local name="$1" status=0
    shift
    echo "== $name: $*"
    "$@" 2>&1 | tee "$logs/$name.log" || status=$?
    record "$name" "$status" "$logs/$name.log" \
        "$({ grep -E '^== pytest on' "$logs/$name.log" || true; } | tail -1 | sed 's/^== pytest on //')"
}

for name in "$@"; do
    case "$name" in
        host)
            leg host-build bash scripts/wheels.sh python3
            leg host bash scripts/test_installed.sh --python python3 ;;
        bullseye)
            py39="$(python_39)"
            [ -n "$py39" ] || { RESULT_ORDER+=(bullseye); RESULT[bullseye]="NOT RUN: no CPython 3.9 to build its wheel"; continue; }
            leg bullseye-build bash scripts/wheels.sh "$py39"
            leg bullseye bash scripts/chroot.sh bullseye bash scripts/test_installed.sh --python python3 ;;
        sid)
            leg sid-build bash scripts/chroot.sh sid env MRRC_VENV=/root/venvs/tools PYTHON=python3.14 \
                bash scripts/wheels.sh python3.14
            leg sid bash scripts/chroot.sh sid bash scripts/test_installed.sh --python python3.14 ;;
        sid315)  # the pre-release: the same tools venv (3.14), a cp315 wheel
            leg sid315-build bash scripts/chroot.sh sid env MRRC_VENV=/root/venvs/tools PYTHON=python3.14 \
                bash scripts/wheels.sh python3.15
            leg sid315 bash scripts/chroot.sh sid bash scripts/test_installed.sh --python python3.15 ;;
        *) echo "error: unknown leg $name (host, bullseye, sid, sid315)" >&2; exit 1 ;;
    esac
done

print_results "installed wheels (logs in build/installed-logs/)"
