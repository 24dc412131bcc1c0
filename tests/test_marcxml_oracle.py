"""MARCXML against pymarc 5.4.0: the same documents through both, the same
records, bytes and exceptions."""

import io
import pathlib
import pyexpat
import xml.etree.ElementTree as ET
import xml.sax

import pytest
from corpus_files import binary_files, xml_files
from oracle import answer, describe_record, iso2709_refused, outcome, pymarc, split_as_marc
from pymarc_answers import LIVE

import mrrc

XML_FILES = xml_files()
NS = 'xmlns="http://www.loc.gov/MARC21/slim"'
LEADER = "<leader>00000nam a2200000 a 4500</leader>"


def read_all(module, source, **options):
    """Every record parse_xml_to_array gives, described, or what it raised."""
    def run():
        return [describe_record(record) for record in module.parse_xml_to_array(source, **options)]
    return outcome(run)


def read_streamed(module, data):
    """Records handed to process_record before the end or the exception."""
    seen = []
    try:
        module.map_xml(lambda record: seen.append(str(record)), io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - the exception is compared
        return seen, (type(error).__name__, str(error))
    return seen, None


def test_the_corpus_has_marcxml_files():
    assert len(XML_FILES) >= 50


@pytest.mark.parametrize("path", XML_FILES, ids=lambda p: str(p.relative_to(p.parents[1])))
@pytest.mark.parametrize("options", [{}, {"strict": True}, {"normalize_form": "NFD"}, {"normalize_form": "NFKC"}],
                         ids=["default", "strict", "NFD", "NFKC"])
def test_every_xml_file_reads_as_pymarc_reads_it(path, options):
    ours = split_as_marc(read_all(mrrc, str(path), **options))
    theirs = answer(lambda: split_as_marc(read_all(pymarc, str(path), **options)), depth=2, mine=ours)
    assert ours == theirs or iso2709_refused(ours, theirs)  # e.g. an indicator of two bytes in UTF-8


@pytest.mark.parametrize("path", XML_FILES[::6], ids=lambda p: p.name)
def test_written_back_byte_for_byte(path):
    def written(module):
        records = module.parse_xml_to_array(str(path))
        out = io.BytesIO()
        writer = module.XMLWriter(out)
        for record in records:
            writer.write(record)
        writer.close(close_fh=False)
        return out.getvalue(), [module.record_to_xml(r, namespace=True) for r in records]
    assert outcome(lambda: written(mrrc)) == answer(lambda: outcome(lambda: written(pymarc)))


def open_as(kind, path):
    if kind == "path":
        return str(path)
    if kind == "pathlib":
        return pathlib.Path(path)
    if kind == "binary":
        return open(path, "rb")
    if kind == "text":
        return open(path, encoding="utf-8")
    if kind == "bytesio":
        return io.BytesIO(path.read_bytes())
    return io.StringIO(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("kind", ["path", "pathlib", "binary", "text", "bytesio", "stringio"])
def test_every_kind_of_source_pymarc_takes(kind):
    path = next(p for p in XML_FILES if p.name == "batch.xml" and p.parent.name == "pymarc")
    def described(module):
        source = open_as(kind, path)
        return read_all(module, source), getattr(source, "closed", None)  # xml.sax closes what it read
    ours = described(mrrc)
    assert ours == answer(lambda: described(pymarc))
    assert len(ours[0]) == 2


def test_sources_pymarc_rejects_fail_the_same_way():
    for source in ["<record/>", "/no/such/file.xml"]:
        assert outcome(lambda s=source: mrrc.parse_xml_to_array(s)) == \
            answer(lambda s=source: outcome(lambda: pymarc.parse_xml_to_array(s)))


# Documents that take each branch of pymarc's handler, and XML that fails.
DOCUMENTS = {
    "no-namespace": f"<collection><record>{LEADER}<controlfield tag='001'>a</controlfield></record></collection>",
    "prefixed": f"<m:collection xmlns:m='http://www.loc.gov/MARC21/slim'><m:record>{LEADER}<m:datafield tag='245' "
                "ind1='1' ind2='0'><m:subfield code='a'>T</m:subfield></m:datafield></m:record></m:collection>",
    "oai": "<OAI-PMH xmlns='http://www.openarchives.org/OAI/2.0/'><ListRecords><record><header/><metadata>"
           f"<record {NS}>{LEADER}<controlfield tag='001'>x</controlfield></record></metadata></record>"
           "<record><metadata><marc:record xmlns:marc='http://www.loc.gov/MARC21/slim'><marc:controlfield "
           "tag='001'>y</marc:controlfield></marc:record></metadata></record></ListRecords></OAI-PMH>",
    "bare-record-no-leader": "<record><datafield tag='245'><subfield code='a'>x</subfield></datafield></record>",
    "tags": "<record><controlfield tag='1'>one</controlfield><controlfield tag='0001'>two</controlfield>"
            "<controlfield tag='245'>data on a data field</controlfield><datafield tag='008' ind1='1'>"
            "<subfield code='a'>ignored</subfield></datafield><datafield tag='1234'><subfield code='a'>long"
            "</subfield></datafield><datafield tag='abc'><subfield code='a'>letters</subfield></datafield>"
            "<datafield tag=''><subfield code='a'>empty</subfield></datafield><datafield tag='\u0665'>"
            "<subfield code='a'>arabic digit</subfield></datafield><datafield tag='24\u00e9'/></record>",
    "indicators-and-codes": "<record><datafield tag='245' ind1='' ind2='10'><subfield code=''>dropped</subfield>"
                            "<subfield code='ab'>two</subfield><subfield code='\u00e9'>accent</subfield>"
                            "<subfield code=' '>space</subfield></datafield><datafield tag='246' ind1='\u00e9'/>"
                            "<datafield tag='500'><subfield code='a'></subfield></datafield></record>",
    "text-boundaries": "<record><datafield tag='245'><subfield code='a'>a<b>b</b>c<!-- note -->d<?pi x?>e"
                       "</subfield><subfield code='b'> <![CDATA[<&>]]> &amp;&#233;&#x1F600; </subfield></datafield>"
                       "<controlfield tag='001'>\n  x\r\n</controlfield></record>",
    "strict-ignores-foreign": f"<record {NS} xmlns:o='urn:o'><datafield tag='245'><subfield code='a'>a<o:i>b</o:i>c"
                              "</subfield></datafield><o:datafield tag='999'><o:subfield code='a'>no</o:subfield>"
                              "</o:datafield></record>",
    "nesting": "<c><record><controlfield tag='001'>a</controlfield><record><datafield tag='245'><subfield code='a'>"
               "inner</subfield></datafield></record><datafield tag='500'/></record><datafield tag='600'>"
               "<subfield code='a'>outside</subfield></datafield><subfield code='z'>stray</subfield><record><datafield "
               "tag='700'/></record></c>",
    "leaders": "<c><record><leader>01234cam a2200289 a 4500</leader><leader>x2345cam a2200289 a 450y</leader>"
               "</record><record><leader>\u00e9\u00e9\u00e9\u00e9\u00e9cam a2200289 a 4500</leader></record>"
               "<leader>outside a record: ignored</leader></c>",
    "leader-too-short": "<c><record/><record><leader>short</leader></record><record/></c>",
    "leader-normalised": "<record><leader>e\u0301\u0301\u0301\u0301cam a2200289 a 4500</leader></record>",
    "missing-tag": "<c><record/><record><datafield ind1='1'/></record></c>",
    "missing-code": "<record><datafield tag='245'><subfield>x</subfield></datafield></record>",
    "mismatched": "<c>\n<record></record>\n  <record><a></record></c>",
    "truncated": f"<collection {NS}><record>{LEADER}<controlfield tag='001'>a</controlfield></record><record>",
    "junk-after": "<record/>junk",
    "empty": "",
    "undefined-entity": "<record>&nope;</record>",
    "internal-entity": "<!DOCTYPE record [<!ENTITY t 'Title'>]><record><datafield tag='245'><subfield code='a'>&t;"
                       "</subfield></datafield></record>",
    "amplification": "<!DOCTYPE r [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>"
                     "<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'><!ENTITY d '&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;'>"
                     "<!ENTITY e '&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;'><!ENTITY f '&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;'>"
                     "<!ENTITY g '&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;'><!ENTITY h '&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;'>]>"
                     "<r><record><datafield tag='245'><subfield code='a'>&h;</subfield></datafield></record></r>",
    "control-character": "<record><controlfield tag='001'>a\x01b</controlfield></record>",
}
# libexpat refuses entity amplification ("billion laughs") from 2.4.0 on; an
# older one (Debian 11's 2.2.10) expands it, for pymarc and mrrc alike.
EXPAT_REFUSES_AMPLIFICATION = pyexpat.version_info >= (2, 4, 0)
ENCODED = {
    "latin-1": "<?xml version='1.0' encoding='ISO-8859-1'?><record><datafield tag='245'><subfield code='a'>"
               "caf\u00e9</subfield></datafield></record>".encode("latin-1"),
    "utf-16": "<?xml version='1.0' encoding='UTF-16'?><record><datafield tag='245'><subfield code='a'>"
              "\u6f22\u5b57</subfield></datafield></record>".encode("utf-16"),
    # Known to libexpat only through Python's codecs (read by xml.sax).
    "windows-1252": "<?xml version='1.0' encoding='windows-1252'?><record><datafield tag='245'><subfield code='a'>"
                    "\u20ac \u201cq\u201d</subfield></datafield></record>".encode("cp1252"),
    "bad-utf8": b"<record><datafield tag='245'><subfield code='a'>\xff</subfield></datafield></record>",
}


@pytest.mark.parametrize("name", sorted(DOCUMENTS) + sorted(ENCODED))
@pytest.mark.parametrize("strict", [False, True], ids=["default", "strict"])
def test_handler_rules_and_failures_as_pymarc(name, strict):
    if name == "amplification" and not LIVE and not EXPAT_REFUSES_AMPLIFICATION:
        pytest.skip(f"pymarc's answer was recorded with a libexpat that refuses entity amplification (>= 2.4.0); "
                    f"this Python's {pyexpat.EXPAT_VERSION} expands it")
    data = ENCODED[name] if name in ENCODED else DOCUMENTS[name].encode("utf-8")
    ours = split_as_marc(read_all(mrrc, io.BytesIO(data), strict=strict))
    expected = answer(lambda: split_as_marc(read_all(pymarc, io.BytesIO(data), strict=strict)), depth=2, mine=ours)
    if (name, strict) in (("tags", False), ("indicators-and-codes", False)):
        # tags of 4 and 0 bytes, an indicator of 2 bytes, an empty code: pymarc writes corrupt records
        assert iso2709_refused(ours, expected)
        return
    assert ours == expected
    assert read_streamed(mrrc, data) == answer(lambda: read_streamed(pymarc, data))
    if name not in ENCODED:  # text handed over as str: pyexpat parses it as UTF-8
        text = DOCUMENTS[name]
        assert read_all(mrrc, io.StringIO(text), strict=strict) == \
            answer(lambda: read_all(pymarc, io.StringIO(text), strict=strict))


def test_syntax_errors_carry_sax_details():
    data = DOCUMENTS["mismatched"].encode()

    def details(module):
        with pytest.raises(xml.sax.SAXParseException) as caught:
            module.parse_xml_to_array(io.BytesIO(data))
        error = caught.value
        return error.getLineNumber(), error.getColumnNumber(), str(error), error.getException().code
    ours = details(mrrc)
    assert ours == answer(lambda: details(pymarc))
    assert ours[:3] == (3, 15, "<unknown>:3:15: mismatched tag")


def test_syntax_errors_name_the_file(tmp_path):
    path = tmp_path / "bad.xml"
    path.write_bytes(DOCUMENTS["truncated"].encode())
    assert outcome(lambda: mrrc.parse_xml_to_array(str(path))) == \
        answer(lambda: outcome(lambda: pymarc.parse_xml_to_array(str(path))))
    assert str(path) in outcome(lambda: mrrc.parse_xml_to_array(str(path)))[2]


def test_normalize_forms_and_a_bad_form():
    text = "<record><datafield tag='245'><subfield code='a'>Cafe\u0301 \ufb01</subfield></datafield></record>"
    for form in ("NFC", "NFD", "NFKC", "NFKD", "bogus"):
        assert read_all(mrrc, io.StringIO(text), normalize_form=form) == \
            answer(lambda form=form: read_all(pymarc, io.StringIO(text), normalize_form=form))


def test_map_xml_over_several_files():
    files = [str(p) for p in XML_FILES if p.parent.name == "pymarc" and p.name != "bad_tag.xml"]
    def seen(module):
        out = []
        module.map_xml(lambda record: out.append(record.as_marc()), *files)
        return out
    ours = seen(mrrc)
    assert ours == answer(lambda: seen(pymarc)) and len(ours) == 3


class Titles:
    """Handler subclasses as users write them, for either library."""

    @staticmethod
    def streaming(module):
        class Streaming(module.XmlHandler):
            def __init__(self):
                super().__init__(strict=True, normalize_form="NFC")
                self.titles = []

            def process_record(self, record):
                self.titles.append(record.title)
        return Streaming()

    @staticmethod
    def counting_characters(module):
        class Counting(module.XmlHandler):  # overrides a SAX method: xml.sax drives it
            chunks = 0

            def characters(self, content):
                self.chunks += 1
                super().characters(content)
        return Counting()


@pytest.mark.parametrize("make", [Titles.streaming, Titles.counting_characters])
def test_handler_subclasses(make):
    path = str(next(p for p in XML_FILES if p.name == "sample-oai-no-namespace.xml"))
    def results(module):
        handler = make(module)
        module.parse_xml(path, handler)
        return getattr(handler, "titles", None), [str(r) for r in handler.records], getattr(handler, "chunks", None)
    assert results(mrrc) == answer(lambda: results(pymarc))


def test_any_content_handler_works_through_parse_xml():
    class Tags(xml.sax.handler.ContentHandler):
        def __init__(self):
            super().__init__()
            self.names = []

        def startElementNS(self, name, qname, attrs):
            self.names.append(name)

    path = str(next(p for p in XML_FILES if p.name == "batch.xml"))
    def names(module):
        handler = Tags()
        module.parse_xml(path, handler)
        return handler.names
    ours = names(mrrc)
    assert ours == answer(lambda: names(pymarc)) and ours


def test_xml_handler_is_usable_with_xml_sax_directly():
    path = str(next(p for p in XML_FILES if p.name == "batch.xml"))
    def records(module):
        handler = module.XmlHandler()
        parser = xml.sax.make_parser()
        parser.setFeature(xml.sax.handler.feature_namespaces, 1)
        parser.setContentHandler(handler)
        parser.parse(path)
        return [describe_record(r) for r in handler.records]
    assert records(mrrc) == answer(lambda: records(pymarc))
    assert sorted(vars(mrrc.XmlHandler())) == answer(lambda: sorted(vars(pymarc.XmlHandler())))


# -- writing -----------------------------------------------------------------------------------------------------

def written_forms(module, record):
    out = io.BytesIO()
    writer = module.XMLWriter(out)
    writer.write(record)
    writer.close(close_fh=False)
    node = module.record_to_xml_node(record, namespace=True)
    return (outcome(lambda: module.record_to_xml(record)),
            outcome(lambda: module.record_to_xml(record, namespace=True)),
            out.getvalue(), ET.tostring(node), type(node) is ET.Element)


@pytest.mark.parametrize("path", binary_files(), ids=lambda p: str(p.relative_to(p.parents[1])))
def test_binary_records_write_as_pymarc_writes_them(path):
    data = path.read_bytes()
    expected = answer(lambda: [None if r is None else written_forms(pymarc, r)
                               for r in pymarc.MARCReader(io.BytesIO(data))])
    actual = [None if r is None else written_forms(mrrc, r) for r in mrrc.MARCReader(data)]
    assert actual == expected


@pytest.mark.parametrize("path", binary_files()[::3], ids=lambda p: p.name)
def test_iso2709_to_xml_and_back(path):
    def round_trip(module, records):
        text = b"".join(module.record_to_xml(r, namespace=True) for r in records if r is not None)
        back = module.parse_xml_to_array(io.BytesIO(b"<collection>" + text + b"</collection>"))
        return [(r.as_marc(), str(r)) for r in back]
    data = path.read_bytes()
    expected = answer(lambda: outcome(lambda: round_trip(pymarc, list(pymarc.MARCReader(io.BytesIO(data))))))
    assert outcome(lambda: round_trip(mrrc, list(mrrc.MARCReader(data)))) == expected


def built_record(module):
    record = module.Record()
    record.add_field(module.Field("001", data="id <&> \"q\""))
    record.add_field(module.Field("245", module.Indicators("1", '"'), [
        module.Subfield("a", "Caf\u00e9 \u2603 \U0001F600"), module.Subfield("b", ""),
        module.Subfield("c", "\x1b\x00\t")]))
    record.add_field(module.Field("500", module.Indicators(" ", " ")))
    return record


def test_records_built_in_python():
    assert written_forms(mrrc, built_record(mrrc)) == answer(lambda: written_forms(pymarc, built_record(pymarc)))


def test_changed_records_write_as_pymarc_writes_them():
    path = next(p for p in binary_files() if p.name == "test.dat")
    def results(module):
        records = list(module.MARCReader(io.BytesIO(path.read_bytes())))
        records[0]["245"]["a"] = "Changed \u00e9"
        records[1].leader = str(records[1].leader)
        records[2].as_marc()
        records[3].remove_fields("650")
        records[4].fields[0].data = "new"
        return [written_forms(module, r) for r in records[:5]]
    assert results(mrrc) == answer(lambda: results(pymarc))


def test_writing_inside_a_field_loop_shares_the_record_iterator():
    path = next(p for p in binary_files() if p.name == "one.dat")
    def count(module):
        record = next(iter(module.MARCReader(io.BytesIO(path.read_bytes()))))
        seen = 0
        for _field in record:
            seen += 1
            module.record_to_xml(record)
        return seen
    assert count(mrrc) == answer(lambda: count(pymarc))


def test_xml_writer_close_semantics():
    for close_fh in (True, False):
        def closed(module, close_fh=close_fh):
            out = io.BytesIO()
            writer = module.XMLWriter(out)
            writer.close(close_fh=close_fh)
            return out.closed, None if out.closed else out.getvalue(), writer.file_handle
        assert closed(mrrc) == answer(lambda: closed(pymarc))
    assert isinstance(mrrc.writer.XMLWriter(io.BytesIO()), mrrc.writer.Writer)
    assert outcome(lambda: mrrc.XMLWriter(io.BytesIO()).write("not a record")) == \
        answer(lambda: outcome(lambda: pymarc.XMLWriter(io.BytesIO()).write("not a record")))


def test_names_pymarc_exports():
    for name in ("XmlHandler", "parse_xml", "map_xml", "parse_xml_to_array", "record_to_xml", "record_to_xml_node",
                 "XSI_NS", "MARC_XML_NS", "MARC_XML_SCHEMA", "XMLWriter"):
        assert hasattr(mrrc, name)
    assert mrrc.writer.record_to_xml_node is mrrc.marcxml.record_to_xml_node
    for name in ("XSI_NS", "MARC_XML_NS", "MARC_XML_SCHEMA"):
        assert getattr(mrrc.marcxml, name) == answer(lambda name=name: getattr(pymarc.marcxml, name))
