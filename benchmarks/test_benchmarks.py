"""pytest-benchmark suite: `pytest benchmarks/ --benchmark-only`.

The same workloads as compare.py, for mrrc and pymarc (and rmarc when
installed), on the 1k-record synthetic file, in this process."""

import importlib
import pathlib
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import corpus  # noqa: E402
import workloads  # noqa: E402


def available(name):
    try:
        module = importlib.import_module(name)
    except ImportError:
        return None
    module._BENCH_TAKES_PATH = name == "mrrc"
    return module


LIBRARIES = [name for name in ("mrrc", "pymarc", "rmarc") if available(name)]


@pytest.fixture(scope="session")
def sample():
    return corpus.synthetic("1k", "utf8")


@pytest.mark.parametrize("library", LIBRARIES)
@pytest.mark.parametrize("workload", sorted(workloads.WORKLOADS))
def test_workload(benchmark, library, workload, sample):
    lib = available(library)
    function = workloads.WORKLOADS[workload]
    count = benchmark(function, lib, sample)
    assert count == 1000


@pytest.mark.parametrize("library", LIBRARIES)
def test_write(benchmark, library, sample):
    lib = available(library)
    records = workloads.load(lib, sample)
    assert benchmark(workloads.write, lib, records) == 1000
