"""Inputs of the command line: what format a file or stdin holds (from its
content first), and its records with every bad one described as a Problem
that names the file, the record index and the byte offset (or line)."""

import io
import json
import logging
import os
import sys
import warnings
from dataclasses import dataclass
from typing import Optional

import click

from mrrc.exceptions import FatalReaderError
from mrrc.marcjson import NDJSONReader
from mrrc.marcxml import XMLReader
from mrrc.mrk import MrkReader
from mrrc.reader import JSONReader, MARCMakerReader, MARCReader

# Every format the command line reads and writes, as named on it.
FORMATS = ("marc", "xml", "json", "ndjson", "mrk", "text")
FORMAT_HELP = ("marc: ISO 2709 (UTF-8 or MARC-8); xml: MARCXML; json: MARC-in-JSON (an array); "
               "ndjson: one MARC-in-JSON record per line; mrk: MarcEdit .mrk/.mrk8; "
               "text: pymarc's MARCMaker text (what dump prints)")
EXTENSIONS = {".mrc": "marc", ".marc": "marc", ".dat": "marc", ".usmarc": "marc", ".iso": "marc",
              ".xml": "xml", ".marcxml": "xml", ".json": "json", ".ndjson": "ndjson", ".jsonl": "ndjson",
              ".mrk": "mrk", ".mrk8": "mrk", ".txt": "text"}
SNIFF_BYTES = 1 << 16
STDIN = "-"


class FileError(click.ClickException):
    """A file that cannot be read or made, or an input whose format cannot be told: exit status 2."""

    exit_code = 2

    def format_message(self):
        return self.message

    def show(self, file=None):
        tell(f"mrrc: {self.message}")


class ReaderStderr:
    """sys.stderr while records are read: what a reader writes there (pymarc's
    MARC-8 messages) becomes messages about the record being read, told with
    its file and index; the command line's own lines go to the real stderr
    (``tell``)."""

    def __init__(self, real, messages):
        self.real = real
        self.messages = messages
        self._line = ""

    def write(self, text):
        self._line += text
        *lines, self._line = self._line.split("\n")
        self.messages.texts.extend(line for line in lines if line.strip())
        return len(text)

    def flush(self):
        pass

    def isatty(self):
        return self.real.isatty()

    def fileno(self):
        return self.real.fileno()


def tell(text):
    """A line of the command line's own on stderr (the real one while records are read)."""
    stream = sys.stderr
    click.echo(text, file=stream.real if isinstance(stream, ReaderStderr) else stream)


@dataclass
class Problem:
    """A record that could not be read, and where."""

    source: str
    record_index: int
    error: str  # the exception's class name, as pymarc raises it
    message: str
    byte_offset: Optional[int] = None
    line: Optional[int] = None
    fatal: bool = False  # nothing more could be read after it

    def where(self):
        place = f"{self.source}: record {self.record_index}"
        if self.byte_offset is not None:
            place += f", byte {self.byte_offset}"
        if self.line is not None:
            place += f", line {self.line}"
        return place

    def __str__(self):
        text = " ".join(self.message.split()) or "(no message)"
        return f"{self.where()}: {self.error}: {text}" + ("; reading stopped here" if self.fatal else "")

    def as_dict(self):
        return {"file": self.source, "record_index": self.record_index, "byte_offset": self.byte_offset,
                "line": self.line, "error": self.error, "message": self.message, "fatal": self.fatal}


def sniff(head: bytes, name: str = "") -> Optional[str]:
    """The format of an input from its first bytes (None when they do not
    tell); the file name's extension only settles what the content leaves open."""
    data = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    stripped = data.lstrip()
    extension = EXTENSIONS.get(os.path.splitext(name)[1].lower())
    if not stripped:
        return extension or "marc"  # an empty input: no records, whatever its name says
    first = stripped[:1]
    if first == b"<":
        return "xml"
    if first == b"[":
        return "json"
    if first == b"{":
        return "ndjson" if _first_line_is_object(stripped) else "json"
    if stripped.startswith(b"=LDR"):
        # MarcEdit writes CRLF (and mnemonics); pymarc's TextWriter writes LF.
        line_end = stripped.find(b"\n")
        if extension == "mrk" or (line_end > 0 and stripped[line_end - 1:line_end] == b"\r"):
            return "mrk"
        return "text"
    if data[:5].strip().isdigit():
        return "marc"
    return None


def _first_line_is_object(data):
    line = data.split(b"\n", 1)[0].strip()
    if not line.endswith(b"}"):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


class Input:
    """One input named on the command line: a path, or ``-`` for stdin."""

    def __init__(self, name, format=None, threads=0):
        self.name = name
        self.label = "<stdin>" if name == STDIN else name
        self.threads = threads
        self.size = None
        if name == STDIN:
            self.stream = _stdin_binary()
            head = self.stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]
        else:
            try:
                with open(name, "rb") as probe:
                    head = probe.read(SNIFF_BYTES)
                self.size = os.path.getsize(name)
            except IsADirectoryError:
                raise FileError(f"{name}: is a directory") from None
            except OSError as error:
                raise FileError(f"{name}: {error.strerror or error}") from None
            self.stream = None
        self.format = format or sniff(head, name if name != STDIN else "")
        if self.format is None:
            raise FileError(f"{self.label}: cannot tell the format from its first bytes ({head[:16]!r}); "
                             f"name it with --from ({', '.join(FORMATS)})")

    def _source(self):
        return self.stream if self.stream is not None else self.name

    def records(self, on_problem=None, progress=None, chunks=False, on_message=None, **options):
        """Each record of the input, in order; a bad one is passed to
        `on_problem` as a Problem (and skipped), as is a failure that ends
        the input. `progress`, if given, is called with (1, the item's size in
        bytes, or 0 when the format does not tell) for each item read. With
        `chunks`, yields (record, the ISO 2709 bytes it was read from, their
        offset in the input; or None, None for other formats). What the
        readers log about a record (pymarc's logger: indicators they had to
        mend, ...) goes to `on_message(record_index, byte_offset, text)`
        (default: a line on stderr naming the file and record). `options` go
        to MARCReader."""
        messages = Messages()
        logger = logging.getLogger("pymarc")
        logger.addHandler(messages)
        propagate, logger.propagate = logger.propagate, False
        real_stderr = sys.stderr
        sys.stderr = proxy = ReaderStderr(real_stderr, messages)
        try:
            with warnings.catch_warnings():  # BadSubfieldCodeWarning and the like, told with their record
                warnings.simplefilter("always")
                warnings.showwarning = messages.warning
                yield from self._records(on_problem, progress, chunks, on_message or self._tell, messages, options)
        finally:
            if sys.stderr is proxy:
                sys.stderr = real_stderr
            logger.removeHandler(messages)
            logger.propagate = propagate

    def _tell(self, record_index, byte_offset, text):
        place = f", byte {byte_offset}" if byte_offset is not None else ""
        tell(f"mrrc: {self.label}: record {record_index}{place}: {' '.join(text.split())}")

    def _records(self, on_problem, progress, chunks, on_message, messages, options):
        index = 0
        try:
            reader = self._open(options)
        except Exception as error:  # noqa: BLE001 - a document read whole when its reader is made
            if on_problem is not None:
                on_problem(self._problem(0, error, fatal=True))
            return
        marc = self.format == "marc"
        texts = messages.texts
        position = 0  # ISO 2709 items follow one another: each starts where the last ended
        chunk = start = None
        try:
            iterator = iter(reader)
            while True:
                try:
                    for record in iterator:  # the loop every command runs: kept short
                        if progress is not None:
                            progress(1, _iso2709_size(reader, record) if marc else 0)
                        if chunks and marc:
                            chunk = reader.current_chunk
                            start, position = position, position + len(chunk or b"")
                        if texts:
                            for text in messages.take():
                                on_message(index, start, text)
                        if record is None:
                            error = getattr(reader, "current_exception", None)
                            problem = self._problem(index, error, fatal=is_fatal(error))
                            if on_problem is not None:
                                on_problem(problem)
                        elif chunks:
                            yield record, chunk, start
                        else:
                            yield record
                        index += 1
                    for text in messages.take():  # said after the last record
                        on_message(max(index - 1, 0), None, text)
                    return
                except Exception as error:  # noqa: BLE001 - a reader that raises: reported, with where
                    problem = self._problem(index, error, fatal=self.format in ("xml", "json"))
                    index += 1
                    if on_problem is not None:
                        on_problem(problem)
                    if problem.fatal:
                        return
        finally:
            close = getattr(reader, "close", None)
            if close is not None:
                close()

    def _open(self, options):
        source = self._source()
        if self.format == "marc":
            return MARCReader(source, threads=self.threads if self.stream is None else None, **options)
        if self.format == "xml":
            return XMLReader(source)
        if self.format == "json":
            return JSONReader(source)  # read whole when made, as pymarc's
        if self.format == "ndjson":
            return NDJSONReader(source)
        if self.format == "mrk":
            return MrkReader(source)
        if self.stream is not None:
            source = io.TextIOWrapper(source, encoding="utf-8")
        return MARCMakerReader(source)  # "text": read whole when made, as pymarc's

    def _problem(self, index, error, fatal):
        if error is None:
            return Problem(self.label, index, "Error", "the record could not be read", fatal=fatal)
        offset = getattr(error, "byte_offset", None)
        line = getattr(error, "line_number", None)
        if line is None and hasattr(error, "getLineNumber"):  # xml.sax.SAXParseException
            line = error.getLineNumber()
        if line is None and isinstance(error, json.JSONDecodeError):
            line = error.lineno
        index = getattr(error, "record_index", index)
        return Problem(self.label, index, type(error).__name__, str(error), byte_offset=offset, line=line,
                       fatal=fatal)


class Messages(logging.Handler):
    """What the library logs while a record is read, kept until it is yielded."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.texts = []

    def emit(self, record):
        self.texts.append(record.getMessage())

    def warning(self, message, category, *rest, **options):
        self.texts.append(f"{category.__name__}: {message}")

    def take(self):
        texts = self.texts[:]
        self.texts.clear()  # in place: the reading loop holds this list
        return texts


def is_fatal(error):
    """Whether reading stopped after this error (pymarc's FatalReaderError)."""
    return isinstance(error, FatalReaderError)


def _iso2709_size(reader, record):
    """The bytes an ISO 2709 item took: its leader's record length, or the chunk read."""
    if record is not None:
        try:
            return int(str(record.leader)[:5])
        except ValueError:
            pass
    chunk = reader.current_chunk
    return len(chunk) if chunk else 0


def _stdin_binary():
    stream = sys.stdin.buffer
    if not hasattr(stream, "peek"):
        stream = io.BufferedReader(stream)
    return stream


def open_inputs(names, format=None, threads=0):
    """Input objects for the names given (stdin when there are none), each
    checked now so that a missing file fails before any output is written."""
    names = list(names) or [STDIN]
    if names.count(STDIN) > 1:
        raise click.UsageError("stdin (-) can be named only once")
    return [Input(name, format, threads) for name in names]
