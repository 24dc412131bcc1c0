"""The example files of records beyond the ISO 2709 limits in tests/data/mrrc/
(provenance in tests/data/README.md). They are made by this script, from the
first record of pymarc's test.dat and the synthetic fields of
marc_bytes.big_record_fields; test_oversized.py checks that the committed files
are what it makes. Run again after changing it:

    python tests/oversized_examples.py
"""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from corpus_files import DATA  # noqa: E402
from marc_bytes import big_record, contents_note, oversized_record  # noqa: E402

FOLDER = DATA / "mrrc"


def first_record(path):
    data = path.read_bytes()
    return data[: int(data[:5])]


def examples():
    """{file name: bytes}."""
    good = first_record(DATA / "pymarc" / "test.dat")
    damaged = good[:12] + b"x2345" + good[17:]  # a base address that is not a number
    long_field = oversized_record([(b"001", b"long505"), (b"245", b"10\x1faContents in full"),
                                   (b"505", contents_note(12_000, "Part"))], "nines")
    return {
        # As ruby-marc's allow_oversized writer (and mrrc's) writes it: 00000 in the
        # record length and in the lengths and offsets that do not fit.
        "oversized-zeros.iso": good + big_record(b"big0001", "zeros") + good,
        # A 12 KB 505 whose length says 9999, then a damaged record and a good one.
        "oversized-field-nines.iso": long_field + damaged + good,
    }


if __name__ == "__main__":
    FOLDER.mkdir(exist_ok=True)
    for name, data in examples().items():
        (FOLDER / name).write_bytes(data)
        print(f"wrote {FOLDER / name} ({len(data):,} bytes)")
