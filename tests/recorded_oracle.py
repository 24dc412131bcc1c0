"""pymarc 5.4.0's answers, recorded: what observe.run_reader saw pymarc yield
for every binary file in tests/data, kept as digests in
tests/oracle_recorded/reader.json, so that the reader comparison also runs
where pymarc cannot be installed (it needs Python >= 3.10; mrrc supports 3.9).

Regenerate (after changing the corpus or observe.py), on Python >= 3.10 with
pymarc 5.4.0 installed, from tests/:

    python recorded_oracle.py --write

test_reader_oracle_recorded.py fails when a recording is stale (it compares
the recording with the live pymarc wherever pymarc is installed).
"""

import argparse
import hashlib
import importlib.metadata
import io
import json
import logging
import pathlib
import platform

from corpus_files import DATA, binary_files
from observe import run_reader

RECORDING = pathlib.Path(__file__).parent / "oracle_recorded" / "reader.json"
# The reader options of test_reader_oracle.py's option test; "" is the defaults.
OPTIONS = {"": {}, "utf8_handling=replace": {"utf8_handling": "replace"},
           "utf8_handling=ignore": {"utf8_handling": "ignore"}, "force_utf8=True": {"force_utf8": True}}


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


def digest(value):
    text = json.dumps(canonical(value), ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("ascii")).hexdigest()[:20]


def observe(module, path, options):
    """Digests of each item run_reader yields for the file: pymarc reads a file
    object, mrrc the bytes (as oracle.compare does)."""
    data = path.read_bytes()
    source = data if module.__name__ == "mrrc" else io.BytesIO(data)
    return [digest(item) for item in run_reader(module, source, **options)]


def name(path):
    return path.relative_to(DATA).as_posix()


def record(module):
    files = binary_files()
    recording = {"oracle": f"{module.__name__} {importlib.metadata.version(module.__name__)}",
                 "python": platform.python_version(), "items": {name(p): observe(module, p, {}) for p in files}}
    for label, options in OPTIONS.items():
        if label:
            recording[label] = {name(p): digest(observe(module, p, options)) for p in files}
    return recording


def load():
    return json.loads(RECORDING.read_text())


def main():
    parser = argparse.ArgumentParser(description="Record pymarc's reader output over tests/data.")
    parser.add_argument("--write", action="store_true", help=f"write {RECORDING.relative_to(DATA.parents[1])}")
    arguments = parser.parse_args()
    import pymarc  # the oracle: only the recording needs it

    # As under pytest, whose logging plugin holds the root logger: pymarc's
    # log messages do not reach stderr through logging's last-resort handler.
    logging.getLogger().addHandler(logging.NullHandler())

    recording = record(pymarc)
    assert recording["oracle"] == "pymarc 5.4.0", recording["oracle"]
    text = json.dumps(recording, indent=0, sort_keys=False) + "\n"
    if arguments.write:
        RECORDING.parent.mkdir(exist_ok=True)
        RECORDING.write_text(text)
        print(f"wrote {RECORDING}: {len(recording['items'])} files, "
              f"{sum(map(len, recording['items'].values()))} items")
    else:
        print(text[:400])


if __name__ == "__main__":
    main()
