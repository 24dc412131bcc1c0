"""Where the test data is (tests/data; provenance in its README)."""

import pathlib

DATA = pathlib.Path(__file__).parent / "data"
BINARY_SUFFIXES = {".mrc", ".dat", ".marc", ".usmarc"}


def binary_files():
    return sorted(p for p in DATA.rglob("*") if p.suffix in BINARY_SUFFIXES)


def xml_files():
    return sorted(DATA.rglob("*.xml"))


def json_files():
    return sorted(DATA.rglob("*.json"))
