#!/usr/bin/env bash
# ThreadSanitizer run of the C++ suites that use threads: the SPSC hand-over
# (BatchPipe), the path producer thread (ThreadedReader) and its RecordPool, the parallel reader
# and the writer thread (FileWriter, serialize_batch on several threads).
#
#   bash scripts/tsan.sh        # builds build/tsan with g++ -fsanitize=thread; any report fails the run
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck disable=SC1091
source "$ROOT/scripts/env.sh"
python -m pip install --quiet --disable-pip-version-check "cmake>=3.16" libboost-headers==1.88.0
BOOST="$(python -c 'import libboost_headers; print(libboost_headers.get_include())')"
cmake -S "$ROOT/cpp" -B "$ROOT/build/tsan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMRRC_TSAN=ON \
    -DBOOST_INCLUDE_DIR="$BOOST" >/dev/null
cmake --build "$ROOT/build/tsan" --target mrrc_core_tests replay_stream --parallel "$(nproc 2>/dev/null || echo 2)"
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1"
for suite in threaded_reader record_pool parallel_reader record_writer stream_reader xml_reader; do
    echo "== $suite under ThreadSanitizer"
    "$ROOT/build/tsan/mrrc_core_tests" --run_test="$suite" --log_level=error
done
echo "== the stream target's regression corpus (the parallel reader on hostile input) under ThreadSanitizer"
"$ROOT/build/tsan/replay_stream" "$ROOT/tests/fuzz/regression/stream"
echo "ThreadSanitizer: no reports"
