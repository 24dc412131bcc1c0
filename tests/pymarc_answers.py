"""pymarc 5.4.0's answers, live or recorded, so that the comparisons with pymarc
also run where pymarc cannot be installed (it needs Python >= 3.10; mrrc
supports 3.9).

A test asks for pymarc's side of a comparison through `answer`:

    assert read_all(mrrc, path) == answer(lambda: read_all(pymarc, path))

Where pymarc is installed, `answer` runs the function and returns its value
(and, on the Python that made the recording, fails when the recording is
stale). Where it is not, `answer` returns what was recorded: a `Recorded`
digest that compares equal to the same value, item by item for sequences.
Anything else a test does with `pymarc` there skips the test (see `_Absent`).

Recordings live in tests/oracle_recorded/answers.json, one list per test (by
file and test id, in call order). Regenerate them, on Python >= 3.10 with
pymarc 5.4.0, from tests/:

    python recorded_oracle.py --write
"""

import importlib.metadata
import json
import pathlib
import platform
import re
import tempfile

import pytest
from recorded_oracle import canonical, digest, uncanonical

try:
    import pymarc as _live
except ImportError:  # Python 3.9: pymarc 5.4.0 needs 3.10
    _live = None

_ANY = object()
RECORDING = pathlib.Path(__file__).parent / "oracle_recorded" / "answers.json"
WITHOUT_PYMARC = "compares with the live pymarc 5.4.0, which needs Python >= 3.10"
REGENERATE = "run `python recorded_oracle.py --write` in tests/ (Python >= 3.10, pymarc 5.4.0)"


class _Absent:
    """Stands for the pymarc module where it cannot be installed: a test that
    uses pymarc other than through `answer` is skipped (a module that uses it
    at import is skipped whole)."""

    def __getattr__(self, name):
        if name.startswith("__"):  # what pytest's collection and introspection ask of any object
            raise AttributeError(name)
        pytest.skip(WITHOUT_PYMARC, allow_module_level=True)

    def __repr__(self):
        return "<pymarc: not installed>"


pymarc = _live if _live is not None else _Absent()
LIVE = _live is not None


def needs_live_pymarc():
    """For a test that looks at pymarc itself (its modules' names, its classes'
    insides): skipped where pymarc cannot be installed."""
    if not LIVE:
        pytest.skip(WITHOUT_PYMARC)


# Paths in an answer (a file named in an error) are written relative to these,
# so that a recording made in one checkout holds in another and in a copy.
_PLACES = [(str(pathlib.Path(__file__).parent.resolve()), "<tests>"),
           (str(pathlib.Path(__file__).parent), "<tests>")]
_TEMP_ROOTS = sorted({tempfile.gettempdir(), str(pathlib.Path(tempfile.gettempdir()).resolve())}, key=len, reverse=True)
_PYTEST_TMP = re.compile("(?:" + "|".join(map(re.escape, _TEMP_ROOTS)) + r")/pytest-of-[^/]+/pytest-\d+/")
# Messages of CPython's own exceptions whose wording changed after 3.9 (pymarc
# passes them on, and so does mrrc): recorded in the older wording, so that
# they compare on every Python.
_PYTHON_WORDINGS = [(re.compile(r"^string indices must be integers, not '\w+'$"), "string indices must be integers")]


def add_temporary_root(path):
    """pytest's own temporary root (--basetemp), written as <tmp> too."""
    for form in {str(path), str(pathlib.Path(path).resolve())}:
        _PLACES.insert(0, (form + "/", "<tmp>/"))


def portable(value):
    if isinstance(value, str):
        for place, name in _PLACES:
            value = value.replace(place, name)
        for wording, older in _PYTHON_WORDINGS:
            value = wording.sub(older, value)
        return _PYTEST_TMP.sub("<tmp>/", value)
    if isinstance(value, tuple):  # a namedtuple too: canonical() records it as a tuple
        return tuple(map(portable, value))
    if isinstance(value, list):
        return list(map(portable, value))
    if isinstance(value, dict):
        return {portable(k): portable(v) for k, v in value.items()}
    return value


def fingerprint(value):
    return digest(portable(value))


def tree(value, depth, mine=_ANY):
    """A value's digest; for a sequence (to `depth` levels), its items' too;
    given `mine`, only where the value differs from it."""
    if depth > 0 and isinstance(value, (list, tuple)) and (mine is _ANY or fingerprint(value) != fingerprint(mine)):
        pairs = list(mine) if isinstance(mine, (list, tuple)) and len(mine) == len(value) else [_ANY] * len(value)
        return [fingerprint(value), [tree(item, depth - 1, other) for item, other in zip(value, pairs)]]
    return fingerprint(value)


class Recorded:
    """pymarc's answer as recorded: equal to any value with the same digest."""

    __hash__ = None

    def __init__(self, recorded, where):
        self.where = where
        if isinstance(recorded, list):
            self.digest, self.items = recorded[0], [Recorded(item, f"{where}[{i}]")
                                                    for i, item in enumerate(recorded[1])]
        else:
            self.digest, self.items = recorded, None

    def __eq__(self, other):
        if isinstance(other, Recorded):
            return self.digest == other.digest
        return fingerprint(other) == self.digest

    def __ne__(self, other):
        return not self == other

    def __bool__(self):
        raise TypeError(f"{self.where}: compare a recorded answer with ==, not by its truth")

    def _listed(self):
        if self.items is None:
            raise TypeError(f"{self.where} was recorded without its items (answer(..., depth=))")
        return self.items

    def __len__(self):
        return len(self._listed())

    def __getitem__(self, index):
        return self._listed()[index]

    def __iter__(self):
        return iter(self._listed())

    def __repr__(self):
        return f"<pymarc's answer {self.where}, recorded: {self.digest}>"


class _Answers:
    """The recording, and where the current test is in it."""

    def __init__(self):
        self.saved = json.loads(RECORDING.read_text()) if RECORDING.exists() else {"answers": {}}
        self.recording = False
        self.partial = False  # some tests deselected (-k, -m): not the whole suite
        self.new = {}
        self.skipped = set()  # keys of tests that skipped: their recorded answers stay
        self.unused = []  # (key, calls, recorded) where a test asked for fewer answers than were recorded
        self.key = None
        self.calls = 0

    @staticmethod
    def key_of(node):
        # The file's name and the id within it: the same on a checkout and on
        # the copy of tests/ that an installed-package run uses.
        return f"{node.path.name}::{node.nodeid.split('::', 1)[1]}"

    def begin(self, node):
        self.key = self.key_of(node)
        self.calls = 0

    def end(self, passed):
        recorded = len(self.saved["answers"].get(self.key, []))
        if passed and self.checks_freshness() and self.calls < recorded:
            self.unused.append((self.key, self.calls, recorded))
        self.key = None

    def checks_freshness(self):
        python = self.saved.get("python", "")
        return LIVE and not self.recording and python.split(".")[:2] == platform.python_version().split(".")[:2]

    def ask(self, compute, depth, mine, keep, label):
        if self.key is None:
            raise RuntimeError("answer() is for use inside a test")
        if label is None:
            key, index = self.key, self.calls
            self.calls += 1
        else:  # its own entry: where the other answers of the test are does not move it
            key, index = f"{self.key}@{label}", 0
        where = f"{key} #{index}"
        saved = self.saved["answers"].get(key, [])
        if not LIVE:
            if index >= len(saved):
                pytest.fail(f"no recorded pymarc answer for {where}: {REGENERATE}")
            if isinstance(saved[index], dict):
                return uncanonical(saved[index]["value"])
            return Recorded(saved[index], where)
        value = compute()
        if keep:
            made = {"value": canonical(portable(value))}
            value = uncanonical(made["value"])  # what the recording gives back, live too
        else:
            made = tree(value, depth, mine)
        if self.recording:
            self.new.setdefault(key, []).append(made)
        elif self.checks_freshness() and (index >= len(saved) or top(saved[index]) != top(made)):
            # (pymarc's answer itself: the items kept where mrrc differs follow mrrc, and a
            # change of mrrc's is for the test's own assertion to show)
            pytest.fail(f"the recorded pymarc answer for {where} is missing or stale: {REGENERATE}")
        return value

    def write(self, ran, collected_files, whole_suite):
        """Replace the answers of the tests this session ran (`ran`: their keys),
        except those that skipped; after a run of the whole suite, drop those of
        tests that are gone from files that were collected. Returns (answers
        written, keys dropped)."""
        python = self.saved.get("python")
        if not whole_suite and python and python.split(".")[:2] != platform.python_version().split(".")[:2]:
            raise pytest.UsageError(f"the recording was made on Python {python}: re-record the whole suite, "
                                    "or this part on that Python")
        kept, dropped = {}, []
        for key, value in self.saved["answers"].items():
            test = key.split("@")[0]
            if key in self.new or (test in ran and test not in self.skipped):
                continue  # recorded again (or no longer asked for)
            if whole_suite and test not in ran and test.split("::")[0] in collected_files:
                dropped.append(key)  # a test that is gone
                continue
            kept[key] = value
        kept.update(self.new)
        oracle = f"pymarc {importlib.metadata.version('pymarc')}"
        assert oracle == "pymarc 5.4.0", oracle
        RECORDING.parent.mkdir(exist_ok=True)
        # One test to a line, so that a change to the recording reads as a diff of tests.
        lines = [f"{json.dumps(key)}:{json.dumps(value, separators=(',', ':'))}" for key, value in sorted(kept.items())]
        RECORDING.write_text(f'{{"oracle":{json.dumps(oracle)},"python":{json.dumps(platform.python_version())},'
                             '"answers":{\n' + ",\n".join(lines) + "\n}}\n")
        return sum(map(len, kept.values())), dropped


ANSWERS = _Answers()


def top(made):
    """A recorded answer's own digest (or kept value), without its items'."""
    return made[0] if isinstance(made, list) else made


def answer(compute, depth=0, mine=_ANY, keep=False, label=None):
    """pymarc's side of a comparison: compute() where pymarc is installed, its
    recording where not. `depth` is how many levels of a sequence keep their
    items' digests in the recording (for len(), indexing and the report of what
    differs); given `mine`, mrrc's answer, they are kept only where pymarc's
    differs from it (for the tests that accept some differences: they compare
    the items of what differs). With `keep`, the value itself is recorded and
    given back, live as recorded (for names and other small facts a test
    computes with). `label` files the answer under its own name rather than
    its place in the test's calls (for answers asked for conditionally)."""
    return ANSWERS.ask(compute, depth, mine, keep, label)
