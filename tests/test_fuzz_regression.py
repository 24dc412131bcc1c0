"""The atheris harness's regression corpus (tests/fuzz/regression/python),
replayed on every test run: each input once made the harness fail."""

import pathlib
import sys

import pytest

HERE = pathlib.Path(__file__).parent
sys.path.insert(0, str(HERE / "fuzz"))
import fuzz_python  # noqa: E402  (atheris and pymarc are optional there)

INPUTS = sorted((HERE / "fuzz" / "regression" / "python").iterdir())


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_the_python_harness_passes_its_regression_inputs(path):
    data = path.read_bytes()
    assert len(data) >= 2  # a flags byte and input: the harness ignores anything shorter
    # The harness raises on anything but the documented outcomes; it returns None when all is well.
    assert fuzz_python.test_one_input(data) is None


def test_the_corpus_is_there():
    assert len(INPUTS) >= 3
