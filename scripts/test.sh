#!/usr/bin/env bash
# Set up and run the whole test suite: the C++ core's Boost.Test suite (built
# with CMake, run by ctest), pymarc 5.4.0's own tests run against mrrc, and the
# Python suite (pytest). pytest's summary is the last line. Extra arguments go
# to pytest.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
install_mrrc test
cd "$ROOT"

echo "== C++ core: build and Boost.Test suite"
BOOST_INCLUDE_DIR="$(python -c 'import libboost_headers; print(libboost_headers.get_include())')"
cmake -S cpp -B build/cpp -DCMAKE_BUILD_TYPE=Release -DBOOST_INCLUDE_DIR="$BOOST_INCLUDE_DIR" >/dev/null
cmake --build build/cpp --parallel "$(nproc 2>/dev/null || echo 2)"
(cd build/cpp && ctest --output-on-failure)

bash "$ROOT/scripts/pymarc_suite.sh" -q

echo "== Python suite"
# Run from tests/ so the source tree's mrrc/ (without its compiled core) does
# not shadow the installed package.
cd "$ROOT/tests"
python -m pytest -p no:cacheprovider "$@" .
