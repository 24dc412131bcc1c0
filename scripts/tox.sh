#!/usr/bin/env bash
# Run the compatibility matrix (tox.ini), every environment with the full test
# suite: CPython 3.9-3.13 from pyenv on this machine, 3.14 and 3.15 from Debian
# unstable in its chroot (scripts/chroot.sh, made on first use), then lint.
# The summary gives each version's pytest result (tests passed, skipped).
#
#   bash scripts/tox.sh                 # everything
#   bash scripts/tox.sh -e py39,py314   # some environments; extra arguments go to tox
#   MRRC_TOX_CHROOT=0 bash scripts/tox.sh   # leave out the chroot's environments
#
# A missing pyenv interpreter is reported as missing. A chroot that cannot be
# made or entered (no right to mount) fails the run, loudly.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
python -m pip install --quiet --disable-pip-version-check "tox>=4"
if command -v pyenv >/dev/null 2>&1; then
    # Put each installed CPython 3.9-3.13 on PATH directly (tox's discovery does
    # not pass pyenv's settings to the interpreters it probes).
    for version in $(pyenv versions --bare | grep -E '^3\.(9|1[0-3])\.[0-9]+$' | sort -V); do
        PATH="$(pyenv root)/versions/$version/bin:$PATH"
    done
    export PATH
fi
cd "$ROOT"

environments="py39,py310,py311,py312,py313,py314,py315,lint"
args=()
while [ $# -gt 0 ]; do
    case "$1" in
        -e) environments="$2"; shift 2 ;;
        -e*) environments="${1#-e}"; shift ;;
        *) args+=("$1"); shift ;;
    esac
done
logs="$ROOT/build/tox-logs"
mkdir -p "$logs"
source "$ROOT/scripts/results.sh"

run_host() {
    local env="$1" status=0
    echo "== tox -e $env"
    nice "$VENV/bin/tox" -e "$env" "${args[@]}" 2>&1 | tee "$logs/$env.log" || status=$?
    record "$env" "$status" "$logs/$env.log"
}

chroot_envs=()
IFS=, read -r -a wanted <<<"$environments"
for env in "${wanted[@]}"; do
    case "$env" in
        py314|py315) chroot_envs+=("$env") ;;
        *) run_host "$env" ;;
    esac
done

if [ ${#chroot_envs[@]} -gt 0 ] && [ "${MRRC_TOX_CHROOT:-1}" = 0 ]; then
    for env in "${chroot_envs[@]}"; do RESULT_ORDER+=("$env"); RESULT[$env]="LEFT OUT (MRRC_TOX_CHROOT=0)"; done
elif [ ${#chroot_envs[@]} -gt 0 ]; then
    # tox in its own venv inside the chroot; its work directory stays in the
    # chroot too, so the host's .tox is never touched.
    for env in "${chroot_envs[@]}"; do
        echo "== tox -e $env in the Debian unstable chroot"
        status=0
        bash "$ROOT/scripts/chroot.sh" sid sh -c '
            set -e
            [ -x /root/venvs/tox/bin/tox ] || { python3.14 -m venv /root/venvs/tox && /root/venvs/tox/bin/pip install -q "tox>=4"; }
            exec nice /root/venvs/tox/bin/tox --workdir /root/tox-work -e "$@"' sh "$env" "${args[@]}" \
            2>&1 | tee "$logs/$env.log" || status=$?
        record "$env" "$status" "$logs/$env.log"
    done
fi

print_results "matrix summary (logs in build/tox-logs/)"
