"""Writing commands (dump, convert, filter, grep) on several cores: an ISO
2709 file is cut into pieces at record boundaries, each piece is read and
written by its own process (with the library's reader and writer), and the
pieces' outputs are joined in file order. The result is exactly the
sequential one:

- A piece starts just after a record terminator (0x1D) followed by five
  digits. If the sequential reading would not have started a record there,
  the piece before it ends in the middle of a record (TruncatedRecord at
  its end): then the whole job is run again sequentially.
- A fatal error in a piece ends the reading there, as it would have: the
  pieces after it are dropped.
- Problems are reported with the record index and byte offset of the whole
  file, in file order, once all the pieces are done.
- Each piece's output is its writer's bytes without the document's header
  and footer (``<collection>``, ``[``...``]``); pieces are joined with the
  writer's separator between records (``,`` for JSON, a blank line for text).

Used only on Linux (fork), with ``--processes`` above 1, for files of at
least ``MIN_BYTES`` (32 MiB; the environment variable
``MRRC_PARALLEL_MIN_BYTES`` changes it, which the tests use to split small
files).
"""

import io
import logging
import mmap
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import warnings

from mrrc.cli.inputs import FileError, Messages, Problem, ReaderStderr, is_fatal
from mrrc.cli.outputs import STDOUT, document, make_writer
from mrrc.exceptions import TruncatedRecord
from mrrc.reader import MARCReader

MIN_BYTES = int(os.environ.get("MRRC_PARALLEL_MIN_BYTES", 32 << 20))  # smaller files: one process
SEPARATORS = {"json": b",", "text": b"\n"}


def available(item, processes):
    """Whether this input can be split across `processes` processes."""
    return (processes > 1 and sys.platform.startswith("linux") and item.format == "marc" and item.stream is None
            and item.size is not None and item.size >= max(MIN_BYTES, 1))


def boundaries(path, size, pieces):
    """Offsets where pieces start (0 first), each just after a 0x1D that is
    followed by five digits, near equal shares of the file."""
    starts = [0]
    with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        for k in range(1, pieces):
            at = max(size * k // pieces, starts[-1] + 1)
            while True:
                end = data.find(b"\x1d", at - 1)
                if end < 0 or end + 1 >= size:
                    return starts
                if data[end + 1:end + 6].isdigit():
                    starts.append(end + 1)
                    break
                at = end + 2
    return starts


def _piece(path, start, end, to_format, encoding, keep, write_record, out_path, results):
    """One piece, in a child process: read [start, end), write its records
    to out_path, and send back (items, problems, messages, fatal, safe)."""
    items, problems, fatal, safe = 0, [], False, True
    messages = Messages()
    logger = logging.getLogger("pymarc")
    logger.addHandler(messages)
    logger.propagate = False
    warnings.simplefilter("always")
    warnings.showwarning = messages.warning
    sys.stderr = ReaderStderr(sys.stderr, messages)  # pymarc's MARC-8 messages, told with their record
    told = []
    try:
        with _Range(path, start, end) as piece, open(out_path, "wb") as out:
            writer, text = make_writer(to_format, out, encoding) if write_record is None else (None, None)
            write = writer.write if writer is not None else None
            reader = MARCReader(piece, threads=1)
            for record in reader:
                if messages.texts:
                    told.extend((items, text_) for text_ in messages.take())
                if record is None:
                    error = reader.current_exception
                    fatal = is_fatal(error)
                    if isinstance(error, TruncatedRecord) or _reads_to_the_end(reader.current_chunk):
                        safe = False  # the sequential reading may not have cut the file here
                    problems.append((items, type(error).__name__, str(error), getattr(error, "byte_offset", None),
                                     fatal))
                elif keep is None or keep(record):
                    if write is not None:
                        write(record)
                    else:
                        write_record(out, record)
                items += 1
            reader.close()
            if writer is not None:
                writer.close(close_fh=False)
                if text is not None:
                    text.flush()
                    text.detach()
        results.send((items, problems, told, fatal, safe))
    except BaseException as error:  # noqa: BLE001 - the parent runs the job again sequentially
        results.send(("failed", repr(error)))
    finally:
        results.close()


class _Range(io.RawIOBase):
    """Bytes [start, end) of a file, read as a file (so memory stays bounded)."""

    def __init__(self, path, start, end):
        super().__init__()
        self._file = open(path, "rb", buffering=0)  # noqa: SIM115 - closed by close()
        self._file.seek(start)
        self._left = end - start

    def readable(self):
        return True

    def readinto(self, buffer):
        size = min(len(buffer), self._left)
        if size <= 0:
            return 0
        got = self._file.readinto(memoryview(buffer)[:size])
        self._left -= got
        return got

    def close(self):
        self._file.close()
        super().close()


def _reads_to_the_end(chunk):
    """A record length below 5: pymarc reads the rest of the stream as that record."""
    try:
        return chunk is not None and int(chunk[:5]) < 5
    except ValueError:
        return False


def run(item, processes, to_format, encoding, keep, destination, on_problem, write_record=None, framing=None):
    """Write the records of `item` (an ISO 2709 path) kept by `keep` (None:
    all) to `destination` (a binary stream) in `to_format`, on `processes`
    processes, and return how many items were read. Returns False, having
    written nothing, when the sequential reading must be used instead.
    `write_record(out, record)` replaces the format's writer (then
    `framing` gives its header, separator and footer)."""
    starts = boundaries(item.name, item.size, processes)
    if len(starts) < 2:
        return False
    if framing is None:
        footer = _footer(to_format)
        empty = document(to_format, [], encoding)
        header, separator = empty[:len(empty) - len(footer)], SEPARATORS.get(to_format, b"")
    else:
        header, separator, footer = framing
    context = multiprocessing.get_context("fork")
    directory = tempfile.mkdtemp(prefix="mrrc-")
    pieces = []  # (child, its result pipe, its output file, its first byte)
    try:
        for number, (start, end) in enumerate(zip(starts, starts[1:] + [item.size])):
            receive, send = context.Pipe(duplex=False)
            out_path = os.path.join(directory, f"piece-{number}")
            child = context.Process(target=_piece, args=(item.name, start, end, to_format, encoding, keep,
                                                          write_record, out_path, send), daemon=True)
            child.start()
            send.close()
            pieces.append((child, receive, out_path, start))
        outcomes = []
        for child, receive, _, _ in pieces:
            try:
                outcomes.append(receive.recv())
            except EOFError:
                outcomes.append(("failed", "no result"))
            child.join()
        if any(outcome[0] == "failed" for outcome in outcomes):
            return False
        for number, outcome in enumerate(outcomes):
            fatal, safe = outcome[3], outcome[4]
            if number < len(outcomes) - 1 and not safe:
                return False  # a piece did not end where the sequential reading would have: not split
            if fatal:
                outcomes = outcomes[:number + 1]  # the sequential reading stops there too
                break
        if hasattr(signal, "SIGPIPE"):  # a closed pipe raises BrokenPipeError here, so the pieces are removed
            signal.signal(signal.SIGPIPE, signal.SIG_IGN)
        destination.write(header)
        wrote = False
        index = 0
        for (items, problems, told, _, _), (_, _, out_path, start) in zip(outcomes, pieces):
            said = [(local, 1, Problem(item.label, index + local, error, message,
                                       byte_offset=None if offset is None else start + offset, fatal=stops))
                    for local, error, message, offset, stops in problems]
            said += [(local, 0, text) for local, text in told]
            for local, kind, what in sorted(said, key=lambda entry: entry[:2]):
                if kind:
                    on_problem(what)
                else:
                    item._tell(index + local, None, what)
            index += items
            if _copy_body(out_path, destination, len(header), len(footer), wrote and separator):
                wrote = True
        destination.write(footer)
        return index
    finally:
        if hasattr(signal, "SIGPIPE"):
            signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        for child, receive, _, _ in pieces:
            if child.is_alive():
                child.kill()
                child.join()
            receive.close()
        shutil.rmtree(directory, ignore_errors=True)


def _footer(to_format):
    return {"xml": b"</collection>", "json": b"]"}.get(to_format, b"")


def _copy_body(out_path, destination, skip_start, skip_end, separator):
    """Copy a piece's output without the document's header and footer
    (after `separator`, if it has any records); False when it has none."""
    size = os.path.getsize(out_path) - skip_start - skip_end
    if size <= 0:
        return False
    if separator:
        destination.write(separator)
    with open(out_path, "rb") as handle:
        handle.seek(skip_start)
        remaining = size
        while remaining:
            piece = handle.read(min(remaining, 1 << 20))
            if not piece:
                break
            destination.write(piece)
            remaining -= len(piece)
    return True


def write_to(output):
    """The binary stream for OUTPUT (stdout or a new file), and whether to close it."""
    if output == STDOUT:
        return sys.stdout.buffer, False
    try:
        return open(output, "wb"), True  # noqa: SIM115 - closed by the caller
    except OSError as error:
        raise FileError(f"{output}: {error.strerror or error}") from None
