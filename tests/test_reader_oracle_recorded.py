"""The reader oracle on every Python: mrrc's reader output over every binary
file in tests/data against pymarc 5.4.0's, as recorded by recorded_oracle.py
(on 3.9, where pymarc cannot be installed, this is the comparison that runs;
elsewhere test_reader_oracle.py compares with the live pymarc as well, and the
recording is checked against it)."""

import pytest
from corpus_files import binary_files
from recorded_oracle import OPTIONS, digest, load, name, observe

import mrrc

FILES = binary_files()
RECORDING = load()


def test_the_recording_covers_the_corpus():
    assert RECORDING["oracle"] == "pymarc 5.4.0"
    assert sorted(RECORDING["items"]) == [name(p) for p in FILES]
    assert sum(map(len, RECORDING["items"].values())) > 1000


@pytest.mark.parametrize("path", FILES, ids=name)
def test_file_matches_recorded_pymarc(path):
    expected = RECORDING["items"][name(path)]
    actual = observe(mrrc, path, {})
    assert len(actual) == len(expected), "a different number of records, Nones and exceptions"
    differing = [index for index, (want, got) in enumerate(zip(expected, actual)) if want != got]
    assert differing == [], "items differing from pymarc's (run test_reader_oracle.py on 3.10+ for detail)"


@pytest.mark.parametrize("label", [label for label in OPTIONS if label])
def test_reader_options_match_recorded_pymarc(label):
    differing = [name(p) for p in FILES if digest(observe(mrrc, p, OPTIONS[label])) != RECORDING[label][name(p)]]
    assert differing == []


@pytest.mark.parametrize("path", FILES, ids=name)
def test_the_recording_is_current(path):
    pymarc = pytest.importorskip("pymarc", reason="the oracle, pymarc 5.4.0, needs Python >= 3.10")
    assert observe(pymarc, path, {}) == RECORDING["items"][name(path)], \
        "stale recording: run `python recorded_oracle.py --write` in tests/"
