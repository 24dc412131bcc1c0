#!/usr/bin/env bash
# Build the wheels that ship and test each one as installed, where users run
# them: this machine's python3, Debian 11's own Python 3.9 (glibc 2.31) and
# Debian unstable's Python 3.14, each in a fresh virtual environment outside the
# source tree, each with the whole pytest suite (scripts/test_installed.sh).
#
#   bash scripts/test_wheels.sh [LEG...]    # LEG: host, bullseye, sid (default: all three)
#
# The host and bullseye wheels are built here (bullseye's cp39 wheel by pyenv's
# 3.9); the cp314 wheel is built inside the sid chroot by the same
# scripts/wheels.sh, with a tools venv kept in the chroot. The chroots come
# from scripts/chroot.sh (made on first use; a chroot that cannot be entered
# fails this script loudly). Ends with one line per leg.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
[ $# -gt 0 ] || set -- host bullseye sid
declare -A RESULT
summary_of() {
    grep -E '^=+ .*(passed|failed|error).* in [0-9.]+s' "$1" | tail -1 | sed -E 's/^=+ //; s/ =+$//'
}
logs="$ROOT/build/installed-logs"
mkdir -p "$logs"

python_39() {  # pyenv's 3.9 builds the wheel that bullseye's 3.9 installs
    local found
    found="$(pyenv root 2>/dev/null)/versions/$(pyenv versions --bare 2>/dev/null | grep -E '^3\.9\.[0-9]+$' | sort -V | tail -1)/bin/python3"
    [ -x "$found" ] && echo "$found" || command -v python3.9 || true
}

leg() {
    local name="$1" status=0
    shift
    echo "== $name: $*"
    "$@" 2>&1 | tee "$logs/$name.log" || status=$?
    if grep -q "NOTHING WAS TESTED" "$logs/$name.log"; then
        RESULT[$name]="NOT RUN: the chroot could not be entered"
    elif [ "$status" = 0 ]; then
        RESULT[$name]="ok: $(grep -E '^== pytest on' "$logs/$name.log" | tail -1 | sed 's/^== pytest on //'): $(summary_of "$logs/$name.log")"
    else
        RESULT[$name]="FAILED (exit $status): $(summary_of "$logs/$name.log")"
    fi
}

for name in "$@"; do
    case "$name" in
        host)
            leg host-build bash scripts/wheels.sh python3
            leg host bash scripts/test_installed.sh --python python3 ;;
        bullseye)
            py39="$(python_39)"
            [ -n "$py39" ] || { RESULT[bullseye]="NOT RUN: no CPython 3.9 here to build the cp39 wheel"; continue; }
            leg bullseye-build bash scripts/wheels.sh "$py39"
            leg bullseye bash scripts/chroot.sh bullseye bash scripts/test_installed.sh --python python3 ;;
        sid)
            leg sid-build bash scripts/chroot.sh sid env MRRC_VENV=/root/venvs/tools PYTHON=python3.14 \
                bash scripts/wheels.sh python3.14
            leg sid bash scripts/chroot.sh sid bash scripts/test_installed.sh --python python3.14 ;;
        *) echo "error: unknown leg $name (host, bullseye, sid)" >&2; exit 1 ;;
    esac
done

echo
echo "== installed wheels (logs in build/installed-logs/)"
failed=0
for name in "$@"; do
    printf '   %-9s %s\n' "$name" "${RESULT[$name]}"
    case "${RESULT[$name]}" in ok:*) ;; *) failed=1 ;; esac
done
for name in "${!RESULT[@]}"; do
    case "$name:${RESULT[$name]}" in *-build:ok:*) ;; *-build:*) echo "   $name: ${RESULT[$name]}"; failed=1 ;; esac
done
exit "$failed"
