"""MarcEdit's mnemonic text (.mrk, .mrk8), beyond pymarc: read and write.

MarcEdit's MARCBreaker writes one line per field and a blank line after each
record::

    =LDR  00833nam  2200217 a 4500
    =001  tes96000008\\
    =008  960221s1955\\\\\\\\dcuabcdjdbkoqu001\\0dspa\\d
    =020  \\\\$a0777000008 :$c{dollar}35.99

- ``=LDR  `` then the leader as it is (blanks as spaces; ``\\`` read as a blank too);
- ``=TAG  `` then the data of a control field (tags below 010), ``\\`` for a blank;
- ``=TAG  `` then two indicators (``\\`` for a blank) and ``$``-separated
  subfields for the rest; a backslash in subfield data is itself;
- ``{name}`` mnemonics for characters (``{dollar}`` for a real ``$``,
  ``{lcub}``/``{rcub}``, ``{bsol}``, ``{esc}``, the ANSEL diacritics and
  special characters of the Library of Congress MARCMaker/MARCBreaker table,
  ``mrrc.mrk_mnemonics``), ``{XX}`` (two upper-case hex digits) for any other
  MARC-8 byte, and ``{U+XXXX}`` for a character MARC-8 cannot write.

A record whose leader position 09 is blank is MARC-8 (``.mrk``): the line's
bytes, with mnemonics turned back into MARC-8 bytes, are decoded as mrrc's
MARCReader decodes MARC-8 (pymarc's results, NFC). Position 09 ``a`` is UTF-8
(``.mrk8``): the line is UTF-8 text and mnemonics stand for Unicode
characters (a diacritic mnemonic goes after the character it precedes, as
MARC-8 writes diacritics first). Either way the records hold Unicode ``str``
values, as records read from ISO 2709 do. ``encoding="marc8"`` or ``"utf-8"``
forces one reading for every record.

Unknown ``{names}`` and ``&#x...;`` character references are data, kept as
written (MARC-8's lossless-conversion references are not expanded by
MARCReader either). Lines beginning ``#`` are comments (MarcEdit's).

    for record in MrkReader("records.mrk"):
        print(record.title)
"""

import io
import os
import re
import unicodedata

from mrrc._core import marc8_encode
from mrrc.exceptions import PymarcException
from mrrc.field import Field, Indicators, Subfield
from mrrc.leader import Leader
from mrrc.marc8 import MARC8ToUnicode
from mrrc.mrk_mnemonics import (
    ALIAS_MNEMONICS,
    ALIAS_UNICODE,
    BREAKER_MNEMONICS,
    BREAKER_UNICODE,
    COMBINING,
)
from mrrc.record import Record

__all__ = ["MrkError", "MrkReader", "MrkWriter", "record_to_mrk"]

_MNEMONIC_BYTES = re.compile(rb"\{(U\+[0-9A-Fa-f]{4,6}|[0-9A-F]{2}|[A-Za-z][A-Za-z0-9]*)\}")
_MNEMONIC_TEXT = re.compile(r"\{(U\+[0-9A-Fa-f]{4,6}|[A-Za-z][A-Za-z0-9]*)\}")
_ESCAPE = 0x1B
_ANSEL = 0x45
_NAME_OF_BYTE = {value[0]: name for name, value in BREAKER_MNEMONICS.items()}


class MrkError(PymarcException, ValueError):
    """A .mrk line that cannot be read; ``line_number`` counts from 1."""

    def __init__(self, message, line_number=None, line=None):
        self.line_number = line_number
        self.line = line
        where = f"line {line_number}: " if line_number is not None else ""
        shown = f": {line!r}" if line is not None else ""
        super().__init__(f"{where}{message}{shown}")


def _mode(encoding, leader):
    """True for UTF-8 reading, False for MARC-8."""
    if encoding is None:
        return leader[9:10] == "a"
    name = str(encoding).lower().replace("-", "").replace("_", "")
    if name in ("utf8", "unicode"):
        return True
    if name == "marc8":
        return False
    raise ValueError(f"encoding is None (leader 09 decides), 'marc8' or 'utf-8', not {encoding!r}")


# -- reading -------------------------------------------------------------------


def _code_point(name):
    point = int(name[2:], 16)
    if point > 0x10FFFF or 0xD800 <= point <= 0xDFFF:
        return None
    return chr(point)


def _marc8_value(data, control):
    """Unicode for a MARC-8 .mrk value (bytes): mnemonics to MARC-8 bytes,
    decoded as MARCReader decodes one subfield (a fresh converter, NFC)."""
    pieces = []  # bytes to decode, or str kept as it is ({U+XXXX})
    position = 0
    for match in _MNEMONIC_BYTES.finditer(data):
        literal = data[position:match.start()]
        pieces.append(literal.replace(b"\\", b" ") if control else literal)
        name = match.group(1).decode("ascii")
        if name in BREAKER_MNEMONICS:
            pieces.append(BREAKER_MNEMONICS[name])
        elif name in ALIAS_MNEMONICS:
            pieces.append(ALIAS_MNEMONICS[name])
        elif name.startswith("U+") and _code_point(name) is not None:
            pieces.append(_code_point(name))
        elif len(name) == 2 and all(c in "0123456789ABCDEF" for c in name):
            pieces.append(bytes([int(name, 16)]))  # LoC's {XX}: any MARC-8 byte
        else:
            pieces.append(match.group(0))  # not a mnemonic: data
        position = match.end()
    tail = data[position:]
    pieces.append(tail.replace(b"\\", b" ") if control else tail)
    converter = MARC8ToUnicode()
    text = []
    run = b""
    for piece in pieces:
        if isinstance(piece, bytes):
            run += piece
            continue
        if run:
            text.append(converter.translate(run))
            run = b""
        text.append(piece)
    if run:
        text.append(converter.translate(run))
    return unicodedata.normalize("NFC", "".join(text))


def _utf8_value(data, control):
    """Unicode for a UTF-8 .mrk8 value (str): mnemonics to characters; a
    diacritic mnemonic is placed after the character that follows it."""
    out = []
    pending = []  # diacritic mnemonics waiting for their base character

    def emit(text):
        for char in text:
            out.append(char)
            if pending and not unicodedata.combining(char):
                out.extend(pending)
                pending.clear()

    position = 0
    for match in _MNEMONIC_TEXT.finditer(data):
        literal = data[position:match.start()]
        emit(literal.replace("\\", " ") if control else literal)
        name = match.group(1)
        if name in COMBINING:
            pending.append(BREAKER_UNICODE[name])
        elif name in BREAKER_UNICODE:
            emit(BREAKER_UNICODE[name])
        elif name in ALIAS_UNICODE:
            emit(ALIAS_UNICODE[name])
        elif name.startswith("U+") and _code_point(name) is not None:
            emit(_code_point(name))
        else:
            emit(match.group(0))
        position = match.end()
    tail = data[position:]
    emit(tail.replace("\\", " ") if control else tail)
    out.extend(pending)
    return "".join(out)


def _parse_record(lines, encoding):
    """A Record from its (line number, line bytes) pairs."""
    number, first = lines[0]
    if first[:6] != b"=LDR  " and first[:5] != b"=LDR ":
        raise MrkError("a record must start with its =LDR line", number, first.decode("utf-8", "replace"))
    try:
        leader_text = first[6:].decode("ascii") if first[5:6] == b" " else first[5:].decode("ascii")
    except UnicodeDecodeError:
        raise MrkError("the leader is not ASCII", number, first.decode("utf-8", "replace")) from None
    leader_text = leader_text.replace("\\", " ")
    if len(leader_text) != 24:
        raise MrkError(f"the leader has {len(leader_text)} characters, not 24", number, first.decode("ascii"))
    utf8 = _mode(encoding, leader_text)
    record = Record()
    record.leader = Leader(leader_text)
    for number, line in lines[1:]:
        record.add_field(_parse_field(number, line, utf8))
    return record


def _parse_field(number, line, utf8):
    shown = line.decode("utf-8", "replace")
    if line[:1] != b"=":
        raise MrkError('a field line must start with "="', number, shown)
    try:
        tag = line[1:4].decode("ascii")
    except UnicodeDecodeError:
        tag = ""
    if len(tag) != 3 or not tag.isprintable():
        raise MrkError("a tag must be three printable ASCII characters", number, shown)
    if line[4:6] == b"  ":
        data = line[6:]
    elif line[4:5] == b" ":
        data = line[5:]
    else:
        raise MrkError("the tag must be followed by two spaces", number, shown)
    if utf8:
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise MrkError(f"not UTF-8 (byte {error.start + 6})", number, shown) from None
        value_of, dollar, empty = _utf8_value, "$", ""
    else:
        value_of, dollar, empty = _marc8_value, b"$", b""
    try:
        if tag < "010" and tag.isdigit():
            return Field(tag, data=value_of(data, True))
        if len(data) < 2:
            raise MrkError("a data field needs two indicators", number, shown)
        indicators = data[:2] if utf8 else data[:2].decode("ascii")
        indicators = indicators.replace("\\", " ")
        rest = data[2:]
        if rest and rest[:1] != dollar:
            raise MrkError('the subfields must start with "$" after the indicators', number, shown)
        subfields = []
        for piece in rest[1:].split(dollar) if rest else []:
            if piece == empty:
                raise MrkError('a "$" without a subfield code', number, shown)
            code = piece[:1] if utf8 else piece[:1].decode("latin-1")
            subfields.append(Subfield(code, value_of(piece[1:], False)))
        return Field(tag, indicators=Indicators(indicators[0], indicators[1]), subfields=subfields)
    except MrkError:
        raise
    except (UnicodeDecodeError, TypeError, ValueError) as error:
        raise MrkError(f"cannot read the field ({error})", number, shown) from error


class MrkReader:
    """Records from MarcEdit .mrk/.mrk8 text: a path, bytes, or a file object
    (binary, or text, which is taken as UTF-8). Records are read one at a
    time; a line that cannot be read raises ``MrkError`` (with
    ``line_number``) when its record is reached. ``encoding``: ``None``
    (leader position 09 decides, per record), ``"marc8"`` or ``"utf-8"``."""

    def __init__(self, source, encoding=None):
        _mode(encoding, " " * 24)  # reject a wrong name now
        self.encoding = encoding
        self._owned = False
        if isinstance(source, (bytes, bytearray, memoryview)):
            self.file_handle = io.BytesIO(bytes(source))
        elif isinstance(source, (str, os.PathLike)):
            self.file_handle = open(source, "rb")  # noqa: SIM115 - closed by close() or at the end
            self._owned = True
        else:
            self.file_handle = source
        self._lines = self._numbered_lines()

    def _numbered_lines(self):
        for number, line in enumerate(self.file_handle, start=1):
            if isinstance(line, str):
                line = line.encode("utf-8")
            if number == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]  # a byte order mark, as Windows editors write
            yield number, line.rstrip(b"\r\n")

    def __iter__(self):
        return self

    def __next__(self):
        lines = []
        for number, line in self._lines:
            if not line.strip():
                if lines:
                    break
                continue
            if line[:1] == b"#":
                continue
            lines.append((number, line))
        if not lines:
            self.close()
            raise StopIteration
        return _parse_record(lines, self.encoding)

    def close(self):
        if self._owned:
            self.file_handle.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


# -- writing -------------------------------------------------------------------


def _marc8_pieces(value):
    """MARC-8 bytes for value, with each character MARC-8 cannot write kept as str."""
    pieces = []
    rest = value
    while rest:
        try:
            pieces.append(marc8_encode(rest))
            break
        except UnicodeEncodeError as error:
            if error.start:
                pieces.append(marc8_encode(rest[:error.start]))
            pieces.append(rest[error.start])
            rest = rest[error.start + 1:]
    return pieces


def _marc8_mnemonics(data, control):
    """.mrk text for MARC-8 bytes, as LoC's MARCBreaker writes them; high
    bytes get ANSEL mnemonics only while ANSEL is the G1 set."""
    out = []
    g1 = _ANSEL
    index = 0
    while index < len(data):
        byte = data[index]
        if byte == _ESCAPE:
            # ESC ) F / ESC - F / ESC $ ) F / ESC $ - F designate G1
            tail = data[index + 1:index + 4]
            if tail[:1] in (b")", b"-") and len(tail) >= 2:
                g1 = tail[1]
            elif tail[:1] == b"$" and tail[1:2] in (b")", b"-") and len(tail) >= 3:
                g1 = tail[2]
            out.append("{esc}")
        elif byte == 0x20 and control:
            out.append("\\")
        elif byte == 0x5C and not control:
            out.append("\\")
        elif byte >= 0x80 and g1 != _ANSEL:
            out.append(f"{{{byte:02X}}}")
        elif byte in _NAME_OF_BYTE:
            out.append("{" + _NAME_OF_BYTE[byte] + "}")
        elif 0x20 <= byte < 0x7F:
            out.append(chr(byte))
        else:
            out.append(f"{{{byte:02X}}}")
        index += 1
    return "".join(out)


def _marc8_text(value, control):
    text = []
    for piece in _marc8_pieces(value):
        if isinstance(piece, str):
            text.append(f"{{U+{ord(piece):04X}}}")
        else:
            text.append(_marc8_mnemonics(piece, control))
    return "".join(text)


def _reads_as_mnemonic(value, index):
    """Whether the "{" at value[index] would be read as the start of a mnemonic."""
    match = _MNEMONIC_TEXT.match(value, index)
    if not match:
        return False
    name = match.group(1)
    return name in BREAKER_UNICODE or name in ALIAS_UNICODE or (name.startswith("U+") and _code_point(name) is not None)


def _utf8_text(value, control):
    """.mrk8 text for a value: UTF-8 characters as they are; {dollar} for "$";
    "{" as {lcub} only where it would otherwise read as a mnemonic."""
    out = []
    for index, char in enumerate(value):
        if char == "$":
            out.append("{dollar}")
        elif char == "{" and _reads_as_mnemonic(value, index):
            out.append("{lcub}")
        elif char == "\x1b":
            out.append("{esc}")
        elif control and char == " ":
            out.append("\\")
        elif control and char == "\\":
            out.append("{bsol}")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"{{U+{ord(char):04X}}}")
        else:
            out.append(char)
    return "".join(out)


def record_to_mrk(record, encoding=None):
    """The .mrk text of one record: one line per field, each ended by "\\n"
    (no blank line after it). ``encoding``: ``None`` (leader position 09
    decides: blank gives MARC-8 mnemonics, ``a`` UTF-8 text), ``"marc8"`` or
    ``"utf-8"``, which also set leader position 09 (blank or ``a``) so the
    text reads back the same way."""
    leader = str(record.leader)
    if encoding is not None:
        utf8 = _mode(encoding, leader)
        leader = leader[:9] + ("a" if utf8 else " ") + leader[10:]
    else:
        utf8 = _mode(None, leader)
    text_of = _utf8_text if utf8 else _marc8_text
    lines = [f"=LDR  {leader}"]
    for field in record.fields:
        if field.is_control_field():
            lines.append(f"={field.tag}  {text_of(field.data or '', True)}")
            continue
        indicators = "".join(" " if i is None else i for i in (field.indicator1, field.indicator2))
        parts = [f"={field.tag}  {indicators.replace(' ', chr(92))}"]
        for code, value in field.subfields:
            parts.append(f"${code}{text_of(value, False)}")
        lines.append("".join(parts))
    return "\n".join(lines) + "\n"


class MrkWriter:
    """Writes records as MarcEdit .mrk text: each record's lines, then a blank
    line, with MarcEdit's CRLF line ends (``newline="\\n"`` for LF). ``fh``
    is a binary file (UTF-8 bytes are written; MARC-8 records give ASCII)
    or a text file. ``encoding`` as for ``record_to_mrk``."""

    def __init__(self, fh, encoding=None, newline="\r\n"):
        _mode(encoding, " " * 24)
        self.file_handle = fh
        self.encoding = encoding
        self.newline = newline
        self._text = isinstance(fh, io.TextIOBase)

    def write(self, record):
        text = (record_to_mrk(record, self.encoding) + "\n").replace("\n", self.newline)
        self.file_handle.write(text if self._text else text.encode("utf-8"))

    def close(self, close_fh=True):
        if close_fh:
            self.file_handle.close()
