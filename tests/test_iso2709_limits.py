"""What ISO 2709 cannot hold is refused, not written corrupt (pymarc writes
lengths that overflow their digits, and directories that no longer line up)."""

import io

import pytest
from oracle import answer, pymarc

import mrrc


def record_with(module, *fields):
    record = module.Record()
    record.add_field(*fields)
    return record


def data_field(module, tag, value, code="a"):
    return module.Field(tag, module.Indicators(" ", " "), [module.Subfield(code, value)])


def test_a_field_at_the_limit_is_written_as_pymarc_writes_it():
    # indicators (2) + delimiter and code (2) + value + terminator (1) = 9,999 bytes
    def written(m):
        return record_with(m, data_field(m, "505", "x" * 9994)).as_marc()
    ours = written(mrrc)
    assert ours == answer(lambda: written(pymarc))
    assert ours[24 + 3:24 + 7] == b"9999"


@pytest.mark.parametrize("build", [
    lambda m: record_with(m, data_field(m, "505", "x" * 9995)),
    lambda m: record_with(m, m.Field("001", data="y" * 9999)),
], ids=["data-field", "control-field"])
def test_a_field_over_the_limit_is_refused(build):
    with pytest.raises(mrrc.FieldTooLong) as raised:
        build(mrrc).as_marc()
    assert raised.value.limit == 9999 and raised.value.length == 10_000
    assert "9,999" in str(raised.value) and isinstance(raised.value, (mrrc.PymarcException, ValueError))
    # what pymarc does instead: a five-digit length in a four-digit slot
    assert answer(lambda: build(pymarc).as_marc()[24 + 3:24 + 8]) == b"10000"


def test_a_record_over_the_limit_is_refused_and_one_at_it_is_written():
    def build(module, size, count=11):
        return record_with(module, *[data_field(module, "500", "z" * size) for _ in range(count)])
    at_limit = (99_999 - 24 - 1 - 1 - 11 * (12 + 2 + 2 + 1)) // 11  # leader, terminators, entries, field overhead
    written = build(mrrc, at_limit).as_marc()
    assert 99_990 <= len(written) <= 99_999
    assert written == answer(lambda: build(pymarc, at_limit).as_marc())
    with pytest.raises(mrrc.RecordTooLong) as raised:
        build(mrrc, 9_000, 12).as_marc()
    assert raised.value.limit == 99_999 and raised.value.length > 99_999


def test_a_tag_that_is_not_three_bytes_is_refused():
    for tag in ("1234", "é45"):  # (pymarc pads a short tag such as "" to "000")
        with pytest.raises(mrrc.FieldNotEncodable):
            record_with(mrrc, data_field(mrrc, tag, "v")).as_marc()


def test_records_read_by_mrrc_are_checked_in_cpp_too():
    xml = (b"<record><leader>00000nam a2200000 a 4500</leader><datafield tag='505' ind1='0' ind2=' '>"
           b"<subfield code='a'>" + b"t" * 12_000 + b"</subfield></datafield></record>")
    record = mrrc.parse_xml_to_array(xml)[0]
    with pytest.raises(mrrc.FieldTooLong) as raised:
        record.as_marc()
    assert raised.value.tag == "505"
    assert mrrc.record_to_xml(record).count(b"t" * 12_000) == 1  # MARCXML has no such limit


def test_the_writer_keeps_what_came_before_and_stays_usable():
    out = io.BytesIO()
    writer = mrrc.MARCWriter(out)
    good = record_with(mrrc, mrrc.Field("001", data="good"))
    writer.write(good)
    with pytest.raises(mrrc.FieldTooLong):
        writer.write(record_with(mrrc, data_field(mrrc, "505", "x" * 20_000)))
    writer.write(good)
    writer.close(close_fh=False)
    records = list(mrrc.MARCReader(out.getvalue()))
    assert [r["001"].data for r in records] == ["good", "good"]
