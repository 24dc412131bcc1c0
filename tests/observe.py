"""What a pymarc user can observe of a reader's output, as plain values that
compare with == (and serialise; see recorded_oracle.py). Needs no pymarc:
oracle.py compares these descriptions across pymarc and mrrc, and the
recorded oracle compares mrrc's with pymarc's written earlier."""

import contextlib
import io
import warnings

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
