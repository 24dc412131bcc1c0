import pathlib
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).parent))

from pymarc_answers import ANSWERS, LIVE, Recorded  # noqa: E402  (needs the path above)


def pytest_addoption(parser):
    parser.addoption("--record-pymarc-answers", action="store_true",
                     help="write pymarc's answers to tests/oracle_recorded/answers.json (see pymarc_answers.py)")


def pytest_configure(config):
    if config.getoption("--record-pymarc-answers"):
        if not LIVE:
            raise pytest.UsageError("--record-pymarc-answers needs pymarc 5.4.0 installed")
        ANSWERS.recording = True


@pytest.fixture(autouse=True)
def _pymarc_answers_for_this_test(request):
    ANSWERS.begin(request.node)
    yield
    ANSWERS.key = None


def pytest_deselected(items):
    if items:
        ANSWERS.partial = True


def pytest_sessionfinish(session, exitstatus):
    if ANSWERS.recording and exitstatus == 0:
        ran = {ANSWERS.key_of(item) for item in session.items}
        # The whole suite: the default arguments (testpaths, or "." in tests/), nothing deselected.
        here = pathlib.Path(__file__).parent.resolve()
        whole = not ANSWERS.partial and all(pathlib.Path(arg).resolve() in (here, here.parent)
                                            for arg in session.config.args)
        count = ANSWERS.write(ran, whole)
        print(f"\nwrote {count} pymarc answers for {len(ran)} tests"
              f"{' (the whole suite)' if whole else ''}", file=sys.stderr)
    elif ANSWERS.recording:
        print("\nnot recorded: the run failed", file=sys.stderr)


def pytest_assertrepr_compare(op, left, right):
    recorded, other = (right, left) if isinstance(right, Recorded) else (left, right)
    if op != "==" or not isinstance(recorded, Recorded):
        return None
    lines = [f"mrrc's value != {recorded!r}"]
    if recorded.items is not None and isinstance(other, (list, tuple)):
        lines.append(f"pymarc gave {len(recorded.items)} items, mrrc {len(other)}")
        differing = [i for i, (want, got) in enumerate(zip(recorded.items, other)) if want != got]
        lines.append(f"items that differ: {differing[:20]} (run on Python >= 3.10 with pymarc for detail)")
    return lines
