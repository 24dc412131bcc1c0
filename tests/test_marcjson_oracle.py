"""MARC-in-JSON and MARCMaker reading against pymarc 5.4.0: the same inputs
through both, the same records and exceptions."""

import copy
import io
import json

import pytest
from corpus_files import binary_files, json_files
from oracle import answer, describe_record, iso2709_refused, outcome, pymarc, split_as_marc

import mrrc

LEADER = "00000nam a2200000 a 4500"


def described(make):
    """The records a callable gives, described, or what it raised."""
    return outcome(lambda: [describe_record(record) for record in make()])


def both(make):
    """pymarc's and mrrc's records from make(module), described and set out
    for iso2709_refused (split_as_marc)."""
    def pymarcs():
        theirs = described(lambda: make(pymarc))
        if isinstance(theirs, tuple) and theirs[0] == "raised":
            # Python 3.15's TypeError from a bad __str__ names the class with its
            # module ("pymarc.leader.Leader.__str__() must return a str"): the same
            # message, with mrrc's module for pymarc's.
            theirs = theirs[:2] + (theirs[2].replace("pymarc.", "mrrc."),)
        return split_as_marc(theirs)
    ours = split_as_marc(described(lambda: make(mrrc)))
    return answer(pymarcs, depth=2, mine=ours), ours


def test_the_corpus_has_json_files():
    assert len(json_files()) >= 6


@pytest.mark.parametrize("path", json_files(), ids=lambda p: str(p.relative_to(p.parents[1])))
@pytest.mark.parametrize("how", ["path", "file", "text", "array"])
def test_every_json_file_reads_as_pymarc_reads_it(path, how):
    def make(module):
        if how == "path":
            return list(module.JSONReader(str(path)))
        if how == "file":
            return list(module.JSONReader(open(path, encoding="utf-8")))
        if how == "text":
            return list(module.JSONReader(path.read_text(encoding="utf-8")))
        return module.parse_json_to_array(str(path))
    theirs, ours = both(make)
    assert ours == theirs


def record_object(fields, **extra):
    return {"leader": LEADER, "fields": fields, **extra}


# Documents in the usual shape and every way out of it: pymarc's steps decide the odd ones.
DOCUMENTS = {
    "usual": [record_object([{"001": "a"}, {"245": {"ind1": "1", "ind2": "0", "subfields": [{"a": "T"}, {"c": ""}]}}])],
    "single-object": record_object([{"001": "a"}]),
    "extra-keys": [record_object([{"1": "x"}, {"0245": {"ind1": "a", "x": [1], "ind2": "b", "subfields": []}}],
                                 other={"n": None})],
    "unicode": [record_object([{"245": {"ind1": " ", "ind2": " ", "subfields": [{"a": "Caf\u00e9 \U0001f600"}]}}])],
    "short-leader": [{"leader": "short", "fields": []}],
    "no-leader": [{"fields": []}],
    "no-fields": [{"leader": LEADER}],
    "leader-not-text": [{"leader": list(LEADER), "fields": []}],
    "two-keys": [record_object([{"001": "a", "245": {"ind1": " ", "ind2": " ", "subfields": []}}])],
    "two-codes": [record_object([{"245": {"ind1": " ", "ind2": " ", "subfields": [{"a": "x", "b": "y"}]}}])],
    "empty-subfield-object": [record_object([{"245": {"ind1": " ", "ind2": " ", "subfields": [{}]}}])],
    "control-tag-object": [record_object([{"001": {"ind1": " ", "ind2": " ", "subfields": [{"a": "x"}]}}])],
    "data-tag-text": [record_object([{"245": "text with subfields in it"}])],
    "no-indicator": [record_object([{"245": {"ind2": " ", "subfields": []}}])],
    "indicator-number": [record_object([{"245": {"ind1": 1, "ind2": " ", "subfields": []}}])],
    "value-number": [record_object([{"245": {"ind1": " ", "ind2": " ", "subfields": [{"a": 5}]}}])],
    "control-list": [record_object([{"008": ["a", "b"]}])],
    "long-tag": [record_object([{"1234": {"ind1": " ", "ind2": " ", "subfields": [{"a": "x"}]}}])],
    "empty-field": [record_object([{}])],
    "field-not-object": [record_object(["001"])],
    "number": 5,
    "text": "a string",
    "list-of-lists": [[]],
    "empty-list": [],
}
TEXTS = {
    "duplicate-leader": '[{"leader":"%s","leader":"%s","fields":[]}]' % (LEADER, LEADER.replace("n", "c")),
    "duplicate-tag": '[{"leader":"%s","fields":[{"001":"a","001":"b"}]}]' % LEADER,
    "control-character": '[{"leader":"%s","fields":[{"001":"a\tb\u0001"}]}]' % LEADER,
    "escaped-delimiter": '[{"leader":"%s","fields":[{"245":{"ind1":" ","ind2":" ","subfields":[{"a":"x\\u001fy"}]}}]}]'
                         % LEADER,
    "lone-surrogate": '[{"leader":"%s","fields":[{"001":"\\ud800"}]}]' % LEADER,
    "nan": '[{"leader":"%s","fields":[],"x":NaN}]' % LEADER,
    "malformed": '[{"leader":"%s","fields":[}]' % LEADER,
    "extra-data": '[] []',
    "empty": "",
    "bom": "\ufeff[]",
}


@pytest.mark.parametrize("name", sorted(DOCUMENTS) + sorted(TEXTS))
def test_shapes_and_failures_as_pymarc(name):
    text = TEXTS[name] if name in TEXTS else json.dumps(DOCUMENTS[name])
    for make in (lambda m: list(m.JSONReader(text)), lambda m: m.parse_json_to_array(io.StringIO(text)),
                 lambda m: list(m.JSONReader(io.StringIO(text))),
                 lambda m: list(m.JSONReader(io.BytesIO(text.encode())))):
        theirs, ours = both(make)
        if name == "long-tag":  # a four-byte tag: pymarc writes a directory that no longer lines up
            assert iso2709_refused(ours, theirs)
        else:
            assert ours == theirs


def test_records_are_what_python_json_loads_and_can_change():
    text = json.dumps(DOCUMENTS["usual"] * 3)

    def seen(module):
        reader = module.JSONReader(text)
        # iterating again makes the records again
        out = [copy.deepcopy(reader.records), [str(r) for r in reader], [str(r) for r in reader]]
        reader.records[0]["fields"][0]["001"] = "changed"  # pymarc reads records when it iterates
        return out + [[str(r) for r in reader]]
    assert seen(mrrc) == answer(lambda: seen(pymarc))
    first = mrrc.JSONReader(text)
    assert next(iter(first)) is not next(iter(first))


def test_json_reader_stream_flag_and_sources(capsys):
    text = json.dumps(DOCUMENTS["usual"])

    def said(module):
        capsys.readouterr()
        module.JSONReader(text, stream=True)
        return capsys.readouterr().err
    ours = said(mrrc)
    assert ours == answer(lambda: said(pymarc)) and "not yet implemented" in ours
    assert described(lambda: mrrc.JSONReader(text.encode())) == \
        answer(lambda: described(lambda: pymarc.JSONReader(text)))


class Recorder:
    @staticmethod
    def make(module):
        class Titles(module.JSONHandler):
            def __init__(self):
                super().__init__()
                self.titles = []

            def process_record(self, record):
                self.titles.append(record.title)
                super().process_record(record)
        return Titles()


def test_json_handler_and_subclasses():
    path = next(p for p in json_files() if p.name == "batch.json")
    def results(module):
        handler = Recorder.make(module)
        handler.elements(json.loads(path.read_text()))
        plain = module.JSONHandler()  # popitem: the last key of each object counts
        last = plain.elements({"leader": LEADER, "fields": [{"001": "a", "002": "b"},
                                                           {"245": {"ind1": "1", "ind2": " ", "subfields": [
                                                               {"a": "x", "b": "y"}]}}]})
        return handler.titles, [describe_record(r) for r in handler.records], [str(r) for r in last]
    assert results(mrrc) == answer(lambda: results(pymarc))


@pytest.mark.parametrize("path", binary_files(), ids=lambda p: str(p.relative_to(p.parents[1])))
def test_binary_records_through_json_and_marcmaker_text(path):
    # The inputs are mrrc's as_json() and str(), which the writer tests hold to pymarc's.
    records = [r for r in mrrc.MARCReader(path.read_bytes()) if r is not None]
    as_json = "[" + ",".join(r.as_json() for r in records) + "]"
    text = "\n".join(str(r) for r in records)
    for make in (lambda m: list(m.JSONReader(as_json)), lambda m: m.parse_json_to_array(as_json),
                 lambda m: list(m.MARCMakerReader(text))):
        theirs, ours = both(make)
        assert ours == theirs or iso2709_refused(ours, theirs)  # e.g. an empty subfield code in the text


MARCMAKER = {
    "usual": f"=LDR  {LEADER}\n=001  abc\n=245  10$aTitle :$bsub /$cme.\n\n=LDR  {LEADER}\n=500  \\\\$aNote",
    "no-subfields": f"=LDR  {LEADER}\n=245  10",
    "dollar-in-value": f"=LDR  {LEADER}\n=245  10$aUS$5 price",
    "short-leader": "=LDR  short\n=001  a",
    "no-equals": f"=LDR  {LEADER}\n001  a",
    "one-space": f"=LDR  {LEADER}\n=001 a",
    "empty-line": f"=LDR  {LEADER}\n\n\n=001  a",
    "short-data-field": f"=LDR  {LEADER}\n=245  1",
    "odd-tag": f"=LDR  {LEADER}\n=00a  text\n=abc  12$ax",
    "line-ends": f"=LDR  {LEADER}\r\n=001  a\r\n=245  00$ab\x0bc",
    "trailing-blank-line": f"=LDR  {LEADER}\n=001  a\n\n",
    "empty": "",
}


@pytest.mark.parametrize("name", sorted(MARCMAKER))
def test_marcmaker_text_as_pymarc(name):
    def make(module):
        out = []
        for record in module.MARCMakerReader(MARCMAKER[name]):
            out.append(record)
        return out
    theirs, ours = both(make)
    assert ours == theirs or (name == "no-subfields" and iso2709_refused(ours, theirs))

    def cause(module):
        try:
            list(module.MARCMakerReader(MARCMAKER[name]))
        except module.PymarcException as error:
            return type(error.__cause__).__name__, str(error.__cause__)
        return None
    assert cause(mrrc) == answer(lambda: cause(pymarc))


def test_marcmaker_from_a_file_and_a_text_writer(tmp_path):
    path = next(p for p in binary_files() if p.name == "test.dat")
    # mrrc's TextWriter, which test_writer.py holds to pymarc's byte for byte.
    records = list(mrrc.MARCReader(path.read_bytes()))
    out = io.StringIO()
    writer = mrrc.TextWriter(out)
    for record in records:
        writer.write(record)
    target = tmp_path / "records.txt"
    target.write_text(out.getvalue(), encoding="utf-8")
    theirs, ours = both(lambda m: list(m.MARCMakerReader(str(target))))
    assert ours == theirs and len(ours) == 10
    handle = open(target, encoding="utf-8")
    list(mrrc.MARCMakerReader(handle))
    assert handle.closed  # read and closed at once, as pymarc does


@pytest.mark.parametrize("path", binary_files(), ids=lambda p: str(p.relative_to(p.parents[1])))
def test_json_writer_bytes_for_every_binary_file(path):
    def written(module, records):
        out = io.StringIO()
        writer = module.JSONWriter(out)
        for record in records:
            if record is not None:
                writer.write(record)
        writer.close(close_fh=False)
        return out.getvalue(), [r.as_json() for r in records if r is not None]
    data = path.read_bytes()
    assert written(mrrc, list(mrrc.MARCReader(data))) == \
        answer(lambda: written(pymarc, list(pymarc.MARCReader(io.BytesIO(data)))))


def test_json_of_records_changed_or_built_in_python():
    path = next(p for p in binary_files() if p.name == "test.dat")
    def results(module):
        records = list(module.MARCReader(io.BytesIO(path.read_bytes())))
        records[0]["245"]["a"] = "Chang\u00e9d \U0001f600 \"q\" \\ \t"
        records[1].leader = str(records[1].leader)
        records[2].as_marc()
        records[3].add_field(module.Field("999", module.Indicators("\u00e9", " "), [module.Subfield("a", "\x7f\x1f")]))
        out = io.StringIO()
        writer = module.JSONWriter(out)
        for record in records:
            writer.write(record)
        writer.close(close_fh=False)
        return out.getvalue(), [r.as_json() for r in records], [r.as_json(indent=1) for r in records[:2]]
    assert results(mrrc) == answer(lambda: results(pymarc))
