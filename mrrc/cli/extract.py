"""``mrrc extract``: the columnar extraction (mrrc.columns, docs/dataframes.md)
from the shell, to CSV, TSV, JSON Lines or Parquet. Needs pyarrow
(``pip install mrrc[arrow]``)."""

import csv
import io
import json
import os
import sys

import click

from mrrc.cli.inputs import tell

FORMATS = ("csv", "tsv", "jsonl", "parquet")


def _columns(specs):
    """-c values: ``ADDRESS`` (the column is named by it) or ``NAME=ADDRESS``."""
    named = {}
    for spec in specs:
        name, equals, address = spec.partition("=")
        if equals and name and "$" not in name and "/" not in name:
            named[name] = address
        else:
            named[spec] = spec
    return named


def _source(files):
    """Paths as they are (read in bounded memory); - is stdin's bytes."""
    sources = []
    for name in files or ("-",):
        sources.append(sys.stdin.buffer.read() if name == "-" else name)
    return sources if len(sources) > 1 else sources[0]


def _cell(value, separator):
    if value is None:
        return ""
    if isinstance(value, list):
        return separator.join(value)
    return value


def _write_text(extraction, pa, out, out_format, separator, header):
    if out_format == "jsonl":
        for batch in extraction.batches():
            for row in pa.record_batch(batch).to_pylist():
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    writer = csv.writer(out, delimiter="\t" if out_format == "tsv" else ",", lineterminator="\n")
    names = extraction.schema().names
    if header:
        writer.writerow(names)
    for batch in extraction.batches():
        columns = pa.record_batch(batch).to_pydict()
        for row in zip(*(columns[name] for name in names)):
            writer.writerow([_cell(value, separator) for value in row])


@click.command()
@click.argument("files", nargs=-1, type=click.Path(allow_dash=True, dir_okay=False))
@click.option("-c", "--column", "columns", multiple=True, required=True, metavar="[NAME=]ADDRESS",
              help="A column, by MARC address: 001, 008/35-37, LDR/06, 245$a, 245$abnp, 650|*0|$a, 650$a* "
                   "(every match, as a list), 6..$a; NAME= names it. Repeat for each column.")
@click.option("--format", "out_format", type=click.Choice(FORMATS), default="csv", show_default=True)
@click.option("-o", "--output", default="-", type=click.Path(allow_dash=True, dir_okay=False),
              help="Write here instead of stdout (required for parquet).")
@click.option("--separator", default="|", show_default=True,
              help="Joins the values of a list column in csv and tsv.")
@click.option("--header/--no-header", default=True, show_default=True, help="A first row of column names (csv, tsv).")
@click.option("--threads", type=click.IntRange(min=0), default=0, envvar="MRRC_THREADS", show_default=True,
              help="Extraction threads (0: one per core); the table is the same for any number.")
@click.option("--progress/--no-progress", default=None, help="A progress bar on stderr (default: on a terminal).")
def extract(files, columns, out_format, output, separator, header, threads, progress):
    """A table of fields from ISO 2709 (UTF-8 or MARC-8), MARCXML or
    MARC-in-JSON: one row per good record, one column per -c. Bad records are
    skipped, each told on stderr with its record index and byte offset (exit
    status 1).

    \b
      mrrc extract -c id=001 -c title=245$a -c subjects=650$a* dump.mrc > titles.csv
      mrrc extract -c 001 -c 008/35-37 --format parquet -o languages.parquet *.mrc"""
    try:
        import pyarrow as pa
    except ImportError:
        raise click.ClickException("extract needs pyarrow: pip install 'mrrc[arrow]'") from None
    import mrrc.columns

    if out_format == "parquet" and output == "-":
        raise click.UsageError("--format parquet needs -o FILE")
    for name in files:
        if name != "-" and not os.path.isfile(name):
            raise click.UsageError(f"{name}: no such file")
    if progress is None:
        progress = sys.stderr.isatty()
    try:
        extraction = mrrc.columns.extract(_source(files), _columns(columns), threads=threads, errors="ignore",
                                          progress=progress)
    except mrrc.columns.ColumnSpecError as error:
        raise click.UsageError(str(error)) from None
    with extraction:
        if out_format == "parquet":
            import pyarrow.parquet as pq

            with pq.ParquetWriter(output, extraction.schema()) as writer:
                for batch in extraction.batches():
                    writer.write_batch(pa.record_batch(batch))
        elif output == "-":
            out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=True)
            _write_text(extraction, pa, out, out_format, separator, header)
            out.flush()
            out.detach()
        else:
            with open(output, "w", encoding="utf-8", newline="") as out:
                _write_text(extraction, pa, out, out_format, separator, header)
        skipped = extraction.skipped
    for item in skipped:
        tell(f"mrrc: {item.source}: record {item.record_index} at byte {item.byte_offset}: {item.error}: "
             f"{item.message}")
    return 1 if skipped else 0
