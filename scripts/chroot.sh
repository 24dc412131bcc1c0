#!/usr/bin/env bash
# Debian chroots for testing mrrc on Pythons and C libraries this machine does
# not have: `sid` (Debian unstable: CPython 3.14 and 3.15, GCC 16) and
# `bullseye` (Debian 11: CPython 3.9, glibc 2.31, for the manylinux wheel on
# an old system).
#
#   bash scripts/chroot.sh SUITE                 # make the chroot if missing, then a shell in it
#   bash scripts/chroot.sh SUITE COMMAND [ARG...] # ... or run COMMAND in it (as root, cwd /mnt/mrrc)
#   bash scripts/chroot.sh --path SUITE          # print where the chroot lives
#
# Each chroot is made once (debootstrap --variant=minbase, about 10 minutes and
# 1-2 GB) and kept outside the clone, in $MRRC_CHROOT_CACHE (default
# $XDG_CACHE_HOME/mrrc/chroots, or /var/cache/mrrc/chroots), so later runs
# start in seconds. Delete a suite's directory there to make it again.
#
# The package archive is the one this machine's apt configuration names
# (override with MRRC_DEBIAN_MIRROR). The checkout is bind-mounted at
# /mnt/mrrc; /proc, /sys, /dev and /dev/pts are mounted for the command and
# unmounted when it ends, whatever happens (/dev recursively, so /dev/pts
# and /dev/shm come with it). Needs root (debootstrap, mount,
# chroot). Where mounting is not permitted the script stops with exit status 3
# and says so: callers must not mistake that for a pass.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${MRRC_CHROOT_CACHE:-${XDG_CACHE_HOME:-/var/cache}/mrrc/chroots}"
NOT_PERMITTED=3

die() { echo "error: $*" >&2; exit 1; }
loud() {  # a banner that cannot be missed in a CI log
    echo "############################################################" >&2
    echo "## chroot.sh: $*" >&2
    echo "############################################################" >&2
}

print_path=0
if [ "${1:-}" = "--path" ]; then print_path=1; shift; fi
SUITE="${1:-}"
[ -n "$SUITE" ] || die "usage: $0 [--path] SUITE [COMMAND...]   (SUITE: sid or bullseye)"
shift
case "$SUITE" in
    sid)      PACKAGES="python3.14 python3.14-dev python3.14-venv python3.15 python3.15-dev python3.15-venv g++ make git ca-certificates" ;;
    bullseye) PACKAGES="python3 python3-venv ca-certificates" ;;
    *) die "unknown suite $SUITE (sid or bullseye)" ;;
esac
DIR="$CACHE/$SUITE"
if [ "$print_path" = 1 ]; then echo "$DIR"; exit 0; fi

if [ "$(id -u)" != 0 ]; then
    loud "root is needed to make and enter a chroot (debootstrap, mount, chroot); nothing was run"
    exit "$NOT_PERMITTED"
fi

# The archive this machine's apt uses for its own Debian release.
mirror() {
    if [ -n "${MRRC_DEBIAN_MIRROR:-}" ]; then echo "$MRRC_DEBIAN_MIRROR"; return; fi
    local codename uri
    codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
    uri="$(apt-get indextargets --format '$(REPO_URI) $(RELEASE)' 2>/dev/null \
           | awk -v c="$codename" '$2 == c {print $1; exit}')"
    if [ -z "$uri" ]; then  # no index fetched yet: the first URI in the sources files
        uri="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
               | awk '$1 == "deb" {print ($2 ~ /^\[/ ? $3 : $2); exit}')"
        [ -n "$uri" ] || uri="$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null \
                                | awk '$1 == "URIs:" && $2 !~ /security/ {print $2; exit}')"
    fi
    [ -n "$uri" ] || die "cannot find a Debian archive in this machine's apt configuration; set MRRC_DEBIAN_MIRROR"
    echo "${uri%/}"
}

MOUNTED=()
unmount_all() {
    local index
    for ((index = ${#MOUNTED[@]} - 1; index >= 0; index--)); do
        umount -l "${MOUNTED[$index]}" 2>/dev/null || echo "warning: could not unmount ${MOUNTED[$index]}" >&2
    done
    MOUNTED=()
}
trap unmount_all EXIT
trap 'exit 130' INT TERM

mount_into() {  # mount_into TARGET_ROOT: the kernel file systems and the checkout
    local target="$1" spec point
    # /dev with everything mounted below it (/dev/pts, /dev/shm), so that
    # /dev/ptmx and /dev/pts are the same instance and openpty() works; made
    # a slave so that nothing unmounted here propagates back to the host.
    for spec in "proc proc proc" "sysfs sys sys" "--rbind /dev dev"; do
        set -- $spec
        point="$target/$3"
        mkdir -p "$point"
        if [ "$1" = "--rbind" ]; then
            mount --rbind "$2" "$point" 2>/dev/null || not_permitted "$point"
            mount --make-rslave "$point" 2>/dev/null || true
        else
            mount -t "$1" "$1" "$point" 2>/dev/null || not_permitted "$point"
        fi
        MOUNTED+=("$point")
    done
    mkdir -p "$target/mnt/mrrc"
    mount --bind "$ROOT" "$target/mnt/mrrc" 2>/dev/null || not_permitted "$target/mnt/mrrc"
    MOUNTED+=("$target/mnt/mrrc")
}
not_permitted() {
    loud "mounting $1 is not permitted here (a container without CAP_SYS_ADMIN?); the $SUITE chroot cannot be used and NOTHING WAS TESTED in it"
    exit "$NOT_PERMITTED"
}

in_chroot() {  # in_chroot TARGET_ROOT COMMAND...: a clean environment, as a login shell would give
    local target="$1"; shift
    chroot "$target" /usr/bin/env -i HOME=/root TERM="${TERM:-dumb}" LANG=C.UTF-8 \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        ${MRRC_THREADS:+MRRC_THREADS=$MRRC_THREADS} "$@"
}

create() {
    command -v debootstrap >/dev/null 2>&1 || {
        echo "== installing debootstrap"
        apt-get install -y -q debootstrap >/dev/null
    }
    local archive work
    archive="$(mirror)"
    work="$DIR.partial"
    rm -rf "$work"
    mkdir -p "$CACHE"
    echo "== debootstrap $SUITE from $archive into $work (minbase; about 10 minutes)"
    nice debootstrap --variant=minbase "$SUITE" "$work" "$archive" >"$CACHE/$SUITE.debootstrap.log" 2>&1 \
        || { tail -20 "$CACHE/$SUITE.debootstrap.log" >&2; die "debootstrap failed (log: $CACHE/$SUITE.debootstrap.log)"; }
    # The archive may be a frozen snapshot whose Release files have expired.
    printf 'Acquire::Check-Valid-Until "false";\nAcquire::Check-Date "false";\n' \
        >"$work/etc/apt/apt.conf.d/99mrrc-frozen-archive"
    echo "deb $archive $SUITE main" >"$work/etc/apt/sources.list"
    # This machine's extra CA certificates (an HTTPS proxy's, say), so that pip reaches PyPI.
    mkdir -p "$work/usr/local/share/ca-certificates"
    cp /usr/local/share/ca-certificates/*.crt "$work/usr/local/share/ca-certificates/" 2>/dev/null || true
    # Debian's python3 has no pip of its own; venvs' pip should trust the system's CAs.
    printf '[global]\ncert = /etc/ssl/certs/ca-certificates.crt\n' >"$work/etc/pip.conf"
    cp /etc/resolv.conf "$work/etc/resolv.conf" 2>/dev/null || true
    mount_into "$work"
    echo "== apt-get install $PACKAGES"
    in_chroot "$work" sh -c "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $PACKAGES && apt-get clean" \
        >>"$CACHE/$SUITE.debootstrap.log" 2>&1 \
        || { tail -20 "$CACHE/$SUITE.debootstrap.log" >&2; die "apt-get in the $SUITE chroot failed"; }
    in_chroot "$work" update-ca-certificates >/dev/null
    unmount_all
    mv "$work" "$DIR"
    echo "== chroot $SUITE ready in $DIR"
}

mkdir -p "$CACHE"
exec 9>"$CACHE/.$SUITE.lock"
flock 9  # one user of a suite's chroot at a time (mounts, apt, venvs)
[ -x "$DIR/usr/bin/apt-get" ] || create
cp /etc/resolv.conf "$DIR/etc/resolv.conf" 2>/dev/null || true
mount_into "$DIR"
if [ $# -eq 0 ]; then set -- bash -l; fi
status=0
in_chroot "$DIR" sh -c 'cd /mnt/mrrc && exec "$@"' sh "$@" || status=$?
exit "$status"
