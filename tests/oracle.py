"""Run the same bytes through pymarc 5.4.0 and mrrc and describe what each
yields, so tests can require identical outcomes. pymarc's side comes through
pymarc_answers.answer: live where pymarc is installed, recorded on 3.9."""

import io

from corpus_files import DATA, binary_files  # noqa: F401  (re-exported for the tests)
from observe import describe_error, describe_field, describe_record, outcome, run_reader  # noqa: F401
from pymarc_answers import Recorded, answer, pymarc  # noqa: F401  (re-exported for the tests)

import mrrc


def compare(data: bytes, **options):
    """Differences between pymarc and mrrc on `data` (empty when identical)."""
    actual = run_reader(mrrc, data, **options)
    expected = answer(lambda: run_reader(pymarc, io.BytesIO(data), **options), depth=1, mine=actual)
    if isinstance(expected, Recorded) and expected.items is None:
        return [] if expected == actual else [f"mrrc's {len(actual)} items differ from pymarc's, as recorded"]
    return differences(expected, actual)


def differences(expected, actual):
    """What differs between pymarc's run_reader() items and mrrc's."""
    problems = []
    if len(expected) != len(actual):
        problems.append(f"pymarc yielded {len(expected)} items, mrrc {len(actual)}")
    for index, (want, got) in enumerate(zip(expected, actual)):
        if isinstance(want, Recorded) and want != got:
            problems.append(f"item {index}: mrrc {summarise(got)} != pymarc's, as recorded")
        elif want != got:
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


def split_as_marc(described):
    """A list of describe_record()s with each record's as_marc() outcomes set
    apart, [(the rest, as_marc_untouched, as_marc), ...], for iso2709_refused
    (record pymarc's with answer(..., depth=2)); anything else as it is."""
    if not isinstance(described, list):
        return described
    return [({k: v for k, v in record.items() if not k.startswith("as_marc")}, record["as_marc_untouched"],
             record["as_marc"]) for record in described]


def iso2709_refused(ours, theirs):
    """For records ISO 2709 cannot hold (a tag that is not three bytes, a field
    or record over the length limits): pymarc writes corrupt bytes, mrrc raises
    (deliberately). True when the only differences between two split_as_marc()
    lists are those as_marc() outcomes, every one of them refused by mrrc."""
    if not isinstance(ours, list) or isinstance(theirs, (str, dict)) or len(ours) != len(theirs):
        return False
    refused = 0
    for record, pymarcs_record in zip(ours, theirs):
        if record == pymarcs_record:
            continue
        (rest, *marcs), (their_rest, *their_marcs) = record, pymarcs_record
        if rest != their_rest:
            return False
        for mine, pymarcs in zip(marcs, their_marcs):
            if mine != pymarcs:
                if not (isinstance(mine, tuple) and mine[1] in ("FieldNotEncodable", "FieldTooLong",
                                                                "RecordTooLong")):
                    return False
                refused += 1
    return refused > 0
