"""The benchmark workloads, written once against pymarc's API so every
pymarc-like library runs the same code. `lib` is the imported module."""

import io
from concurrent.futures import ThreadPoolExecutor

import corpus


def open_reader(lib, path):
    """Each library reads a path its best documented way: pymarc and rmarc need
    a binary file object; mrrc (ours and the Rust one) take the path."""
    if getattr(lib, "_BENCH_TAKES_PATH", False):
        return lib.MARCReader(str(path))
    return lib.MARCReader(open(path, "rb"))


def fields_of(record):
    fields = record.fields
    return fields() if callable(fields) else fields  # the Rust mrrc makes it a method


def subfields_of(field):
    subfields = field.subfields
    return subfields() if callable(subfields) else subfields  # a method in the Rust mrrc too


def read(lib, path):
    count = 0
    for _record in open_reader(lib, path):
        count += 1
    return count


def read_file(lib, path):
    """`read` through a binary file object the caller holds (a `with open()`
    block, as in pymarc's documentation): mrrc then keeps the file's position
    where pymarc leaves it after each record."""
    with open(path, "rb") as handle:
        return sum(1 for _ in lib.MARCReader(handle))


def extract(lib, path):
    count = 0
    for record in open_reader(lib, path):
        if record is None:
            continue
        record.title
        for field in fields_of(record):
            field.value()
        count += 1
    return count


def roundtrip(lib, path):
    count = 0
    for record in open_reader(lib, path):
        if record is not None:
            record.as_marc()
            count += 1
    return count


def load(lib, path):
    return [r for r in open_reader(lib, path) if r is not None]


def write(lib, records):
    out = io.BytesIO()
    writer = lib.MARCWriter(out)
    for record in records:
        writer.write(record)
    return len(records)


def output_path(lib, name):
    """A new scratch file beside the corpus cache, one per library and workload.
    The last repetition's file is removed first: truncating it would time the
    file system freeing its blocks (which does not scale across threads)."""
    corpus.CACHE.mkdir(parents=True, exist_ok=True)
    path = corpus.CACHE / f"out-{lib.__name__}-{name}.mrc"
    path.unlink(missing_ok=True)
    return path


def open_writer(lib, path):
    """Each library writes a file its best documented way: this project's MARCWriter
    takes the path (written by a C++ thread); the others a binary file object."""
    if getattr(lib, "_BENCH_TAKES_PATH", False) and hasattr(lib, "write_all"):
        return lib.MARCWriter(str(path))
    return lib.MARCWriter(open(path, "wb"))


def write_path(lib, records, name="write_path"):
    """Records in memory -> a file on disk, then close it."""
    writer = open_writer(lib, output_path(lib, name))
    for record in records:
        writer.write(record)
    writer.close()
    return len(records)


def write_file(lib, records):
    """Records in memory -> a binary file object (pymarc's way, for every library)."""
    with open(output_path(lib, "write_file"), "wb") as handle:
        writer = lib.MARCWriter(handle)
        for record in records:
            writer.write(record)
    return len(records)


def write_all(lib, records):
    """Records in memory -> a file with mrrc.write_all (this project only)."""
    if not hasattr(lib, "write_all"):
        raise NotImplementedError(f"{lib.__name__} offers no write_all")
    return lib.write_all(records, str(output_path(lib, "write_all")))


def roundtrip_file(lib, path):
    """Read a file and write every good record to another file, as a conversion script does."""
    writer = open_writer(lib, output_path(lib, "roundtrip_file"))
    count = 0
    for record in open_reader(lib, path):
        if record is not None:
            writer.write(record)
            count += 1
    writer.close()
    return count


def threaded_writes(lib, record_lists, threads):
    """Each list of records written to its own file, on `threads` Python threads."""
    def one(index):
        return write_path(lib, record_lists[index], f"threads_write-{index}")
    if threads == 1:
        return sum(one(i) for i in range(len(record_lists)))
    with ThreadPoolExecutor(threads) as pool:
        return sum(pool.map(one, range(len(record_lists))))


def threaded(function, lib, paths, threads):
    """Run `function` over `paths` on `threads` Python threads."""
    if threads == 1:
        return sum(function(lib, p) for p in paths)
    with ThreadPoolExecutor(threads) as pool:
        return sum(pool.map(lambda p: function(lib, p), paths))


def parallel_read(lib, path, threads=2):
    """Parse one file on several cores, where a library offers it (this
    project's MARCReader(path, threads=N); the Rust mrrc's boundary scanner +
    Rayon batch parser)."""
    if hasattr(lib, "read_all"):
        return sum(1 for _ in lib.MARCReader(str(path), threads=threads))
    if hasattr(lib, "parse_batch_parallel") and hasattr(lib, "RecordBoundaryScanner"):
        with open(path, "rb") as handle:
            buffer = handle.read()
        boundaries = lib.RecordBoundaryScanner().scan(buffer)
        return len(lib.parse_batch_parallel(boundaries, buffer))
    raise NotImplementedError(f"{lib.__name__} offers no parallel parsing of one file")


def marc8_read(lib, path):
    """Read a MARC-8 file and decode all its text to Unicode (every field's value())."""
    count = 0
    for record in open_reader(lib, path):
        if record is not None:
            for field in fields_of(record):
                field.value()
            count += 1
    return count


def xml_read(lib, path):
    """Every record of a MARCXML file as a list: parse_xml_to_array, pymarc's API."""
    return len(lib.parse_xml_to_array(str(path)))


def xml_stream(lib, path):
    """The records of a MARCXML file one at a time in bounded memory, where a
    library offers it (this project's mrrc.marcxml.XMLReader)."""
    reader = getattr(getattr(lib, "marcxml", None), "XMLReader", None)
    if reader is None:
        raise NotImplementedError(f"{lib.__name__} offers no streaming MARCXML reader")
    return sum(1 for _ in reader(str(path)))


def write_collection(writer_class, out, records):
    """Write records in memory with one of pymarc's collection writers, then close it (not `out`)."""
    writer = writer_class(out)
    for record in records:
        writer.write(record)
    writer.close(close_fh=False)
    return len(records)


def xml_write(lib, records):
    return write_collection(lib.XMLWriter, io.BytesIO(), records)


def json_read(lib, path):
    """Every record of a MARC-in-JSON array: JSONReader, pymarc's API."""
    return sum(1 for _ in lib.JSONReader(str(path)))


def ndjson_read(lib, path):
    """Newline-delimited MARC-in-JSON, where a library offers it (this project's
    mrrc.marcjson.NDJSONReader); pymarc has no reader for it."""
    reader = getattr(getattr(lib, "marcjson", None), "NDJSONReader", None)
    if reader is None:
        raise NotImplementedError(f"{lib.__name__} offers no newline-delimited MARC-in-JSON reader")
    return sum(1 for _ in reader(str(path)))


def mrk_read(lib, path):
    """Every record of a MARCMaker text file (TextWriter's form): MARCMakerReader."""
    return sum(1 for _ in lib.MARCMakerReader(str(path)))


def json_write(lib, records):
    return write_collection(lib.JSONWriter, io.StringIO(), records)


# The table of the columnar workloads: id, title, date, language, ISBNs, subjects.
TABLE_COLUMNS = {"id": "001", "title": "245$abnp", "date": "008/07-10", "language": "008/35-37",
                 "isbn": "020$a*", "subjects": "650$a*"}


def _first(record, tag):
    fields = record.get_fields(tag)
    return fields[0] if fields else None


def table_loop(lib, path):
    """The six columns of TABLE_COLUMNS built by a loop over pymarc's API (what a
    notebook does without columnar extraction), then made a pyarrow table."""
    ids, titles, dates, languages, isbns, subjects = [], [], [], [], [], []
    for record in open_reader(lib, path):
        if record is None:
            continue
        control = _first(record, "001")
        ids.append(control.data if control is not None else None)
        title = _first(record, "245")
        parts = [sf.value.strip() for sf in subfields_of(title) if sf.code in "abnp"] if title is not None else []
        titles.append(" ".join(parts) if parts else None)
        fixed = _first(record, "008")
        dates.append(fixed.data[7:11] if fixed is not None else None)
        languages.append(fixed.data[35:38] if fixed is not None else None)
        isbns.append([v for f in record.get_fields("020") for v in f.get_subfields("a")])
        subjects.append([v for f in record.get_fields("650") for v in f.get_subfields("a")])
    try:
        import pyarrow
    except ImportError:
        return len(ids)
    table = pyarrow.table({"id": ids, "title": titles, "date": dates, "language": languages, "isbn": isbns,
                           "subjects": subjects})
    return table.num_rows


def to_arrow(lib, path, threads=1):
    """The same table by columnar extraction, where a library offers it (this
    project's mrrc.to_arrow)."""
    if not hasattr(lib, "to_arrow"):
        raise NotImplementedError(f"{lib.__name__} offers no columnar extraction")
    return lib.to_arrow(str(path), TABLE_COLUMNS, threads=threads, errors="ignore").num_rows


def to_parquet(lib, path, threads=2):
    """TABLE_COLUMNS of a file written to Parquet batch by batch (mrrc only)."""
    import os
    import tempfile

    with tempfile.TemporaryDirectory() as directory:
        extraction = lib.to_parquet(str(path), os.path.join(directory, "table.parquet"), TABLE_COLUMNS,
                                    threads=threads, errors="ignore")
        return extraction.progress[1]


WORKLOADS = {"read": read, "read_file": read_file, "extract": extract, "roundtrip": roundtrip, "marc8_read": marc8_read,
             "xml_read": xml_read, "xml_stream": xml_stream, "json_read": json_read, "ndjson_read": ndjson_read,
             "mrk_read": mrk_read, "roundtrip_file": roundtrip_file, "table_loop": table_loop,
             "to_arrow": to_arrow}
# Workloads on records loaded in memory first (only the writing is timed).
WRITE_WORKLOADS = {"write": write, "write_path": write_path, "write_file": write_file, "write_all": write_all,
                   "xml_write": xml_write, "json_write": json_write}
