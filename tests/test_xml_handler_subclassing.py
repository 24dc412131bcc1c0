"""XmlHandler subclasses as projects built on pymarc write them, run under
pymarc 5.4.0 and mrrc: one overriding process_record only, one overriding
SAX methods around pymarc's own."""

import pytest
from oracle import DATA, answer, pymarc

import mrrc

XML_FILES = ["pymarc/batch.xml", "pymarc/utf8.xml"]


def collecting_handler(lib):
    class Collecting(lib.XmlHandler):
        def __init__(self):
            super().__init__(strict=False)
            self.seen = []

        def process_record(self, record):
            self.seen.append((record.title, len(record.fields), type(record).__name__))

    return Collecting()


def counting_handler(lib):
    class Counting(lib.XmlHandler):
        def __init__(self):
            super().__init__()
            self.elements = {}

        def startElementNS(self, name, qname, attrs):
            self.elements[name[1]] = self.elements.get(name[1], 0) + 1
            super().startElementNS(name, qname, attrs)

        def endElementNS(self, name, qname):
            super().endElementNS(name, qname)

    return Counting()


@pytest.mark.parametrize("name", XML_FILES)
def test_a_handler_overriding_process_record(name):
    def outcome(lib):
        handler = collecting_handler(lib)
        lib.parse_xml(str(DATA / name), handler)
        return handler.seen, [str(r) for r in handler.records]

    assert outcome(mrrc) == answer(lambda: outcome(pymarc))


@pytest.mark.parametrize("name", XML_FILES)
def test_a_handler_overriding_sax_methods(name):
    def outcome(lib):
        handler = counting_handler(lib)
        lib.parse_xml(str(DATA / name), handler)
        return handler.elements, [(r.title, [str(f) for f in r.fields]) for r in handler.records]

    assert outcome(mrrc) == answer(lambda: outcome(pymarc))
