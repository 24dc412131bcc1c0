"""Record and Field render as HTML tables in Jupyter (_repr_html_), escaped;
plain repr and str stay pymarc's."""

from oracle import DATA, answer, pymarc

import mrrc
from mrrc import _html


def _record():
    record = mrrc.Record()
    record.add_field(mrrc.Field("001", data="id<1>&\x1b"))
    record.add_field(mrrc.Field("245", ["1", " "], [mrrc.Subfield("a", "Fish & <chips>"), mrrc.Subfield("<", "\x07")]))
    return record


def test_record_table_escapes_values_codes_and_control_characters():
    page = _record()._repr_html_()
    assert "<table" in page and page.count("<tr>") == 3  # leader + two fields
    assert "Fish &amp; &lt;chips&gt;" in page
    assert "id&lt;1&gt;&amp;" in page
    assert "<chips>" not in page and "\x1b" not in page and "\x07" not in page
    assert "\\x1b" in page and "\\x07" in page
    assert '<span class="mrrc-code">$&lt;</span>' in page
    assert '<span class="mrrc-code">$a</span>' in page
    assert '<span class="mrrc-control">#</span>' in page  # a blank indicator


def test_field_table():
    field = _record()["245"]
    page = field._repr_html_()
    assert page.count("<tr>") == 1 and "<td>245</td><td>1</td>" in page


def test_long_records_and_values_are_cut_with_a_note():
    record = mrrc.Record()
    for i in range(_html.MAX_FIELDS + 5):
        record.add_field(mrrc.Field("500", [" ", " "], [mrrc.Subfield("a", f"note {i}")]))
    record.add_field(mrrc.Field("520", [" ", " "], [mrrc.Subfield("a", "x" * (_html.MAX_VALUE + 10))]))
    page = record._repr_html_()
    assert page.count("<tr>") == _html.MAX_FIELDS + 1
    assert f"{_html.MAX_FIELDS} of {_html.MAX_FIELDS + 6} fields shown" in page
    field_page = record["520"]._repr_html_()
    assert "10 more characters" in field_page


def test_records_from_a_file_render_and_repr_stays_pymarcs():
    path = DATA / "pymarc" / "test.dat"

    def seen(record):
        return str(record), repr(record).split(" object at ")[0].replace("pymarc", "mrrc")

    def pymarcs():
        with open(path, "rb") as fh:
            return seen(next(iter(pymarc.MARCReader(fh))))
    ours = next(iter(mrrc.MARCReader(str(path))))
    assert seen(ours) == answer(pymarcs)
    page = ours._repr_html_()
    assert page.count("<tr>") == len(ours.fields) + 1
