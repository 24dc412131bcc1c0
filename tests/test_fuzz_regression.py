"""The atheris harness's regression corpus (tests/fuzz/regression/python),
replayed on every test run: each input once made the harness fail."""

import pathlib
import sys

import pytest

HERE = pathlib.Path(__file__).parent
sys.path.insert(0, str(HERE / "fuzz"))
fuzz_python = pytest.importorskip("fuzz_python", reason="the harness compares with pymarc 5.4.0 (Python >= 3.10)")

INPUTS = sorted((HERE / "fuzz" / "regression" / "python").iterdir())


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_the_python_harness_passes_its_regression_inputs(path):
    fuzz_python.test_one_input(path.read_bytes())
