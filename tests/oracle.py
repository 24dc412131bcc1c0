"""Run the same bytes through pymarc 5.4.0 and mrrc and describe what each
yields, so tests can require identical outcomes."""

import contextlib
import io
import warnings

import pytest
from corpus_files import DATA, binary_files  # noqa: F401  (re-exported for the tests)

import mrrc

# pymarc 5.4.0 is the oracle; it needs Python >= 3.10, so on 3.9 the tests that
# compare against it are reported as skipped (mrrc's own tests still run).
pymarc = pytest.importorskip("pymarc", reason="the oracle, pymarc 5.4.0, needs Python >= 3.10")


PROPERTIES = ["title", "issn_title", "isbn", "issn", "issnl", "sudoc", "author", "uniformtitle",
              "publisher", "pubyear"]
LIST_PROPERTIES = ["series", "subjects", "addedentries", "location", "notes", "physicaldescription"]


def outcome(function):
    """A function's result, or the type and text of what it raised."""
    try:
        return function()
    except Exception as error:  # noqa: BLE001 - the exception is the outcome compared
        return ("raised", type(error).__name__, str(error))


def describe_field(field):
    base = (field.tag, field.control_field, field.data, field.indicators,
            None if field.control_field else tuple(field.subfields))
    return base + (field.value(), field.format_field(), str(field), field.is_subject_field(),
                   outcome(field.linkage_occurrence_num), field.subfields_as_dict(), field.indicator1,
                   field.indicator2, outcome(lambda: field["a"]), field.get("b"), "6" in field)


def describe_record(record):
    """Everything a pymarc user can observe of a record, in a fixed order (the
    first as_marc() runs on the untouched record)."""
    out = {"as_marc_untouched": outcome(record.as_marc)}
    for name in PROPERTIES:
        out[name] = outcome(lambda name=name: getattr(record, name))
    for name in LIST_PROPERTIES:
        out[name] = [str(f) for f in getattr(record, name)]
    out["get_245"] = outcome(lambda: str(record["245"]))
    out["contains_880"] = "880" in record
    out["leader"] = str(record.leader)
    out["leader_attributes"] = [getattr(record.leader, a) for a in (
        "record_length", "record_status", "type_of_record", "bibliographic_level", "type_of_control",
        "coding_scheme", "indicator_count", "subfield_code_count", "base_address", "encoding_level",
        "cataloging_form", "multipart_ressource", "length_of_field_length",
        "starting_character_position_length", "implementation_defined_length")]
    out["fields"] = [describe_field(f) for f in record.fields]
    out["linked"] = [outcome(lambda f=f: [str(x) for x in record.get_linked_fields(f)])
                     for f in record.fields if f.tag != "880"]
    out["str"] = str(record)
    out["as_dict"] = record.as_dict()
    out["as_json"] = record.as_json()
    out["as_marc"] = outcome(record.as_marc)
    return out


def describe_error(error):
    return (type(error).__name__, str(error))


def run_reader(module, source, **options):
    """[(record description or None, error description, current_chunk, stderr text), ...]"""
    out = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = module.MARCReader(source, **options)
        while True:
            said = io.StringIO()
            with contextlib.redirect_stderr(said):
                try:
                    record = next(reader)
                except StopIteration:
                    break
                error = reader.current_exception
                described = None if record is None else describe_record(record)
            out.append((described, None if error is None else describe_error(error), reader.current_chunk,
                        said.getvalue()))
    return out


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
