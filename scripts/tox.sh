#!/usr/bin/env bash
# Run the compatibility matrix (tox.ini) over every CPython 3.9-3.13 that pyenv
# has; tox skips versions that are missing. Extra arguments go to tox.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
python -m pip install --quiet --disable-pip-version-check "tox>=4"
if command -v pyenv >/dev/null 2>&1; then
    versions=$(pyenv versions --bare | grep -E '^3\.(9|1[0-3])\.[0-9]+$' | sort -V | tr '\n' ':')
    export PYENV_VERSION="${versions%:}"
fi
cd "$ROOT"
tox "$@"
