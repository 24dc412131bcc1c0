#!/usr/bin/env bash
# Run the compatibility matrix (tox.ini) over every CPython 3.9-3.13 that pyenv
# has; tox skips versions that are missing. Extra arguments go to tox.
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
"$VENV/bin/tox" "$@"
