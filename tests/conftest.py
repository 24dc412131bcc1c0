import pathlib
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).parent))

from pymarc_answers import ANSWERS, LIVE, REGENERATE, Recorded, add_temporary_root  # noqa: E402  (the path above)


def pytest_addoption(parser):
    parser.addoption("--record-pymarc-answers", action="store_true",
                     help="write pymarc's answers to tests/oracle_recorded/answers.json (see pymarc_answers.py)")


def pytest_configure(config):
    if config.getoption("--record-pymarc-answers"):
        if not LIVE:
            raise pytest.UsageError("--record-pymarc-answers needs pymarc 5.4.0 installed")
        ANSWERS.recording = True
    if config.getoption("basetemp"):
        add_temporary_root(config.getoption("basetemp"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped:
        ANSWERS.skipped.add(ANSWERS.key_of(item))
    if report.when == "call":
        item._pymarc_answers_passed = report.passed


@pytest.fixture(autouse=True)
def _pymarc_answers_for_this_test(request):
    ANSWERS.begin(request.node)
    yield
    ANSWERS.end(getattr(request.node, "_pymarc_answers_passed", False))


def pytest_deselected(items):
    if items:
        ANSWERS.partial = True


def _whole_suite(session):
    """The default arguments (testpaths, or "." in tests/), nothing deselected or ignored."""
    here = pathlib.Path(__file__).parent.resolve()
    config = session.config
    ignored = config.getoption("ignore") or config.getoption("ignore_glob") or config.getoption("deselect")
    return not ANSWERS.partial and not ignored and all(
        pathlib.Path(arg).resolve() in (here, here.parent) for arg in config.args)


def pytest_sessionfinish(session, exitstatus):
    if not ANSWERS.recording:
        return
    config = session.config
    if config.getoption("collectonly") or config.getoption("setuponly") or config.getoption("setupplan"):
        return
    if exitstatus != 0 or session.testscollected == 0:
        print("\nnot recorded: the run failed or ran nothing", file=sys.stderr)
        return
    ran = {ANSWERS.key_of(item) for item in session.items}
    whole = _whole_suite(session)
    count, dropped = ANSWERS.write(ran, {item.path.name for item in session.items}, whole)
    print(f"\nwrote {count} pymarc answers for {len(ran)} tests{' (the whole suite)' if whole else ''}"
          f"{f'; dropped those of {len(dropped)} tests that are gone' if dropped else ''}", file=sys.stderr)


def pytest_terminal_summary(terminalreporter):
    if ANSWERS.unused:
        terminalreporter.section("recorded pymarc answers not asked for")
        for key, calls, recorded in ANSWERS.unused[:20]:
            terminalreporter.write_line(f"{key}: asked for {calls} of {recorded}")
        terminalreporter.write_line(f"{len(ANSWERS.unused)} tests: {REGENERATE}")


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
