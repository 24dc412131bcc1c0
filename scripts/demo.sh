#!/usr/bin/env bash
# Set up and run the main job on a bundled sample: read a MARC file, print the
# first records readably and a summary. Usage: bash scripts/demo.sh [FILE.mrc]
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
install_mrrc
cd "$ROOT"
python examples/dump.py "${1:-tests/data/marc4j/pride-and-prejudice-with-many-errors.mrc}"
