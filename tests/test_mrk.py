"""MarcEdit .mrk/.mrk8 text (mrrc.mrk): marc4j's brkrtest pair read and
written both ways, every mnemonic of the table, $ and \\ handling, code
points, and malformed lines reported with their line number."""

import io
import unicodedata

import pytest
from corpus_files import DATA, binary_files

import mrrc
from mrrc.marc8 import marc8_to_unicode
from mrrc.mrk import MrkError, MrkReader, MrkWriter, record_to_mrk
from mrrc.mrk_mnemonics import ALIAS_MNEMONICS, ALIAS_UNICODE, BREAKER_MNEMONICS, BREAKER_UNICODE, COMBINING

MARC4J = DATA / "marc4j"
PAIRS = [("brkrtest.mrk", "brkrtest.mrc"), ("brkrtest.mrk8", "brkrtest_UTF8.mrc")]
LEADER_MARC8 = "00000nam  2200000 a 4500"
LEADER_UTF8 = "00000nam a2200000 a 4500"


def read_one(text, encoding=None):
    records = list(MrkReader(text.encode("utf-8") if isinstance(text, str) else text, encoding=encoding))
    assert len(records) == 1
    return records[0]


def mrk_value(value, leader=LEADER_MARC8, encoding=None):
    """The first subfield of a 500 whose .mrk subfield text is `value`."""
    return read_one(f"=LDR  {leader}\n=500  \\\\$a{value}\n", encoding)["500"]["a"]


def make_record(leader, *fields):
    record = mrrc.Record()
    record.leader = mrrc.Leader(leader)
    for field in fields:
        record.add_field(field)
    return record


def data_field(value, tag="500", indicators=(" ", " "), code="a"):
    return mrrc.Field(tag, indicators=mrrc.Indicators(*indicators), subfields=[mrrc.Subfield(code, value)])


def collapse_blank_lines(text):
    """One blank line between records, as the brkrtest.mrk8 file does not always have."""
    records = [chunk.strip("\r\n") for chunk in text.split("\r\n\r\n") if chunk.strip("\r\n")]
    return "\r\n\r\n".join(records) + "\r\n\r\n"


# -- brkrtest: .mrk and .mrc agree -----------------------------------------------------------------------------


@pytest.mark.parametrize("mrk, mrc", PAIRS)
def test_reading_the_mrk_gives_the_records_of_the_mrc(mrk, mrc):
    from_text = list(MrkReader(MARC4J / mrk))
    from_binary = list(mrrc.MARCReader(str(MARC4J / mrc)))
    assert len(from_text) == len(from_binary) == 8
    for text_record, binary_record in zip(from_text, from_binary):
        assert [str(f) for f in text_record.fields] == [str(f) for f in binary_record.fields]
        assert [f.value() for f in text_record.fields] == [f.value() for f in binary_record.fields]
        assert [f.subfields for f in text_record.fields if not f.is_control_field()] == [
            f.subfields for f in binary_record.fields if not f.is_control_field()
        ]
        assert text_record.as_marc() == binary_record.as_marc()


def test_the_marc8_records_write_the_reference_mrk_byte_for_byte():
    out = io.BytesIO()
    writer = MrkWriter(out)
    for record in mrrc.MARCReader(str(MARC4J / "brkrtest.mrc")):
        writer.write(record)
    assert out.getvalue() == (MARC4J / "brkrtest.mrk").read_bytes()


def test_the_utf8_records_write_the_reference_mrk8_but_for_its_blank_lines_and_leader_lengths():
    out = io.BytesIO()
    writer = MrkWriter(out)
    for record in mrrc.MARCReader(str(MARC4J / "brkrtest_UTF8.mrc")):
        writer.write(record)
    written = out.getvalue().decode("utf-8").split("\r\n")
    reference = collapse_blank_lines((MARC4J / "brkrtest.mrk8").read_bytes().decode("utf-8")).split("\r\n")
    assert len(written) == len(reference)
    differing = [(ours, theirs) for ours, theirs in zip(written, reference) if ours != theirs]
    # the reference's leaders keep the MARC-8 file's record lengths (00-04) in 5 of the 8 records
    assert len(differing) == 5
    for ours, theirs in differing:
        assert ours.startswith("=LDR  ") and ours[11:] == theirs[11:]


def test_records_read_from_the_mrk8_write_it_back_but_for_its_extra_blank_lines():
    reference = (MARC4J / "brkrtest.mrk8").read_bytes().decode("utf-8")
    out = io.StringIO()
    writer = MrkWriter(out)
    for record in MrkReader(MARC4J / "brkrtest.mrk8"):
        writer.write(record)
    assert out.getvalue() != reference
    assert out.getvalue() == collapse_blank_lines(reference)


@pytest.mark.parametrize("mrk, mrc", PAIRS)
def test_text_to_records_to_text_to_records(mrk, mrc):
    first = list(MrkReader(MARC4J / mrk))
    text = "\n".join(record_to_mrk(record) for record in first)
    second = list(MrkReader(text.encode("utf-8")))
    assert [record_to_mrk(r) for r in second] == [record_to_mrk(r) for r in first]
    assert [r.as_marc() for r in second] == [r.as_marc() for r in first]


def test_a_tag_with_a_blank_round_trips():
    record = make_record(LEADER_UTF8, data_field("x", tag="0 2"))
    assert record_to_mrk(record).endswith("=0 2  \\\\$ax\n")
    assert read_one(record_to_mrk(record))["0 2"]["a"] == "x"


def test_marc8_records_of_other_scripts_round_trip():
    # Cyrillic and Greek (G0 escapes), CJK (multibyte), Hebrew
    values = ["Москва", "Ωμέγα", "中文", "עברית", "plain $ and { braces } and \\ backslash"]
    record = make_record(LEADER_MARC8, *(data_field(v) for v in values))
    text = record_to_mrk(record)
    assert text.isascii()
    assert "{esc}" in text
    assert [f["a"] for f in read_one(text).get_fields("500")] == values


# -- every mnemonic ---------------------------------------------------------------------------------------------

ANSEL_NAMES = sorted(name for name, byte in BREAKER_MNEMONICS.items() if byte[0] >= 0x80)
# MARC-8 decoding (pymarc's, as MARCReader's) drops the joiners (C1 controls 8D, 8E)
DROPPED_BY_MARC8_DECODING = {"joiner", "nonjoin"}


@pytest.mark.parametrize("name", sorted(BREAKER_MNEMONICS))
def test_each_mnemonic_reads_as_its_marc8_byte(name):
    if name == "esc":  # an escape sequence: ESC s (back to Basic Latin) reads as nothing
        assert mrk_value("x{esc}sy") == "xy"
        return
    expected = marc8_to_unicode(b"x" + BREAKER_MNEMONICS[name] + b"y")
    assert mrk_value("x{" + name + "}y") == expected
    assert len(expected) >= 2


@pytest.mark.parametrize("name", sorted(BREAKER_UNICODE))
def test_each_mnemonic_reads_as_its_unicode_character_in_mrk8(name):
    value = mrk_value("x{" + name + "}y", LEADER_UTF8)
    if name in COMBINING:  # written before its base, as in MARC-8: placed after it
        assert value == "xy" + BREAKER_UNICODE[name]
    else:
        assert value == "x" + BREAKER_UNICODE[name] + "y"


@pytest.mark.parametrize("name", ANSEL_NAMES)
def test_each_ansel_mnemonic_is_written_and_read_back(name):
    if name in DROPPED_BY_MARC8_DECODING:
        assert mrk_value("x{" + name + "}y") == "xy" == marc8_to_unicode(b"x" + BREAKER_MNEMONICS[name] + b"y")
        return
    base = "e" if name in COMBINING else ""
    value = marc8_to_unicode(BREAKER_MNEMONICS[name] + base.encode("ascii"))
    text = record_to_mrk(make_record(LEADER_MARC8, data_field(value)))
    assert "$a{" + name + "}" + base + "\n" in text
    assert mrk_value(text.split("$a", 1)[1].rstrip("\n")) == value


@pytest.mark.parametrize("name", sorted(ALIAS_MNEMONICS))
def test_each_entity_alias_reads_in_both_encodings(name):
    assert mrk_value("{" + name + "}") == marc8_to_unicode(ALIAS_MNEMONICS[name])
    if name not in ("zwj", "zwnj"):  # the joiners, which MARC-8 decoding drops
        assert mrk_value("{" + name + "}") == unicodedata.normalize("NFC", ALIAS_UNICODE[name])
    assert mrk_value("{" + name + "}", LEADER_UTF8) == ALIAS_UNICODE[name]


def test_the_table_covers_lcs_ansel_characters():
    assert BREAKER_MNEMONICS["acute"] == b"\xe2" and BREAKER_UNICODE["acute"] == "\u0301"
    assert BREAKER_MNEMONICS["Lstrok"] == b"\xa1" and BREAKER_UNICODE["Lstrok"] == "Ł"
    assert ALIAS_MNEMONICS["eacute"] == b"\xe2e" and ALIAS_UNICODE["eacute"] == "é"
    assert {"dollar", "lcub", "rcub", "bsol", "esc", "uml", "cedil", "grave"} <= set(BREAKER_MNEMONICS)
    assert len(ANSEL_NAMES) == 67  # 63 graphic characters, the 2004 eszett and euro, 2 joiners


def test_diacritics_precede_their_letter_and_read_as_nfc():
    assert mrk_value("d{acute}esir{acute}ee") == "désirée"
    assert mrk_value("S{hooka}{ohorn}") == "Sở"
    assert mrk_value("d{acute}esir{acute}ee", LEADER_UTF8) == "de\u0301sire\u0301e"
    text = record_to_mrk(make_record(LEADER_MARC8, data_field("Löwenbräu, Łódź")))
    assert "$aL{uml}owenbr{uml}au, {Lstrok}{acute}od{acute}z\n" in text


# -- $, braces, backslashes, code points -------------------------------------------------------------------------


def test_dollar_sign_and_subfield_delimiter():
    record = read_one(f"=LDR  {LEADER_MARC8}\n=020  \\\\$a0777000008 :$c{{dollar}}35.99\n")
    assert record["020"].subfields == [mrrc.Subfield("a", "0777000008 :"), mrrc.Subfield("c", "$35.99")]
    for leader in (LEADER_MARC8, LEADER_UTF8):
        text = record_to_mrk(make_record(leader, data_field("$35.99", tag="020", code="c")))
        assert text.endswith("=020  \\\\$c{dollar}35.99\n")
        assert read_one(text)["020"]["c"] == "$35.99"


def test_backslash_is_a_blank_in_indicators_and_control_fields_and_itself_in_subfields():
    text = f"=LDR  {LEADER_MARC8}\n=001  tes96000001\\\n=008  960221s1955\\\\\\\\dcu\n=856  2\\$d\\pub\\marc\n"
    record = read_one(text)
    assert record["001"].data == "tes96000001 "
    assert record["008"].data == "960221s1955    dcu"
    assert record["856"].indicators == mrrc.Indicators("2", " ")
    assert record["856"]["d"] == "\\pub\\marc"
    assert record_to_mrk(record) == text
    for leader in (LEADER_MARC8, LEADER_UTF8):
        with_backslash = make_record(leader, mrrc.Field("001", data="a\\b c"))
        assert record_to_mrk(with_backslash).endswith("=001  a{bsol}b\\c\n")
        assert read_one(record_to_mrk(with_backslash))["001"].data == "a\\b c"


def test_leader_blanks_may_be_written_as_backslashes():
    record = read_one("=LDR  00000nam\\\\2200000\\a\\4500\n=245  10$aTitle\n")
    assert str(record.leader) == LEADER_MARC8


def test_curly_braces():
    assert mrk_value("({lcub}) and ({rcub})") == "({) and (})"
    assert mrk_value("{lcub}text{rcub}") == "{text}"
    assert mrk_value("({) and (}) and {text}", LEADER_UTF8) == "({) and (}) and {text}"
    # MARC-8: always {lcub}/{rcub}; UTF-8: only a "{" that would read as a mnemonic
    assert record_to_mrk(make_record(LEADER_MARC8, data_field("{text}"))).endswith("$a{lcub}text{rcub}\n")
    assert record_to_mrk(make_record(LEADER_UTF8, data_field("{text}"))).endswith("$a{text}\n")
    for leader in (LEADER_MARC8, LEADER_UTF8):
        literal = "literal {acute}, {dollar}, {U+00E9} and {zilch}"
        text = record_to_mrk(make_record(leader, data_field(literal)))
        assert read_one(text)["500"]["a"] == literal


def test_unknown_mnemonics_and_character_references_are_data():
    assert mrk_value("{zilch} &zilch; &#x4E00;") == "{zilch} &zilch; &#x4E00;"
    assert mrk_value("{zilch} &#x4E00;", LEADER_UTF8) == "{zilch} &#x4E00;"


def test_code_points():
    assert mrk_value("caf{U+00E9}") == "café"
    assert mrk_value("caf{U+00e9} {U+1F600}", LEADER_UTF8) == "café \U0001f600"
    thai = make_record(LEADER_MARC8, data_field("ก ok"))  # no MARC-8 form
    text = record_to_mrk(thai)
    assert text.endswith("$a{U+0E01} ok\n")
    assert read_one(text)["500"]["a"] == "ก ok"
    assert record_to_mrk(make_record(LEADER_UTF8, data_field("ก"))).endswith("$aก\n")


def test_hexadecimal_byte_mnemonics_in_marc8():
    assert mrk_value("{E2}e") == "é"
    assert mrk_value("x{E2}e", LEADER_UTF8) == "x{E2}e"  # not a mnemonic in UTF-8 text


def test_escape_sequences_are_written_as_esc():
    text = record_to_mrk(make_record(LEADER_MARC8, data_field("x\u2082")))  # subscript two
    assert text.endswith("$ax{esc}b2{esc}s\n")
    assert mrk_value("x{esc}b2{esc}s") == "x\u2082"


# -- encodings, writer ----------------------------------------------------------------------------------------


def test_leader_position_09_decides_unless_an_encoding_is_given():
    utf8_bytes = "é".encode("utf-8")  # C3 A9: two ANSEL bytes in MARC-8
    marc8 = read_one(f"=LDR  {LEADER_MARC8}\n=500  \\\\$a".encode("ascii") + utf8_bytes + b"\n")
    assert marc8["500"]["a"] == marc8_to_unicode(utf8_bytes)
    forced = read_one(f"=LDR  {LEADER_MARC8}\n=500  \\\\$a".encode("ascii") + utf8_bytes + b"\n", encoding="utf-8")
    assert forced["500"]["a"] == "é"
    assert mrk_value("{acute}e", LEADER_UTF8, encoding="marc8") == "é"
    with pytest.raises(ValueError):
        MrkReader(b"", encoding="latin-1")


def test_record_to_mrk_with_an_encoding_sets_leader_09():
    record = make_record(LEADER_UTF8, data_field("é"))
    text = record_to_mrk(record, encoding="marc8")
    assert text.startswith(f"=LDR  {LEADER_MARC8}\n") and "$a{acute}e" in text
    assert read_one(text)["500"]["a"] == "é"
    assert record_to_mrk(make_record(LEADER_MARC8, data_field("é")), encoding="utf-8").endswith("$aé\n")


def test_writer_line_ends_and_handles():
    record = make_record(LEADER_UTF8, mrrc.Field("001", data="x"))
    text_out = io.StringIO()
    MrkWriter(text_out, newline="\n").write(record)
    assert text_out.getvalue() == f"=LDR  {LEADER_UTF8}\n=001  x\n\n"
    binary_out = io.BytesIO()
    writer = MrkWriter(binary_out)
    writer.write(record)
    writer.write(record)
    assert binary_out.getvalue() == f"=LDR  {LEADER_UTF8}\r\n=001  x\r\n\r\n".encode("ascii") * 2
    writer.close()
    assert binary_out.closed


def test_reader_sources_comments_and_blank_lines(tmp_path):
    text = f"\n\n# a comment\n=LDR  {LEADER_UTF8}\n=001  one\n\n\n\n=LDR  {LEADER_UTF8}\r\n=001  two\r\n"
    path = tmp_path / "records.mrk8"
    path.write_text(text, encoding="utf-8")
    for source in (path, str(path), text.encode("utf-8"), io.BytesIO(text.encode("utf-8")), io.StringIO(text)):
        assert [r["001"].data for r in MrkReader(source)] == ["one", "two"]
    with_bom = b"\xef\xbb\xbf" + text.encode("utf-8")
    assert [r["001"].data for r in MrkReader(with_bom)] == ["one", "two"]
    assert list(MrkReader(b"")) == []


# -- malformed lines ----------------------------------------------------------------------------------------------

BAD = [
    ("=LDR  00000nam a2200000 a 4500\n500  \\\\$ax\n", 2, 'start with "="'),
    ("=LDR  00000nam a2200000 a 4500\n=50\n", 2, "three printable ASCII characters"),
    (b"=LDR  00000nam a2200000 a 4500\n=5\xc3\xa90  \\\\$ax\n", 2, "three printable ASCII characters"),
    ("=LDR  00000nam a2200000 a 4500\n=500\\\\$ax\n", 2, "two spaces"),
    ("=LDR  00000nam a2200000 a 4500\n=001  x\n=500  \\\n", 3, "two indicators"),
    ("=LDR  00000nam a2200000 a 4500\n=500  \\\\ax\n", 2, 'must start with "$"'),
    ("=LDR  00000nam a2200000 a 4500\n=500  \\\\$a$$b\n", 2, "without a subfield code"),
    ("\n=001  x\n=LDR  00000nam a2200000 a 4500\n", 2, "=LDR"),
    ("=LDR  00000nam a2200000 a 450\n", 1, "23 characters"),
    (b"=LDR  00000nam a2200000 a 4500\n=500  \\\\$a\xff\n", 2, "not UTF-8"),
    ("=LDR  00000nam  2200000 a 4500\n=500  \\\\$a{esc}$\n", 2, "cannot read"),  # escape cut off
]


@pytest.mark.parametrize("text, line_number, message", BAD)
def test_malformed_lines_raise_with_their_line_number(text, line_number, message):
    good = f"=LDR  {LEADER_UTF8}\n=001  fine\n\n\n"  # a good record first: numbers count every line
    data = good.encode("utf-8") + (text.encode("utf-8") if isinstance(text, str) else text)
    reader = MrkReader(data)
    assert next(reader)["001"].data == "fine"
    with pytest.raises(MrkError) as caught:
        next(reader)
    assert caught.value.line_number == line_number + 4
    assert f"line {line_number + 4}: " in str(caught.value)
    assert message in str(caught.value)
    assert isinstance(caught.value, mrrc.PymarcException) and isinstance(caught.value, ValueError)


def corpus_records():
    """Every record MARCReader yields from the binary files of tests/data (up to a fatal error in a file)."""
    for path in binary_files():
        reader = iter(mrrc.MARCReader(str(path)))
        while True:
            try:
                record = next(reader)
            except StopIteration:
                break
            except Exception:  # a file that stops the reader: its earlier records count
                break
            if record is not None:
                yield path.name, record


def test_every_corpus_record_round_trips_through_mrk(capsys):
    count = 0
    for name, record in corpus_records():
        text = record_to_mrk(record)
        back = read_one(text)
        assert str(back.leader) == str(record.leader), name
        assert [str(f) for f in back.fields] == [str(f) for f in record.fields], name
        count += 1
    assert count > 1000
