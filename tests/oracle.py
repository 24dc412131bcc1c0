"""Run the same bytes through pymarc 5.4.0 and mrrc and describe what each
yields, so tests can require identical outcomes."""

import io

import pytest
from corpus_files import DATA, binary_files  # noqa: F401  (re-exported for the tests)
from observe import describe_error, describe_field, describe_record, outcome, run_reader  # noqa: F401

import mrrc

# pymarc 5.4.0 is the oracle; it needs Python >= 3.10, so on 3.9 the tests that
# compare against it are reported as skipped (mrrc's own tests still run).
pymarc = pytest.importorskip("pymarc", reason="the oracle, pymarc 5.4.0, needs Python >= 3.10")


def compare(data: bytes, **options):
    """Differences between pymarc and mrrc on `data` (empty when identical)."""
    expected = run_reader(pymarc, io.BytesIO(data), **options)
    actual = run_reader(mrrc, data, **options)
    problems = []
    if len(expected) != len(actual):
        problems.append(f"pymarc yielded {len(expected)} items, mrrc {len(actual)}")
    for index, (want, got) in enumerate(zip(expected, actual)):
        if want != got:
            detail = ""
            if isinstance(want[0], dict) and isinstance(got[0], dict):
                detail = " in " + ", ".join(k for k in want[0] if want[0][k] != got[0].get(k))
            elif want[1:] != got[1:]:
                detail = f" (errors {want[1]} / {got[1]}; stderr {want[3][:80]!r} / {got[3][:80]!r})"
            problems.append(f"item {index}: pymarc {summarise(want)} != mrrc {summarise(got)}{detail}")
    return problems


def summarise(item):
    record, error, chunk, said = item
    if record is None:
        return f"None {error} chunk={chunk[:40]!r} stderr={said[:80]!r}"
    return f"record {record['leader']!r} {len(record['fields'])} fields"


def iso2709_refused(ours, theirs):
    """For records ISO 2709 cannot hold (a tag that is not three bytes, a field
    or record over the length limits): pymarc writes corrupt bytes, mrrc raises
    (deliberately). True when the only differences between two describe_record
    lists are those as_marc() outcomes, every one of them refused by mrrc."""
    if not isinstance(ours, list) or not isinstance(theirs, list) or len(ours) != len(theirs):
        return False
    refused = 0
    for mine, pymarcs in zip(ours, theirs):
        for key in ("as_marc_untouched", "as_marc"):
            if mine[key] != pymarcs[key]:
                if not (isinstance(mine[key], tuple) and mine[key][1] in ("FieldNotEncodable", "FieldTooLong",
                                                                          "RecordTooLong")):
                    return False
                refused += 1
        if {k: v for k, v in mine.items() if not k.startswith("as_marc")} != \
                {k: v for k, v in pymarcs.items() if not k.startswith("as_marc")}:
            return False
    return refused > 0
