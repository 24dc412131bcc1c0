"""Memory growth of reading something large, measured in a fresh process (the
test process's own peak would hide it)."""

import os
import subprocess
import sys

_WRAPPER = """
def _rss(key):
    for row in open("/proc/self/status"):
        if row.startswith(key):
            return int(row.split()[1])

_start = _rss("VmRSS:")
_count = read()
print(_count, _rss("VmHWM:") - _start)
"""

# Under AddressSanitizer (scripts/sanitize.sh) freed memory waits in a
# quarantine; without one, RSS means what it means in a normal build.
_ASAN_OPTIONS = "detect_leaks=0:quarantine_size_mb=0:thread_local_quarantine_size_kb=0"


def records_and_growth_kb(script):
    """Run `script`, which defines read() -> records read; returns (records, peak RSS growth in KiB)."""
    env = dict(os.environ, ASAN_OPTIONS=_ASAN_OPTIONS)
    done = subprocess.run([sys.executable, "-c", script + _WRAPPER], capture_output=True, text=True, check=True,
                          env=env)
    count, growth_kb = map(int, done.stdout.split())
    return count, growth_kb
