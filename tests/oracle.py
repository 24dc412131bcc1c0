"""Run the same bytes through pymarc 5.4.0 and mrrc and describe what each
yields, so tests can require identical outcomes."""

import io
import pathlib
import warnings

import pymarc

import mrrc

DATA = pathlib.Path(__file__).parent / "data"
BINARY_SUFFIXES = {".mrc", ".dat", ".marc", ".usmarc"}
MARC8_PENDING = "pending MARC-8"


def binary_files():
    return sorted(p for p in DATA.rglob("*") if p.suffix in BINARY_SUFFIXES)


def describe_record(record):
    """Everything issue-level tests compare about a record."""
    try:
        fields = [
            (f.tag, f.data) if f.control_field else (f.tag, tuple(f.indicators), tuple(f.subfields))
            for f in record.fields
        ]
    except NotImplementedError:
        return MARC8_PENDING
    return {
        "leader": str(record.leader),
        "fields": fields,
        "str": str(record),
        "title": record.title,
        "as_marc": record.as_marc(),
        "leader_after": str(record.leader),
    }


def describe_error(error):
    return (type(error).__name__, str(error))


def run_reader(module, source, **options):
    """[(record description or None, error description, current_chunk), ...]"""
    out = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = module.MARCReader(source, **options)
        for record in reader:
            error = reader.current_exception
            out.append(
                (
                    None if record is None else describe_record(record),
                    None if error is None else describe_error(error),
                    reader.current_chunk,
                )
            )
    return out


def compare(data: bytes, **options):
    """Differences between pymarc and mrrc on `data` (empty when identical).
    A record whose MARC-8 text mrrc cannot decode yet counts as a difference
    unless pymarc yielded a record too (or failed inside MARC-8 decoding)."""
    expected = run_reader(pymarc, io.BytesIO(data), **options)
    actual = run_reader(mrrc, data, **options)
    problems = []
    if len(expected) != len(actual):
        problems.append(f"pymarc yielded {len(expected)} items, mrrc {len(actual)}")
    for index, (want, got) in enumerate(zip(expected, actual)):
        pending = got[0] == MARC8_PENDING or (got[1] and got[1][0] == "NotImplementedError")
        if pending and (want[0] is not None or (want[1] and want[1][0] == "UnicodeDecodeError")):
            continue
        if want != got:
            problems.append(f"item {index}: pymarc {summarise(want)} != mrrc {summarise(got)}")
    return problems


def summarise(item):
    record, error, chunk = item
    if record is None:
        return f"None {error} chunk={chunk[:40]!r}"
    if record == MARC8_PENDING:
        return MARC8_PENDING
    return f"record {record['leader']!r} {len(record['fields'])} fields"
