"""Columnar extraction (beyond pymarc): chosen parts of every record, addressed
as MARC paths (``245$a``, ``008/07-10``, ``650|*0|$a*``), extracted in C++ on
N threads without the GIL, straight into Arrow columns.

    import mrrc
    table = mrrc.to_arrow("records.mrc", ["001", "245$abnp", "008/07-10", "650$a*"], threads=4)
    frame = mrrc.to_pandas("records.mrc", {"id": "001", "title": "245$a"})

The grammar, and what is null, empty or an empty list: docs/dataframes.md.
Results go out through the Arrow C data interface (``__arrow_c_stream__``), so
pyarrow, polars and duckdb read them without copies; pyarrow, pandas and
polars are optional (``pip install mrrc[arrow]``) and imported only when asked for.
"""

import io
import os
import warnings
from collections import namedtuple

from mrrc._core import ExtractionCore, check_column_spec
from mrrc.exceptions import PymarcException

__all__ = [
    "ColumnSpecError",
    "Extraction",
    "ExtractionError",
    "ExtractionWarning",
    "SkippedRecord",
    "extract",
    "to_arrow",
    "to_pandas",
    "to_parquet",
    "to_polars",
]

DEFAULT_BATCH_RECORDS = 8192
GROUP_RECORDS = 10_000  # records of a MARCXML or MARC-in-JSON file converted at a time

SkippedRecord = namedtuple("SkippedRecord", "source record_index byte_offset error message")
SkippedRecord.__doc__ = """A record left out of a table: which input (0-based), its index in that input,
the byte offset of the problem, the error's name (as the reader reports it) and a message."""


class ColumnSpecError(PymarcException, ValueError):
    """A column specification that does not follow the grammar; ``position`` is where."""

    def __init__(self, spec, position, reason):
        self.spec = spec
        self.position = position
        self.reason = reason
        super().__init__(f"column {spec!r}, position {position}: {reason}\n    {spec}\n    {' ' * position}^")

    def __str__(self):
        return self.args[0]


class ExtractionError(PymarcException, ValueError):
    """A record could not be read (``errors="raise"``); ``skipped`` says which."""

    def __init__(self, skipped):
        self.skipped = skipped
        self.record_index = skipped.record_index
        self.byte_offset = skipped.byte_offset
        super().__init__(_describe(skipped))

    def __str__(self):
        return self.args[0]


class ExtractionWarning(UserWarning):
    """Records were skipped (``errors="warn"``, the default)."""


def _describe(s):
    where = f", byte {s.byte_offset}" if s.byte_offset is not None else ""
    return f"input {s.source}, record {s.record_index}{where}: {s.error} ({s.message})"


def _columns(columns):
    """(names, specs) from a list of specs (each its own name), a single spec or a {name: spec} dict."""
    if isinstance(columns, str):
        columns = [columns]
    if isinstance(columns, dict):
        names, specs = [str(name) for name in columns], list(columns.values())
    else:
        specs = list(columns)
        names = [str(spec) for spec in specs]
    if not specs:
        raise ValueError("no columns: name at least one, as in ['001', '245$a']")
    if len(set(names)) != len(names):
        raise ValueError(f"column names must be unique: {names}")
    for spec in specs:
        if not isinstance(spec, str):
            raise TypeError(f"a column spec is a str such as '245$a', not {type(spec).__name__}")
        problem = check_column_spec(spec)
        if problem is not None:
            raise ColumnSpecError(spec, *problem)
    return names, specs


def _record_bytes(record):
    """A record's ISO 2709 bytes as pymarc's as_marc() writes them, leaving the
    record as it was (as_marc() sets leader position 9 to 'a')."""
    leader = record.leader
    original = str(leader)
    try:
        return record.as_marc()
    finally:
        if isinstance(leader, str) or len(original) < 10:
            record.leader = leader
        else:
            leader.coding_scheme = original[9]


class _Converted:
    """A MARCXML or MARC-in-JSON file: its records are read by mrrc's reader for
    the format and extracted from their as_marc() bytes, GROUP_RECORDS at a time
    (so memory stays bounded). Records the reader or ISO 2709 cannot give are
    reported as skipped."""

    def __init__(self, path, kind, data=None):
        self.path = path
        self.kind = kind
        self.data = data  # JSON Lines only: the lines themselves (a part of the file, as mrrc.dask reads one)

    def reader(self):
        if self.kind == "xml":
            from mrrc.marcxml import XMLReader

            return XMLReader(self.path)
        if self.kind == "json":
            from mrrc.reader import JSONReader

            return JSONReader(self.path)
        from mrrc.marcjson import NDJSONReader

        return NDJSONReader(self.path if self.data is None else self.data)

    def chunks(self, source, skipped):
        """Yield (ISO 2709 bytes, the reader's index of each record in them); append
        a SkippedRecord to `skipped` for each record left out."""
        reader = self.reader()
        pieces, indices, index = [], [], 0
        for record in reader:
            if record is None:
                error = getattr(reader, "current_exception", None)
                skipped.append(SkippedRecord(source, index, None, type(error).__name__, str(error)))
            else:
                try:
                    pieces.append(_record_bytes(record))
                    indices.append(index)
                except PymarcException as error:  # beyond ISO 2709's limits
                    skipped.append(SkippedRecord(source, index, None, type(error).__name__, str(error)))
            index += 1
            if len(pieces) >= GROUP_RECORDS:
                yield b"".join(pieces), indices
                pieces, indices = [], []
        if pieces:
            yield b"".join(pieces), indices


_TEXT_FORMATS = {".xml": "xml", ".json": "json", ".ndjson": "ndjson", ".jsonl": "ndjson"}


def _is_record(item):
    return hasattr(item, "as_marc") and hasattr(item, "leader")


def _inputs(source):
    """The inputs the C++ stream reads: paths (str) and bytes, in order."""
    if isinstance(source, _Converted):
        return [source]
    if isinstance(source, (str, os.PathLike)):
        path = os.fsdecode(os.fspath(source))
        kind = _TEXT_FORMATS.get(os.path.splitext(path)[1].lower())
        return [_Converted(path, kind) if kind else path]
    if isinstance(source, bytes):
        return [source]
    if isinstance(source, io.BytesIO):
        return [bytes(source.getbuffer()[source.tell():])]
    if isinstance(source, (bytearray, memoryview)) or (not hasattr(source, "read") and _is_buffer(source)):
        return [bytes(memoryview(source))]
    if hasattr(source, "read"):
        data = source.read()  # a file object is read whole: give a path for bounded memory
        if not isinstance(data, (bytes, bytearray)):
            raise TypeError("a file object must be opened in binary mode ('rb')")
        return [bytes(data)]
    if _is_record(source):
        return [_record_bytes(source)]
    try:
        items = iter(source)
    except TypeError:
        raise TypeError(f"cannot read MARC from {type(source).__name__}: give a path, bytes, a binary file, "
                        f"records, or a list of these") from None
    inputs, records = [], []
    for item in items:
        if item is None:
            continue  # a reader's bad record: its reader reported it
        if _is_record(item):
            records.append(_record_bytes(item))
            continue
        if records:
            inputs.append(b"".join(records))
            records = []
        inputs.extend(_inputs(item))
    if records:
        inputs.append(b"".join(records))
    return inputs


def _is_buffer(obj):
    try:
        memoryview(obj)
    except TypeError:
        return False
    return True


def _groups(inputs, skipped):
    """The inputs in groups, each read by one C++ stream: [(input, source index,
    the reader's record indices or None)]. Binary inputs go together; a
    converted file gives one group per chunk, made when the group is reached."""
    plain = []
    for source, item in enumerate(inputs):
        if not isinstance(item, _Converted):
            plain.append((item, source, None))
            continue
        if plain:
            yield plain
            plain = []
        for data, indices in item.chunks(source, skipped):
            yield [(data, source, indices)]
    if plain or not inputs:
        yield plain


def _total_bytes(inputs):
    total = 0
    for item in inputs:
        if isinstance(item, _Converted):
            return None  # progress counts ISO 2709 bytes, not the file's
        if isinstance(item, bytes):
            total += len(item)
        else:
            try:
                total += os.path.getsize(item)
            except OSError:
                return None
    return total


class Extraction:
    """The table of `columns` for every record of `source`, made batch by batch.

    Hand it to any Arrow library (``pyarrow.table(x)``, ``polars.DataFrame(x)``,
    ``duckdb.sql("select * from x")``: the ``__arrow_c_stream__`` protocol), or
    iterate it for ``pyarrow.RecordBatch`` objects. ``skipped`` lists the records
    left out so far. An Extraction is read once.
    """

    def __init__(self, source, columns, *, threads=1, force_utf8=False, errors="warn", progress=False,
                 batch_records=DEFAULT_BATCH_RECORDS):
        if errors not in ("warn", "raise", "ignore"):
            raise ValueError("errors must be 'warn', 'raise' or 'ignore'")
        self.names, self.specs = _columns(columns)
        if threads is None or threads == 0:
            threads = os.cpu_count() or 1
        if threads < 0:
            raise ValueError("threads must be 0 (one per core) or more")
        self.threads = threads
        self.errors = errors
        self._options = (threads, force_utf8, batch_records)
        self._inputs = _inputs(source)
        self._converted_skipped = []  # records the MARCXML/JSON readers could not give
        self._groups = _groups(self._inputs, self._converted_skipped)
        self._single = not any(isinstance(item, _Converted) for item in self._inputs)
        self._schema_core = ExtractionCore(self.specs, self.names, [])
        self._done = []  # (skipped, progress) of the groups read
        self._core = self._mapping = None
        self._next_group()
        self._progress = progress
        self._reported = 0
        self._finished = False

    def _next_group(self):
        """Start the C++ stream of the next group of inputs; False when there is none."""
        if self._core is not None:
            self._done.append((self._group_skipped(), self._core.progress))
        group = next(self._groups, None)
        if group is None:
            self._core = None
            return False
        self._mapping = [(source, indices) for _, source, indices in group]
        self._core = ExtractionCore(self.specs, self.names, [item for item, _, _ in group], *self._options)
        return True

    def _group_skipped(self):
        out = []
        for source, index, offset, error, message in self._core.skipped:
            original, indices = self._mapping[source]
            if indices is not None:  # from a converted file: its reader's numbering
                index, offset = indices[index], None
            out.append(SkippedRecord(original, index, offset, error, message))
        return out

    # -- Arrow ----------------------------------------------------------------------------
    def __arrow_c_schema__(self):
        return self._schema_core.schema()

    def __arrow_c_stream__(self, requested_schema=None):
        """The whole table as an ArrowArrayStream; ``skipped`` fills as the consumer reads.
        (Errors are then only reported through ``skipped``: a foreign consumer reads the stream.)
        Tables from MARCXML or MARC-in-JSON files go through pyarrow."""
        if self._single:
            return self._core.export_stream()
        pa = _require("pyarrow", "pyarrow")
        reader = pa.RecordBatchReader.from_batches(self.schema(), (pa.record_batch(b) for b in self.batches()))
        return reader.__arrow_c_stream__(requested_schema)

    def batches(self):
        """Yield each record batch as an object with ``__arrow_c_array__`` (no pyarrow needed)."""
        bar = self._progress_bar()
        try:
            while self._core is not None:
                batch = self._core.next_batch()
                self._check_skipped()
                if bar is not None:
                    bar.update(self.progress[2] - bar.n)
                if batch is None:
                    self._next_group()
                    continue
                yield batch
            if bar is not None and bar.total:
                bar.update(bar.total - bar.n)  # the input is done with (a fatal error may end it early)
            self._finish()
        finally:
            if bar is not None:
                bar.close()

    def __iter__(self):
        pa = _require("pyarrow", "pyarrow")
        for batch in self.batches():
            yield pa.record_batch(batch)

    def schema(self):
        """The table's pyarrow schema."""
        return _require("pyarrow", "pyarrow").schema(self)

    # -- what was left out ------------------------------------------------------------------
    @property
    def skipped(self):
        """A SkippedRecord for each record left out so far, in input order."""
        out = [s for group, _ in self._done for s in group]
        if self._core is not None:
            out += self._group_skipped()
        out += self._converted_skipped
        return sorted(out, key=lambda s: (s.source, s.record_index)) if self._converted_skipped else out

    @property
    def progress(self):
        """(records read, rows made, bytes read) so far."""
        parts = [p for _, p in self._done] + ([self._core.progress] if self._core is not None else [])
        return tuple(sum(p[i] for p in parts) for i in range(3))

    def report(self):
        """After an Arrow consumer has read the whole stream: raise or warn about
        skipped records as ``errors`` asks (batches() does this by itself)."""
        self._check_skipped()
        self._finish()

    def _check_skipped(self):
        if self.errors == "raise":
            skipped = self.skipped
            if len(skipped) > self._reported:
                self.close()
                raise ExtractionError(skipped[self._reported])

    def _finish(self):
        if self._finished:
            return
        self._finished = True
        skipped = self.skipped
        if skipped and self.errors == "warn":
            shown = "; ".join(_describe(s) for s in skipped[:3])
            more = f" (and {len(skipped) - 3} more)" if len(skipped) > 3 else ""
            warnings.warn(f"{len(skipped)} record(s) skipped: {shown}{more}; see Extraction.skipped",
                          ExtractionWarning, stacklevel=4)

    def _progress_bar(self):
        if not self._progress:
            return None
        try:
            from tqdm.auto import tqdm
        except ImportError:
            raise ImportError("progress=True needs tqdm: pip install tqdm (or mrrc[arrow])") from None
        return tqdm(total=_total_bytes(self._inputs), unit="B", unit_scale=True, desc="extracting")

    def close(self):
        """Stop reading (joins the C++ threads)."""
        if self._core is not None:
            self._core.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


def _require(module, package):
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise ImportError(f"this needs {package}: pip install {package} (or mrrc[arrow])") from None


def extract(source, columns, **options):
    """An Extraction of `columns` from `source` (see Extraction)."""
    return Extraction(source, columns, **options)


def to_arrow(source, columns, *, threads=1, force_utf8=False, errors="warn", progress=False):
    """A pyarrow Table with one column per spec and one row per good record.

    `source`: a path, bytes (or another buffer), a binary file object (read whole), records,
    or a list of these. `columns`: specs (each names its column) or {name: spec}.
    `threads`: worker threads (0: one per core); the table is the same for any number.
    `errors`: what to do about records that cannot be read: "warn" (skip, then one
    ExtractionWarning), "raise" (ExtractionError), "ignore" (skip; see Extraction.skipped).
    """
    pa = _require("pyarrow", "pyarrow")
    extraction = Extraction(source, columns, threads=threads, force_utf8=force_utf8, errors=errors,
                            progress=progress)
    schema = extraction.schema()
    batches = list(extraction)
    return pa.Table.from_batches(batches, schema=schema)


def to_pandas(source, columns, *, threads=1, force_utf8=False, errors="warn", progress=False, **to_pandas_options):
    """A pandas DataFrame (through pyarrow): strings are str or None, lists are lists."""
    table = to_arrow(source, columns, threads=threads, force_utf8=force_utf8, errors=errors, progress=progress)
    return table.to_pandas(**to_pandas_options)


def to_polars(source, columns, *, threads=1, force_utf8=False, errors="warn", progress=False):
    """A polars DataFrame, read from the Arrow stream without pyarrow (with
    ``progress=True``, through pyarrow)."""
    pl = _require("polars", "polars")
    if progress:
        return pl.from_arrow(to_arrow(source, columns, threads=threads, force_utf8=force_utf8, errors=errors,
                                      progress=True))
    extraction = Extraction(source, columns, threads=threads, force_utf8=force_utf8, errors=errors)
    frame = pl.DataFrame(extraction)
    extraction.report()
    return frame


def to_parquet(source, dest, columns, *, threads=1, force_utf8=False, errors="warn", progress=False,
               **parquet_options):
    """Write the table to a Parquet file batch by batch (bounded memory, whatever the input's size).
    Returns the Extraction (``progress``, ``skipped``)."""
    pa = _require("pyarrow", "pyarrow")
    import pyarrow.parquet as pq

    extraction = Extraction(source, columns, threads=threads, force_utf8=force_utf8, errors=errors,
                            progress=progress)
    with pq.ParquetWriter(dest, extraction.schema(), **parquet_options) as writer:
        for batch in extraction.batches():
            writer.write_batch(pa.record_batch(batch))
    return extraction
