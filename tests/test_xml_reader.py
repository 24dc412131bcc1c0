"""mrrc's own MARCXML reading: the streaming XMLReader, bytes input, bounded
memory, the GIL released while parsing, hostile documents."""

import io
import sys
import textwrap
import threading

import pytest
from corpus_files import xml_files
from memory_probe import records_and_growth_kb
from test_threading import other_thread_runs_while_reading

import mrrc
from mrrc._core import XmlParser
from mrrc.marcxml import XMLReader

RECORD = ("<record><leader>00000nam a2200000 a 4500</leader><controlfield tag='001'>{n}</controlfield>"
          "<datafield tag='245' ind1='1' ind2='0'><subfield code='a'>Title {n} \u00e9</subfield></datafield></record>")


def collection(count):
    return ("<collection xmlns='http://www.loc.gov/MARC21/slim'>" +
            "".join(RECORD.format(n=n) for n in range(count)) + "</collection>").encode()


@pytest.mark.parametrize("path", xml_files()[::4], ids=lambda p: p.name)
def test_xml_reader_yields_what_parse_xml_to_array_returns(path):
    def described(records):
        return [(str(r), r.as_marc()) for r in records]
    try:
        expected = described(mrrc.parse_xml_to_array(str(path)))
    except Exception as error:  # noqa: BLE001
        with pytest.raises(type(error)):
            described(XMLReader(str(path)))
        return
    assert described(XMLReader(str(path))) == expected
    assert described(XMLReader(path.read_bytes())) == expected
    assert described(XMLReader(memoryview(path.read_bytes()))) == expected


def test_bytes_content_is_accepted_beyond_pymarc():
    records = mrrc.parse_xml_to_array(collection(3))
    assert [r["001"].data for r in records] == ["0", "1", "2"]
    assert records[0].title == "Title 0 \u00e9"


def test_records_come_before_the_error_that_follows_them():
    data = collection(5)[:-len("</collection>")] + b"<record><broken></record>"
    reader = XMLReader(data)
    assert [r["001"].data for r in (next(reader) for _ in range(5))] == ["0", "1", "2", "3", "4"]
    with pytest.raises(mrrc.marcxml.SAXParseException, match="mismatched tag"):
        next(reader)
    with pytest.raises(StopIteration):
        next(reader)


def test_the_reader_closes_its_input():
    stream = io.BytesIO(collection(2))
    with XMLReader(stream) as reader:
        next(reader)
    assert stream.closed
    stream = io.BytesIO(collection(2))
    assert len(list(XMLReader(stream))) == 2 and stream.closed


def test_parsing_releases_the_gil():
    data = collection(20_000)

    def parse():
        XmlParser().feed(data, True)
    assert other_thread_runs_while_reading(parse)


def test_a_parser_refuses_two_threads_at_once():
    data = collection(30_000)
    parser = XmlParser()
    errors = []

    def feed():
        try:
            parser.feed(data)
        except RuntimeError as error:
            errors.append(error)
    threads = [threading.Thread(target=feed) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Either the second call found the first still busy, or they ran one after the other.
    assert all("two threads" in str(e) for e in errors)


@pytest.mark.parametrize("document", [
    b"<a>" * 200_000 + b"</a>" * 200_000,  # deep nesting
    b"<c><junk>" + b"x" * (64 << 20) + b"</junk></c>",  # a huge text node nothing uses
    b"<record><datafield tag='245'>" + b"<subfield code='a'>v</subfield>" * 500_000 + b"</datafield></record>",
    b"<record>" + b"<datafield tag='245'/>" * 200_000 + b"</record>",
    b"\x00\xff\xfe<<<>>>&&&;;;" * 1000,
], ids=["deep", "huge-junk-text", "many-subfields", "many-fields", "garbage"])
def test_hostile_documents_end_cleanly(document):
    try:
        records = mrrc.parse_xml_to_array(io.BytesIO(document))
    except mrrc.marcxml.SAXParseException:
        return
    for record in records:
        str(record)
        try:
            record.as_marc()
        except mrrc.Iso2709LimitExceeded:
            pass  # too big for ISO 2709: refused rather than written corrupt
        mrrc.record_to_xml(record)


MEMORY_PROBE = textwrap.dedent("""
    import sys
    from mrrc.marcxml import XMLReader
    record = ("<record><leader>00000nam a2200000 a 4500</leader><controlfield tag='001'>%d</controlfield>"
              "<datafield tag='245' ind1='1' ind2='0'><subfield code='a'>" + "Title words " * 150 +
              "</subfield></datafield></record>")

    class Harvest:
        '''A MARCXML document of about 300 MB, produced as it is read.'''
        def __init__(self, count):
            self.count, self.n, self.head, self.done = count, 0, True, False
        def read(self, size):
            if size == 0:  # xml.sax asks for nothing, to tell bytes from text
                return b""
            if self.head:
                self.head = False
                return b"<collection xmlns='http://www.loc.gov/MARC21/slim'>"
            if self.n >= self.count:
                if self.done:
                    return b""
                self.done = True
                return b"</collection>"
            parts = []
            while self.n < self.count and sum(map(len, parts)) < size:
                parts.append((record % self.n).encode())
                self.n += 1
            return b"".join(parts)
        def close(self):
            pass

    def read():
        return sum(1 for _ in XMLReader(Harvest(160_000)))
""")


def test_a_large_document_streams_in_bounded_memory():
    count, growth_kb = records_and_growth_kb(MEMORY_PROBE)
    assert count == 160_000
    assert growth_kb < 64 * 1024  # ~300 MB of XML read with well under 64 MB of growth


def test_a_file_is_read_on_a_producer_thread(tmp_path):
    path = tmp_path / "many.xml"
    path.write_bytes(collection(20_000))
    reader = XMLReader(str(path))
    assert reader._stream._file_parser is not None  # the C++ thread reads it
    assert [r["001"].data for r in reader] == [str(n) for n in range(20_000)]
    half = XMLReader(path)  # a pathlib.Path too
    next(half)
    half.close()  # stops and joins the thread mid-file
    with pytest.raises(ValueError, match="closed"):
        next(half)
    dropped = XMLReader(str(path))
    next(dropped)
    del dropped  # the thread is joined when the reader goes away


def test_a_file_in_an_encoding_only_python_knows(tmp_path):
    path = tmp_path / "cp1252.xml"
    path.write_bytes("<?xml version='1.0' encoding='windows-1252'?><record><datafield tag='245'>"
                     "<subfield code='a'>\u20ac 5</subfield></datafield></record>".encode("cp1252"))
    assert [r.title for r in XMLReader(str(path))] == ["\u20ac 5"]
    assert mrrc.parse_xml_to_array(str(path))[0].title == "\u20ac 5"


def test_an_unreadable_file_raises_oserror(tmp_path):
    path = tmp_path / "dir.xml"
    path.mkdir()
    with pytest.raises((OSError, ValueError)):  # xml.sax treats a non-file as a URL
        mrrc.parse_xml_to_array(str(path))


def test_two_threads_on_one_reader_never_lose_input():
    data = collection(20_000)
    reader = XMLReader(io.BytesIO(data))
    seen, errors = [], []

    def drain():
        while True:
            try:
                record = next(reader)
            except StopIteration:
                return
            except RuntimeError as error:
                errors.append(error)
                continue
            seen.append(record["001"].data)
    threads = [threading.Thread(target=drain) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(seen, key=int) == [str(n) for n in range(20_000)]  # refused calls took nothing
    assert all("two threads" in str(e) for e in errors)


def test_an_encoding_only_python_knows_behind_short_reads():
    class Dribble(io.RawIOBase):  # a pipe handing over at most 10 bytes a read
        def __init__(self, data):
            self.data = data

        def readable(self):
            return True

        def read(self, size=-1):
            if size == 0:  # xml.sax asks for nothing, to tell bytes from text
                return b""
            piece, self.data = self.data[:10], self.data[10:]
            return piece
    document = ("<?xml version='1.0' encoding='windows-1252'?><record><controlfield tag='001'>caf\u00e9 \u20ac"
                "</controlfield></record>").encode("cp1252")
    assert [r["001"].data for r in XMLReader(Dribble(document))] == ["caf\u00e9 \u20ac"]


@pytest.mark.skipif(not hasattr(sys, "get_int_max_str_digits"),
                    reason="this Python has no limit on int() digit strings (3.9.14, 3.10.7 and 3.11 added it)")
def test_digit_strings_python_would_refuse_are_left_to_python():
    huge = "0" * 5000 + "1"
    with pytest.raises(ValueError, match="digits"):
        mrrc.parse_xml_to_array(f"<record><controlfield tag='{huge}'>x</controlfield></record>".encode())
    text = '[{"leader":"00000nam a2200000 a 4500","x":%s,"fields":[]}]' % ("1" * 5000)
    with pytest.raises(ValueError, match="digits"):
        mrrc.JSONReader(text)
