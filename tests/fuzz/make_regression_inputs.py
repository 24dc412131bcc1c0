"""Write the hand-made hostile inputs of the fuzz regression corpus into
tests/fuzz/regression/<target>/ (scripts/fuzz.sh adds what a campaign finds,
minimised, beside them). Run again after changing a case:

    python tests/fuzz/make_regression_inputs.py

The targets read option bytes first (cpp/fuzz/fuzz_input.hpp): `record` one
byte of parse flags, `stream` flags, piece size and batch size, `marc8` the
starting G0 and G1 sets, `xml` flags and piece size; `scanner` and `json`
take the bytes as they are.
"""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from marc_bytes import big_record, oversized_record, record  # noqa: E402

HERE = pathlib.Path(__file__).parent / "regression"


GOOD = record([(b"001", b"ocm1"), (b"245", b"10\x1faTitle\x1fbsub")])
# A field past 9,999 bytes with its length as zeros (ruby-marc's allow_oversized), and a
# record past 99,999 bytes with the lengths that do not fit wrapped.
LONG_FIELD = oversized_record([(b"001", b"ocm2"), (b"505", b"0 \x1fa" + b"x" * 12000), (b"856", b"40\x1fuhttp://e")])
BIG = big_record(b"big1", "wrapped", size=101_000, contents=11_000)
OVERSIZED = 0x40  # the option byte's oversized flag (cpp/fuzz/fuzz_input.hpp)
DEFER = 0x80  # its defer_subfields flag: the Python readers' parse, checked against listing at once
UTF8 = b"00000nam a2200000 a 4500"
PLAIN_UTF8 = record([(b"001", b"caf\xc3\xa9"), (b"245", b"10\x1faCaf\xc3\xa9\x1fb\xe4\xb8\xad"),
                     (b"520", b"1\x1faone indicator"), (b"880", b"10\x1f6245-01\x1fa\xd0\x9c\xf0\x9f\x98\x80"),
                     (b"500", b"  \x1fa\x1f\x1fbempty chunk\x1f")], leader=UTF8)
CASES = {
    "record": {
        "length-99999-on-30-bytes": b"\x00" + b"99999nam a2200025 a 4500" + b"001000100000\x1e",
        "directory-of-thousands": b"\x00" + b"99999nam a2200000 a 4500" + b"245000100000" * 3000 + b"\x1e\x1d",
        "offsets-outside": b"\x00" + record([(b"245", b"10\x1fax")]).replace(b"00000\x1e", b"99990\x1e", 1),
        "no-record-terminator": b"\x00" + GOOD[:-1],
        "separators-in-data": b"\x00" + record([(b"245", b"1\x1d\x1fa\x1e\x1f\x1f\x1d")]),
        "strict-good": b"\x01" + GOOD,
        "marc8-escapes": b"\x08" + record([(b"245", b"10\x1fa\x1b$1!!!\x1b(B\x1b")],
                                          leader=b"00000nam  2200000 a 4500"),
        "invalid-utf8-lenient": b"\x20" + record([(b"245", b"10\x1fa\xff\xfe")]),
        "oversized-field-zeros": bytes([OVERSIZED]) + LONG_FIELD,
        "oversized-entry-not-a-number": bytes([OVERSIZED]) + GOOD.replace(b"245", b"245x!", 1)[:-2] + b"\x1e\x1d",
        "deferred-ascii": bytes([DEFER]) + record([(b"001", b"ocm3"), (b"245", b"10\x1faTitle\x1fbsub"),
                                                   (b"500", b"\x1fano indicators"), (b"650", b" 0\x1fa\x1f")],
                                                  leader=UTF8),
        "deferred-plain-utf8": bytes([DEFER]) + PLAIN_UTF8,
        # 245's length one short: its value ends between the two bytes of a character.
        "deferred-cut-character": bytes([DEFER]) + PLAIN_UTF8.replace(b"2450015", b"2450014", 1),
        "deferred-non-ascii-code": bytes([DEFER]) + record([(b"245", b"10\x1faCaf\xc3\xa9"),
                                                            (b"500", b"  \x1f\xc3\xa9x")], leader=UTF8),
    },
    "stream": {
        "good-then-garbage": b"\x00\x05\x02" + GOOD + b"garbage\x1d" * 5 + GOOD,
        "truncated": b"\x00\x01\x01" + GOOD + GOOD[:40],
        "zero-length": b"\x00\x03\x03" + b"00000nam a2200000 a 4500" + GOOD,
        "short-leader": b"\x00\x02\x02" + b"0002" + GOOD,
        "oversized-between-good-and-damaged": bytes([OVERSIZED, 0x40, 0x03]) + GOOD + BIG + LONG_FIELD
                                              + b"garbage\x1d" + GOOD,
        "oversized-nines-then-no-terminator": bytes([OVERSIZED, 0x11, 0x02]) + b"99999nam a2200025 a 4500\x1e"
                                              + GOOD[:-1],
    },
    "scanner": {
        "terminators-only": b"\x1d\x1e\x1f" * 40,
        "leaders-everywhere": b"00100nam a2200025 a 4500" * 10,
        "oversized-conventions": b"".join(oversized_record([(b"001", b"x"), (b"500", b"  \x1fa" + b"y" * 10000)], c)
                                          for c in ("zeros", "nines", "wrapped", "too_small")),
    },
    "marc8": {
        "cut-escape": b"\x42\x45" + b"abc\x1b$",
        "eacc-run": b"\x42\x45" + b"\x1b$1!0!!0\"\x1b(B tail",
        "bad-sets": b"\xff\x00" + b"\x80\x81\xe1a\xe2",
    },
    "json": {
        "deep": b"[" * 5000,
        "record": b'[{"leader":"00000nam a2200000 a 4500","fields":[{"001":"x"},'
                  b'{"245":{"ind1":"1","ind2":"0","subfields":[{"a":"T"}]}}]}]',
        "lines": b'{"leader":"x","fields":[]}\n\n{bad\n{"fields":[{"245":{"subfields":[{"":""}]}}]}',
    },
    "xml": {
        "billion-laughs": b"\x00\x40" + b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
                          + b"".join(b'<!ENTITY %c "' % (98 + i) + b"&%c;" % (97 + i) * 10 + b'">' for i in range(8))
                          + b']><record><datafield tag="245"><subfield code="a">&i;</subfield></datafield></record>',
        "external-entity": b"\x00\x10" + b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                           b'<record><controlfield tag="001">&x;</controlfield></record>',
        "namespaced": b"\x01\x07" + b'<marc:collection xmlns:marc="http://www.loc.gov/MARC21/slim"><marc:record>'
                      b'<marc:leader>00000nam a2200000 a 4500</marc:leader><marc:datafield tag="245" ind1="" ind2="10">'
                      b'<marc:subfield code="">x</marc:subfield></marc:datafield></marc:record></marc:collection>',
    },
}

if __name__ == "__main__":
    for target, cases in CASES.items():
        folder = HERE / target
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in cases.items():
            (folder / name).write_bytes(data)
    print(f"wrote {sum(map(len, CASES.values()))} inputs under {HERE}")
