"""MARC files on a Dask cluster (beyond pymarc; ``pip install mrrc[dask]``).

A large ISO 2709 file is cut into blocks of ``blocksize`` bytes, one task
each; every task reads the whole records that start in its block, and the
seams between blocks are checked (mrrc/byte_ranges.py, docs/dask.md), so the
result is exactly the sequential reader's: same records, same order, the same
Nones (a fatal error's None last), with record indexes and byte offsets
relative to the whole file. JSON Lines files are split between lines in the same way
(mrrc/line_ranges.py, with the file's line numbers); MARCXML and MARC-in-JSON
documents are read one file per task (docs/dask.md says why).

    import mrrc.dask
    bag = mrrc.dask.read_marc("s3://bucket/catalogue/*.mrc", blocksize="64MiB")
    titles = bag.filter(None).map(lambda r: r.title).compute()
    frame = mrrc.dask.to_dataframe("catalogue.mrc", {"id": "001", "title": "245$a"})

Paths go through fsspec: local paths, globs, lists of paths and any store
whose fsspec backend is installed (``s3://`` with s3fs, ``gs://`` with gcsfs).
"""

import copyreg
import json
import os
import shutil
import tempfile
from collections import namedtuple

try:
    import dask
    import dask.bag
    from fsspec.core import get_fs_token_paths
    from fsspec.implementations.local import LocalFileSystem
    from fsspec.utils import infer_compression
except ImportError as error:  # pragma: no cover - the message is the point
    raise ImportError("mrrc.dask needs dask and fsspec: pip install 'mrrc[dask]'") from error

from mrrc import byte_ranges, line_ranges
from mrrc.oversized import scan_mode

__all__ = ["DEFAULT_BLOCKSIZE", "read_marc", "to_dataframe", "to_parquet"]

DEFAULT_BLOCKSIZE = "64MiB"
_FORMATS = {".xml": "xml", ".json": "json", ".ndjson": "ndjson", ".jsonl": "ndjson"}
_READER_OPTIONS = {"to_unicode", "force_utf8", "hide_utf8_warnings", "utf8_handling", "file_encoding", "permissive",
                   "oversized"}


def _rebuild_error(cls, args, attributes):
    error = cls(*args)
    error.__dict__.update(attributes)
    return error


def _reduce_decode_error(error):
    return _rebuild_error, (type(error), error.args, dict(error.__dict__))


def _reduce_json_error(error):
    return _rebuild_error, (type(error), (error.msg, error.doc, error.pos), dict(error.__dict__))


def _keep_decode_errors_whole():
    """Errors cross processes with what mrrc set on them (record_index, line_number,
    path): dask.distributed installs tblib's pickling for every exception class,
    which rebuilds a UnicodeDecodeError without its arguments (its message comes
    out empty), and json.JSONDecodeError pickles its message alone. Set again
    in each task, since a worker process imports distributed first."""
    copyreg.pickle(UnicodeDecodeError, _reduce_decode_error)
    copyreg.pickle(json.JSONDecodeError, _reduce_json_error)


_keep_decode_errors_whole()

# One input file as the tasks see it (picklable: fsspec file systems are).
_Source = namedtuple("_Source", "fs path size format compression index")


def _sources(urlpath, format, compression, storage_options):
    fs, _, paths = get_fs_token_paths(urlpath, mode="rb", storage_options=storage_options)
    if not paths:
        raise FileNotFoundError(f"no file matches {urlpath!r}")
    sources = []
    for index, path in enumerate(paths):
        file_compression = infer_compression(path) if compression == "infer" else compression
        name = path
        if file_compression is not None:
            name = os.path.splitext(path)[0]  # records.xml.gz is MARCXML
        file_format = format or _FORMATS.get(os.path.splitext(name)[1].lower(), "marc")
        if file_format not in ("marc", "xml", "json", "ndjson"):
            raise ValueError(f"format must be 'marc', 'xml', 'json' or 'ndjson', not {file_format!r}")
        sources.append(_Source(fs, path, fs.size(path), file_format, file_compression, index))
    return sources


def _blocksize(blocksize):
    if blocksize is None:
        return None
    if isinstance(blocksize, str):
        blocksize = dask.utils.parse_bytes(blocksize)
    if not isinstance(blocksize, int) or blocksize < 1:
        raise ValueError(f"blocksize must be a positive number of bytes (or None: one partition per file), "
                         f"not {blocksize!r}")
    return blocksize


def _range_reader(source):
    fs, path = source.fs, source.path

    def read(offset, length):
        with fs.open(path, "rb") as f:
            f.seek(offset)
            return f.read(length)

    return read


def _summarise(source, begin, end, oversized):
    if isinstance(source.fs, LocalFileSystem):
        with byte_ranges.mapped_reader(source.path) as read:
            return byte_ranges.summarise(read, source.size, begin, end, oversized=oversized)
    return byte_ranges.summarise(_range_reader(source), source.size, begin, end, oversized=oversized)


def _plan(source, oversized, *summaries):
    ranges, _ = byte_ranges.plan(summaries, _range_reader(source), source.size, oversized=oversized)
    return ranges


def _split(source, blocksize, oversized=False):
    """Delayed RecordRanges of an ISO 2709 file, one per block, and their count."""
    cuts = byte_ranges.blocks(source.size, blocksize)
    summarise = dask.delayed(_summarise, pure=True)
    # Keys name everything a result depends on: two bags of one file with other
    # block sizes must never share a summary or a plan on the scheduler.
    summaries = [summarise(source, begin, end, oversized,
                           dask_key_name=f"mrrc-seams-{dask.base.tokenize(source, begin, end, oversized)}")
                 for begin, end in cuts]
    plan = dask.delayed(_plan, pure=True)(source, oversized, *summaries,
                                          dask_key_name=f"mrrc-plan-{dask.base.tokenize(source, oversized, cuts)}")
    return plan, len(cuts)


def _summarise_lines(source, begin, end):
    return line_ranges.summarise(_range_reader(source), source.size, begin, end)


def _plan_lines(source, *summaries):
    return line_ranges.plan(summaries, source.size)


def _split_lines(source, blocksize):
    """Delayed LineRanges of a JSON Lines file, one per block, and their count."""
    cuts = byte_ranges.blocks(source.size, blocksize)
    summarise = dask.delayed(_summarise_lines, pure=True)
    summaries = [summarise(source, begin, end,
                           dask_key_name=f"mrrc-lines-{dask.base.tokenize(source, begin, end)}")
                 for begin, end in cuts]
    plan = dask.delayed(_plan_lines, pure=True)(source, *summaries,
                                                dask_key_name=f"mrrc-line-plan-{dask.base.tokenize(source, cuts)}")
    return plan, len(cuts)


def _read_lines_part(source, ranges, number, count, keep_errors, reader_options):
    _keep_decode_errors_whole()
    line_range = _planned_range(ranges, number, count)
    return line_ranges.read_range(_range_reader(source), line_range, keep_errors=keep_errors, path=source.path,
                                  permissive=reader_options.get("permissive", True))


def _whole_bytes(source):
    with source.fs.open(source.path, "rb", compression=source.compression) as f:
        return f.read()


class _LocalCopy:
    """A local path holding the file's (decompressed) content: the file itself when
    it is local and not compressed, else a temporary copy removed afterwards."""

    def __init__(self, source):
        self.source = source
        self.tmpdir = None

    def __enter__(self):
        source = self.source
        if isinstance(source.fs, LocalFileSystem) and source.compression is None:
            return source.path
        self.tmpdir = tempfile.mkdtemp(prefix="mrrc-dask-")
        suffix = {"xml": ".xml", "json": ".json", "ndjson": ".ndjson", "marc": ".mrc"}[source.format]
        copy = os.path.join(self.tmpdir, "input" + suffix)
        with source.fs.open(source.path, "rb", compression=source.compression) as f, open(copy, "wb") as out:
            shutil.copyfileobj(f, out, 1 << 20)
        return copy

    def __exit__(self, *exc_info):
        if self.tmpdir is not None:
            shutil.rmtree(self.tmpdir, ignore_errors=True)


def _text_items(source, keep_errors, reader_options):
    """The records of a MARCXML or MARC-in-JSON file, as its reader gives them."""
    with _LocalCopy(source) as path:
        if source.format == "xml":
            from mrrc.marcxml import XMLReader

            options = {k: v for k, v in reader_options.items() if k in ("strict", "normalize_form")}
            with XMLReader(path, **options) as reader:
                return list(reader)
        if source.format == "json":
            from mrrc.reader import JSONReader

            return list(JSONReader(path, **reader_options))
        from mrrc.marcjson import NDJSONReader

        reader = NDJSONReader(path, permissive=reader_options.get("permissive", True))
        items = []
        for record in reader:
            if record is None and keep_errors:
                error = reader.current_exception
                error.path = source.path
                items.append(error)
            else:
                items.append(record)
        return items


def _planned_range(ranges, number, count):
    if len(ranges) != count:  # a plan made for other blocks: never read it
        raise RuntimeError(f"mrrc.dask: a plan of {len(ranges)} ranges for {count} partitions")
    return ranges[number]


def _read_part(source, ranges, number, count, keep_errors, reader_options):
    _keep_decode_errors_whole()
    record_range = _planned_range(ranges, number, count)
    return byte_ranges.read_range(_range_reader(source), record_range, keep_errors=keep_errors, path=source.path,
                                  **reader_options)


def _read_whole(source, keep_errors, reader_options):
    _keep_decode_errors_whole()
    if source.format != "marc":
        return _text_items(source, keep_errors, reader_options)
    data = _whole_bytes(source)
    read = lambda offset, length: data[offset:offset + length]  # noqa: E731
    oversized = scan_mode(reader_options.get("oversized"))
    (whole,), _ = byte_ranges.plan([byte_ranges.summarise(read, len(data), 0, len(data), oversized=oversized)],
                                   read, len(data), oversized=oversized)
    return byte_ranges.read_range(read, whole, keep_errors=keep_errors, path=source.path, **reader_options)


def _check_errors(errors):
    if errors not in ("none", "keep"):
        raise ValueError(f"errors must be 'none' (None for a bad record, as MARCReader gives it) or 'keep' "
                         f"(the exception in its place), not {errors!r}")
    return errors == "keep"


def read_marc(urlpath, blocksize=DEFAULT_BLOCKSIZE, *, format=None, compression="infer", errors="none",
              storage_options=None, **reader_options):
    """A dask.bag of the records of `urlpath` (a path, a glob, a URL fsspec knows, or a list of
    these), in file order: for each file, exactly what MARCReader (or XMLReader, JSONReader,
    NDJSONReader) gives over it.

    `blocksize`: bytes per partition of an ISO 2709 or JSON Lines file ("64MiB", an int; None:
    one partition per file). Compressed files and MARCXML/MARC-in-JSON documents are one
    partition each.
    `format`: "marc", "xml", "json" or "ndjson" (default: from the extension; ISO 2709 otherwise).
    `errors`: "none" — a bad record is None, as MARCReader gives it (a fatal error, a truncated
    file say, is a last None); "keep" — the exception the reader stored takes the None's place,
    with ``record_index`` and ``byte_offset`` relative to the whole file and ``path``.
    `reader_options`: MARCReader's (to_unicode, force_utf8, utf8_handling, file_encoding,
    hide_utf8_warnings, permissive, oversized: with "scan", the blocks are split and their
    seams checked as oversized reading delimits records, and ``record.oversized`` gives the
    record's index and offset in the whole file); XMLReader's (strict, normalize_form) for MARCXML.
    """
    keep_errors = _check_errors(errors)
    size = _blocksize(blocksize)
    unknown = set(reader_options) - _READER_OPTIONS - {"strict", "normalize_form"}
    if unknown:
        raise TypeError(f"read_marc() got unexpected options: {', '.join(sorted(unknown))}")
    oversized = scan_mode(reader_options.get("oversized"))  # ValueError for anything but None and "scan"
    parts = []
    for source in _sources(urlpath, format, compression, storage_options):
        if source.format == "marc":
            options = {k: v for k, v in reader_options.items() if k in _READER_OPTIONS}
        else:
            options = {k: v for k, v in reader_options.items() if k != "oversized"}  # ISO 2709 only
        if source.format == "ndjson" and source.compression is None and size is not None:
            plan, count = _split_lines(source, size)
            read = dask.delayed(_read_lines_part, pure=True)
            parts.extend(read(source, plan, number, count, keep_errors, options) for number in range(count))
            continue
        if source.format != "marc" or source.compression is not None or size is None:
            parts.append(dask.delayed(_read_whole, pure=True)(source, keep_errors, options))
            continue
        plan, count = _split(source, size, oversized)
        read = dask.delayed(_read_part, pure=True)
        parts.extend(read(source, plan, number, count, keep_errors, options) for number in range(count))
    return dask.bag.from_delayed(parts)


# -- tables ----------------------------------------------------------------------------------------


def _relocate_skipped(skipped, first_index, start, source):
    offset = skipped.byte_offset
    return skipped._replace(source=source.index, record_index=skipped.record_index + first_index,
                            byte_offset=None if offset is None or start is None else offset + start)


def _extract(source, data_or_path, first_index, start, columns, options):
    """One partition's table as pandas, skipped records put in terms of the whole file."""
    import warnings

    from mrrc import columns as mrrc_columns

    errors = options.get("errors", "warn")
    extraction = mrrc_columns.Extraction(data_or_path, columns, **{**options, "errors": "ignore"})
    table = _table(extraction)
    skipped = [_relocate_skipped(s, first_index, start, source) for s in extraction.skipped]
    if skipped and errors == "raise":
        raise mrrc_columns.ExtractionError(skipped[0])
    if skipped and errors == "warn":
        warnings.warn(f"{source.path}: {len(skipped)} records skipped; the first: "
                      f"{mrrc_columns._describe(skipped[0])}", mrrc_columns.ExtractionWarning, stacklevel=2)
    return table.to_pandas()


def _table(extraction):
    import pyarrow as pa

    return pa.Table.from_batches(list(extraction), schema=extraction.schema())


def _extract_part(source, ranges, number, count, columns, options):
    record_range = _planned_range(ranges, number, count)
    data = _range_reader(source)(record_range.start, record_range.stop - record_range.start)
    return _extract(source, data, record_range.first_index, record_range.start, columns, options)


def _extract_lines(source, ranges, number, count, columns, options):
    """A JSON Lines partition's table: its lines' records, as to_pandas() reads the whole file."""
    from mrrc.columns import _Converted

    line_range = _planned_range(ranges, number, count)
    data = byte_ranges.read_exactly(_range_reader(source), line_range.start, line_range.stop, source.path)
    return _extract(source, _Converted(source.path, "ndjson", data), line_range.first_item, None, columns, options)


def _extract_whole(source, columns, options):
    if source.format == "marc":
        return _extract(source, _whole_bytes(source), 0, 0, columns, options)
    with _LocalCopy(source) as path:
        return _extract(source, path, 0, 0, columns, options)


def to_dataframe(urlpath, columns, blocksize=DEFAULT_BLOCKSIZE, *, format=None, compression="infer",
                 force_utf8=False, errors="warn", storage_options=None):
    """A dask.dataframe of `columns` (MARC paths such as ``245$a``, ``008/07-10``: see
    docs/dataframes.md), one row per good record, partition by partition with the C++
    extraction: its rows are mrrc.to_pandas()'s over each file, in order (each partition
    has its own 0-based index, as with dask's read_csv; the dtypes are to_pandas()'s).
    `errors`: "warn" (skip bad records; the warning is given where the partition is computed),
    "ignore", or "raise": the computation stops with an ExtractionError for a bad record, its
    record index and byte offset those in the file — the first of its partition, though not
    necessarily the first of the file when several partitions hold one (they run at once; the
    bad records in file order: ``read_marc(urlpath, errors="keep")``). Other arguments as for
    read_marc.
    """
    from mrrc import columns as mrrc_columns

    mrrc_columns._require("pyarrow", "pyarrow")
    import dask.dataframe as dd

    if errors not in ("warn", "raise", "ignore"):
        raise ValueError(f"errors must be 'warn', 'raise' or 'ignore', not {errors!r}")
    names, specs = mrrc_columns._columns(columns)
    spec = dict(zip(names, specs))
    options = {"force_utf8": force_utf8, "errors": errors}
    size = _blocksize(blocksize)
    meta = _table(mrrc_columns.Extraction(b"", spec)).to_pandas()
    parts = []
    for source in _sources(urlpath, format, compression, storage_options):
        if source.format == "ndjson" and source.compression is None and size is not None:
            plan, count = _split_lines(source, size)
            extract = dask.delayed(_extract_lines, pure=True)
            parts.extend(extract(source, plan, number, count, spec, options) for number in range(count))
            continue
        if source.format != "marc" or source.compression is not None or size is None:
            parts.append(dask.delayed(_extract_whole, pure=True)(source, spec, options))
            continue
        plan, count = _split(source, size)
        extract = dask.delayed(_extract_part, pure=True)
        parts.extend(extract(source, plan, number, count, spec, options) for number in range(count))
    with dask.config.set({"dataframe.convert-string": False}):  # keep to_pandas()'s dtypes
        return dd.from_delayed(parts, meta=meta, verify_meta=False)


def to_parquet(urlpath, dest, columns, blocksize=DEFAULT_BLOCKSIZE, *, format=None, compression="infer",
               force_utf8=False, errors="warn", storage_options=None, **parquet_options):
    """Write to_dataframe(...) as a Parquet dataset at `dest` (one file per partition, named
    so that a directory listing gives them in file order: part.000.parquet ...; the columns'
    Arrow types as to_arrow()'s, no index), through dask.dataframe.to_parquet (its
    `parquet_options`), and compute it. ``pandas.read_parquet(dest)`` gives to_pandas()'s rows."""
    from mrrc import columns as mrrc_columns

    frame = to_dataframe(urlpath, columns, blocksize, format=format, compression=compression,
                         force_utf8=force_utf8, errors=errors, storage_options=storage_options)
    names, specs = mrrc_columns._columns(columns)
    # the columns' Arrow types, which an empty pandas frame cannot tell (a list column is "object")
    parquet_options.setdefault("schema", mrrc_columns.Extraction(b"", dict(zip(names, specs))).schema())
    parquet_options.setdefault("write_index", False)  # each partition's index starts at 0
    # dask names parts part.0 ... part.10, which readers that list a directory
    # (pandas, pyarrow, duckdb, polars) take in lexicographic order: pad the
    # numbers so that every reader gets the rows in file order.
    width = len(str(max(0, frame.npartitions - 1)))
    parquet_options.setdefault("name_function", lambda number: f"part.{number:0{width}d}.parquet")
    return frame.to_parquet(dest, **parquet_options)
