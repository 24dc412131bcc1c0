"""pymarc 5.4.0's answers, recorded, so that the comparisons with pymarc also
run where pymarc cannot be installed (it needs Python >= 3.10; mrrc supports
3.9): see pymarc_answers.py, which asks for them, and conftest.py, which
writes them to tests/oracle_recorded/answers.json.

Regenerate every recording (after changing the corpus, a comparison or what
pymarc is asked), on Python >= 3.10 with pymarc 5.4.0 installed, from tests/:

    python recorded_oracle.py --write

This runs the whole suite with --record-pymarc-answers (as the README's test
command runs it: against the installed mrrc) and writes the recording only if
every test passed. Given pytest arguments (`--write test_writer.py -k marc8`),
it replaces the answers of the tests it ran and keeps the rest. Wherever
pymarc is installed, a run on the Python that made the recording fails a test
whose recorded answer is missing or stale.
"""

import argparse
import hashlib
import json
import pathlib
import subprocess
import sys


def canonical(value):
    """A JSON-able form of an observation that keeps what == distinguishes
    (tuple from list, bytes from str); namedtuples become tuples, as == sees them."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, bytes):
        return ["b", value.hex()]
    if isinstance(value, tuple):
        return ["(", *map(canonical, value)]
    if isinstance(value, list):
        return ["[", *map(canonical, value)]
    if isinstance(value, dict):
        return ["{", *([canonical(k), canonical(v)] for k, v in value.items())]
    raise TypeError(f"cannot record a {type(value).__name__}: {value!r}")


def uncanonical(value):
    """The value canonical() wrote."""
    if not isinstance(value, list):
        return value
    kind, items = value[0], value[1:]
    if kind == "b":
        return bytes.fromhex(items[0])
    if kind == "(":
        return tuple(map(uncanonical, items))
    if kind == "[":
        return list(map(uncanonical, items))
    return {uncanonical(k): uncanonical(v) for k, v in items}


def digest(value):
    text = json.dumps(canonical(value), ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("ascii")).hexdigest()[:20]


def main():
    parser = argparse.ArgumentParser(description="Record pymarc 5.4.0's answers for the whole suite.")
    parser.add_argument("--write", action="store_true", help="write tests/oracle_recorded/answers.json")
    arguments, pytest_args = parser.parse_known_args()  # the rest goes to pytest (default: the whole suite)
    if not arguments.write:
        parser.print_help()
        return 0
    here = pathlib.Path(__file__).parent
    return subprocess.call([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                            "--record-pymarc-answers", *(pytest_args or ["."])], cwd=here)


if __name__ == "__main__":
    sys.exit(main())
