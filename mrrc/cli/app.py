"""The ``mrrc`` command line (docs/cli.md): click commands over the library's
readers and writers.

Exit status: 0 when everything was read (and, for validate, found valid), 1
when bad records or validation errors were found, 2 for a usage error (an
unknown option or format, a file that does not exist), 130 after Ctrl-C. A
closed pipe (``mrrc dump big.mrc | head``) ends the command quietly, as it
ends any Unix tool (killed by SIGPIPE).
"""

import json
import os
import re
import signal
import sys

import click

from mrrc._version import __version__
from mrrc.cli import parallel, reports
from mrrc.cli.extract import extract as extract_command
from mrrc.cli.inputs import FORMAT_HELP, FORMATS, open_inputs, tell
from mrrc.cli.outputs import ENCODINGS, STDOUT, Output, check_encoding, document, ensure_directory, part_name
from mrrc.cli.progress import Progress, wanted
from mrrc.cli.selectors import condition, line_matcher, tag_matcher


class Run:
    """What one command has seen: problems are printed as they come (one line
    each, on stderr) and counted for the exit status."""

    def __init__(self):
        self.problems = 0

    def problem(self, problem):
        self.problems += 1
        tell(f"mrrc: {problem}")

    @property
    def status(self):
        return 1 if self.problems else 0


# -- shared options -------------------------------------------------------------

def input_options(function):
    function = click.option("--from", "from_format", type=click.Choice(FORMATS),
                            help=f"The input format, when not detected from the content ({FORMAT_HELP}).")(function)
    function = click.option("--threads", type=click.IntRange(min=0), default=0, envvar="MRRC_THREADS",
                            show_default=True,
                            help="Threads parsing ISO 2709 files (0: one per core; env MRRC_THREADS).")(function)
    function = click.option("--progress/--no-progress", default=None,
                            help="A progress bar on stderr (default: only when stderr is a terminal).")(function)
    return click.argument("files", nargs=-1, type=click.Path(allow_dash=True, dir_okay=False))(function)


def output_options(required_format=False):
    def decorate(function):
        function = click.option("-o", "--output", default=STDOUT, type=click.Path(allow_dash=True, dir_okay=False),
                                help="Write here instead of stdout.")(function)
        function = click.option("--encoding", type=click.Choice(ENCODINGS),
                                help="For --to marc and mrk: write UTF-8 or MARC-8 (default: as the library's "
                                     "writer does, UTF-8 for marc, leader/09 for mrk).")(function)
        return click.option("--to", "to_format", type=click.Choice(FORMATS), required=required_format,
                            help="The output format" + ("." if required_format else
                                                         " (default: the input's).") + f" {FORMAT_HELP}.")(function)
    return decorate


def progress_for(setting, inputs):
    sizes = [item.size for item in inputs]
    total = sum(sizes) if all(item.format == "marc" and item.size for item in inputs) else None
    return Progress(wanted(setting), total)


def each_record(inputs, run, bar, **options):
    """The records of every input in turn; bad ones reported to `run`."""
    for item in inputs:
        yield from item.records(run.problem, bar.callback(item.format), **options)


# -- the group --------------------------------------------------------------------

@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="mrrc")
def cli():
    """MARC records from the shell: count, look at, convert, filter, split,
    validate and profile MARC files (ISO 2709 in UTF-8 or MARC-8, MARCXML,
    MARC-in-JSON, newline-delimited JSON, MarcEdit .mrk, pymarc's text).

    FILES are paths, or - for stdin (the default when none is given). The
    format is found from the content; --from names it. Exit status: 0 ok,
    1 bad records or validation errors found, 2 usage error."""


@cli.command()
@input_options
@click.option("--format", "report_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def count(files, from_format, threads, progress, report_format):
    """Count records, bad records, and records by leader/06 type.

    \b
      mrrc count vendor-load.mrc
      mrrc count --format json *.mrc"""
    run = Run()
    inputs = open_inputs(files, from_format, threads)
    bar = progress_for(progress, inputs)
    counts = []
    for item in inputs:
        found = reports.Count(item.label)

        def bad(problem, found=found):
            found.bad += 1
            run.problem(problem)

        for record in item.records(bad, bar.callback(item.format)):
            found.add(record)
        counts.append(found)
    bar.close()
    total = reports.Count("total")
    for found in counts:
        total.merge(found)
    if report_format == "json":
        click.echo(json.dumps({"files": [c.as_dict() for c in counts], "total": total.as_dict()}, indent=2))
    else:
        for found in counts if len(counts) > 1 else []:
            click.echo(f"== {found.name}")
            click.echo("\n".join(found.lines()))
        if len(counts) > 1:
            click.echo("== total")
        click.echo("\n".join(total.lines()))
    return run.status


def _tag_lines(tags):
    """For -t: a function giving the text of a record's lines of those tags
    (with the leader line for LDR), or None when it has none."""
    wanted_tag = tag_matcher([t for t in tags if t.upper() != "LDR"])
    with_leader = any(t.upper() == "LDR" for t in tags)

    def text_of(record):
        lines = [f"=LDR  {record.leader}"] if with_leader else []
        if wanted_tag is not None:
            lines.extend(str(field) for field in record.fields if wanted_tag(field.tag))
        return "\n".join(lines) + "\n" if lines else None

    return text_of


def _text_lines_writer(text_of):
    """write_record(out, record) for a binary stream: records' texts, a blank line between them."""
    first = [True]

    def write_record(out, record):
        text = text_of(record)
        if text is not None:
            out.write((b"" if first[0] else b"\n") + text.encode("utf-8"))
            first[0] = False

    return write_record


def write_records(inputs, run, bar, to_format, output, encoding=None, keep=None, processes=1, text_of=None,
                  records=None):
    """Write the records of every input (those `keep` keeps, if given) to
    OUTPUT with the library's writer of `to_format`, or, with `text_of`, the
    texts it gives (dump -t); or the `records` given instead of inputs.
    With --processes N, one large ISO 2709 file is split across N
    processes (mrrc/cli/parallel.py)."""
    processes = processes or os.cpu_count() or 1
    if records is None and len(inputs) == 1 and parallel.available(inputs[0], processes):
        write_record = None if text_of is None else _text_lines_writer(text_of)
        framing = None if text_of is None else (b"", b"\n", b"")
        destination, close = parallel.write_to(output)
        try:
            items = parallel.run(inputs[0], processes, to_format, encoding, keep, destination, run.problem,
                                 write_record, framing)
        finally:
            if close:
                destination.close()
            else:
                destination.flush()
        if items is not False:
            callback = bar.callback("marc")
            if callback is not None:
                callback(items, inputs[0].size)
            return
    if records is None:
        records = each_record(inputs, run, bar)
    if keep is not None:
        records = (record for record in records if keep(record))
    if text_of is not None:
        destination, close = parallel.write_to(output)
        write_record = _text_lines_writer(text_of)
        try:
            for record in records:
                write_record(destination, record)
        finally:
            if close:
                destination.close()
            else:
                destination.flush()
        return
    output = Output(to_format, output, encoding)
    write = output.writer.write
    try:
        for record in records:
            write(record)
    finally:
        output.close()


_PROCESSES_OPTION = click.option(
    "--processes", type=click.IntRange(min=0), default=1, show_default=True,
    help="Split one ISO 2709 file of 32 MB or more across this many processes (0: one per core), with exactly "
         "the output of one; it pays on many cores with fast temporary storage (docs/cli.md).")

_TAG_OPTION = click.option("-t", "--tag", "tags", multiple=True,
                           help="Only fields with this tag (repeat it; 6XX or 6.. for a range; LDR for the leader).")


@cli.command()
@input_options
@click.option("-n", "--records", "limit", type=click.IntRange(min=0), default=10, show_default=True,
              help="How many records.")
@_TAG_OPTION
@click.option("-o", "--output", default=STDOUT, type=click.Path(allow_dash=True, dir_okay=False))
def head(files, from_format, threads, progress, limit, tags, output):
    """The first records as MARCMaker text (pymarc's str(record)).

    \b
      mrrc head -n 3 vendor-load.mrc
      mrrc head -t 001 -t 245 -n 100 catalogue.xml"""
    run = Run()
    inputs = open_inputs(files, from_format, 1)

    def first_records():
        if limit == 0:
            return
        taken = 0
        for item in inputs:
            for record in item.records(run.problem):
                yield record
                taken += 1
                if taken >= limit:
                    return

    if tags:
        write_records([], run, None, "text", output, text_of=_tag_lines(tags), records=first_records())
    else:
        write_records([], run, None, "text", output, records=first_records())
    return run.status


@cli.command()
@input_options
@_TAG_OPTION
@click.option("-o", "--output", default=STDOUT, type=click.Path(allow_dash=True, dir_okay=False))
@_PROCESSES_OPTION
def dump(files, from_format, threads, progress, tags, output, processes):
    """Every record as MARCMaker text, exactly as pymarc's TextWriter writes it
    (-t: only some fields).

    \b
      mrrc dump records.mrc | less
      mrrc dump -t 035 -t 245 records.mrc"""
    run = Run()
    inputs = open_inputs(files, from_format, threads)
    bar = progress_for(progress, inputs)
    try:
        write_records(inputs, run, bar, "text", output, processes=processes,
                      text_of=_tag_lines(tags) if tags else None)
    finally:
        bar.close()
    return run.status


@cli.command()
@input_options
@output_options(required_format=True)
@_PROCESSES_OPTION
def convert(files, from_format, threads, progress, to_format, encoding, output, processes):
    """Convert records to another format, streaming, with the library's writers
    (so the bytes are theirs, and pymarc's for the formats pymarc writes).

    \b
      mrrc convert --to xml marc8-export.mrc -o discovery.xml
      mrrc convert --to marc --encoding marc8 records.xml -o for-the-ils.mrc
      cat records.mrc | mrrc convert --to ndjson - > records.ndjson"""
    check_encoding(to_format, encoding)
    run = Run()
    inputs = open_inputs(files, from_format, threads)
    bar = progress_for(progress, inputs)
    try:
        write_records(inputs, run, bar, to_format, output, encoding, processes=processes)
    finally:
        bar.close()
    return run.status


def _conditions_option(name, kind, metavar, text):
    return click.option(f"--{name}", kind, multiple=True, metavar=metavar, help=text)


@cli.command(name="filter")
@input_options
@_conditions_option("has", "has", "PATH", "Keep records where PATH is present: 245, 245$a, 008/35-37, LDR/06.")
@_conditions_option("missing", "missing", "PATH", "Keep records where PATH is absent.")
@_conditions_option("equals", "equals", "PATH=VALUE", "Keep records where some PATH value is VALUE: 'LDR/06=a'.")
@_conditions_option("contains", "contains", "PATH=TEXT", "Keep records where some PATH value contains TEXT.")
@_conditions_option("regex", "regex", "PATH=REGEX", "Keep records where some PATH value matches REGEX (re.search).")
@click.option("-i", "--ignore-case", is_flag=True, help="Compare text without regard to case.")
@click.option("--any", "any_", is_flag=True, help="Keep records passing any condition (default: all of them).")
@click.option("-v", "--invert", is_flag=True, help="Keep the records that do not pass instead.")
@output_options()
@_PROCESSES_OPTION
def filter_records(files, from_format, threads, progress, has, missing, equals, contains, regex, ignore_case, any_,
                   invert, to_format, encoding, output, processes):
    """Keep the records that pass field conditions, written in any format.

    PATHs follow MARCspec/traject: LDR/06, 008/35-37, 245, 245$a, 245$ab,
    245^1 (first indicator), 6XX$a. A condition holds when any occurrence
    passes; a bare data-field tag means the field's value() (its subfields
    joined by spaces).

    \b
      mrrc filter --equals '035$a=(OCoLC)12345' dump.mrc -o found.mrc
      mrrc filter --equals LDR/06=a --regex '008/35-37=^(fre|ger)$' in.mrc
      mrrc filter --missing 020 --invert --to xml in.mrc"""
    conditions = [condition(kind, text, ignore_case)
                  for kind, texts in (("has", has), ("missing", missing), ("equals", equals),
                                      ("contains", contains), ("regex", regex))
                  for text in texts]
    if not conditions:
        raise click.UsageError("give at least one condition: --has, --missing, --equals, --contains or --regex")
    combine = any if any_ else all

    def keep(record):
        return combine(c.test(record) for c in conditions) != invert

    return _select(files, from_format, threads, progress, to_format, encoding, output, keep, processes)


def _select(files, from_format, threads, progress, to_format, encoding, output, keep, processes):
    run = Run()
    inputs = open_inputs(files, from_format, threads)
    to_format = to_format or inputs[0].format
    check_encoding(to_format, encoding)
    bar = progress_for(progress, inputs)
    try:
        write_records(inputs, run, bar, to_format, output, encoding, keep=keep, processes=processes)
    finally:
        bar.close()
    return run.status


@cli.command()
@click.argument("pattern")
@input_options
@_TAG_OPTION
@click.option("-F", "--fixed-strings", is_flag=True, help="PATTERN is plain text, not a regular expression.")
@click.option("-i", "--ignore-case", is_flag=True)
@click.option("-v", "--invert", is_flag=True, help="Keep the records with no matching line.")
@output_options()
@_PROCESSES_OPTION
def grep(pattern, files, from_format, threads, progress, tags, fixed_strings, ignore_case, invert, to_format,
         encoding, output, processes):
    """Keep records with a field whose MARCMaker line (as dump prints it,
    e.g. '=245  10$aPride and prejudice') matches PATTERN.

    \b
      mrrc grep '(OCoLC)0*12345\\b' -t 035 dump.mrc -o found.mrc
      mrrc grep -i -F 'austen' -t 1XX -t 7XX --to text catalogue.xml"""
    matches = line_matcher(pattern, fixed_strings, ignore_case)
    wanted_tag = tag_matcher([t for t in tags if t.upper() != "LDR"])
    with_leader = not tags or any(t.upper() == "LDR" for t in tags)
    only_leader = bool(tags) and wanted_tag is None

    def keep(record):
        found = with_leader and matches(f"=LDR  {record.leader}")
        if not found and not only_leader:
            found = any(matches(str(field)) for field in record.fields
                        if wanted_tag is None or wanted_tag(field.tag))
        return found != invert

    return _select(files, from_format, threads, progress, to_format, encoding, output, keep, processes)


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$", re.IGNORECASE)


def parse_size(text):
    """'500000', '500k', '10M', '2G' (powers of 1024) as bytes."""
    match = _SIZE.match(text)
    if match is None:
        raise click.BadParameter(f"{text!r} is not a size: write 500000, 500k, 10M or 2G")
    return int(float(match[1]) * 1024 ** " kmg".index(match[2].lower() or " "))


@cli.command()
@click.argument("file", type=click.Path(allow_dash=True, dir_okay=False))
@click.option("-n", "--records", "per_part", type=click.IntRange(min=1), help="At most this many records a file.")
@click.option("-s", "--size", "max_size", metavar="SIZE",
              help="At most this many bytes a file (500k, 10M, 2G), never cutting a record.")
@click.option("-p", "--prefix", default="part-", show_default=True,
              help="Output names: PREFIX0001.mrc, PREFIX0002.mrc, ... (may include a directory).")
@click.option("--digits", type=click.IntRange(min=1, max=9), default=4, show_default=True)
@click.option("--from", "from_format", type=click.Choice(FORMATS), help="The input format, if not detected.")
@click.option("--threads", type=click.IntRange(min=0), default=0, envvar="MRRC_THREADS", show_default=True)
@click.option("--progress/--no-progress", default=None)
@click.option("--to", "to_format", type=click.Choice(FORMATS), help="Output format (default: the input's).")
@click.option("--encoding", type=click.Choice(ENCODINGS), help="For --to marc and mrk: UTF-8 or MARC-8.")
def split(file, per_part, max_size, prefix, digits, from_format, threads, progress, to_format, encoding):
    """Split a file into pieces by record count or by size, each a complete
    document of its format, and print each piece's name.

    \b
      mrrc split -n 50000 big-export.mrc -p load/part-
      mrrc split --size 10M big-export.mrc"""
    if (per_part is None) == (max_size is None):
        raise click.UsageError("give one of --records N or --size SIZE")
    limit = parse_size(max_size) if max_size is not None else None
    run = Run()
    inputs = open_inputs([file], from_format, threads)
    to_format = to_format or inputs[0].format
    check_encoding(to_format, encoding)
    ensure_directory(prefix)
    empty = len(document(to_format, [], encoding)) if limit is not None else 0
    bar = progress_for(progress, inputs)
    part = None
    number = used = 0
    try:
        for record in each_record(inputs, run, bar):
            if limit is not None:
                alone = len(document(to_format, [record], encoding)) - empty
                cost = alone + (1 if part is not None and part.written and to_format in ("json", "text") else 0)
                full = part is not None and part.written and used + cost > limit
                if alone + empty > limit:
                    tell(f"mrrc: {inputs[0].label}: a record of {alone + empty} bytes is larger than "
                         f"--size {max_size}; it gets a file of its own")
            else:
                full = part is not None and part.written >= per_part
            if part is None or full:
                if part is not None:
                    part.close()
                number += 1
                name = part_name(prefix, number, to_format, digits)
                part = Output(to_format, name, encoding)
                click.echo(name)
                used, cost = empty, (alone if limit is not None else 0)
            part.write(record)
            used += cost
    finally:
        if part is not None:
            part.close()
        bar.close()
    return run.status


@cli.command()
@input_options
@click.option("--format", "report_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Count warnings as errors (exit status 1).")
@click.option("--max-messages", type=click.IntRange(min=0), default=1000, show_default=True,
              help="Text report: stop listing after this many messages (all are counted).")
def validate(files, from_format, threads, progress, report_format, strict, max_messages):
    """Check the structure of every record: errors (what the reader refuses,
    with record index and byte offset) and warnings (bad indicators or
    subfield codes, odd leader positions, invalid UTF-8 in a record flagged
    UTF-8), then a summary. Exit status 1 when errors were found.

    \b
      mrrc validate vendor-load.mrc
      mrrc validate --format json vendor-load.mrc > report.json"""
    inputs = open_inputs(files, from_format, threads)
    bar = progress_for(progress, inputs)
    files_report = []
    shown = 0

    def say(line):
        nonlocal shown
        if report_format == "text":
            shown += 1
            if shown <= max_messages:
                click.echo(line)
            elif shown == max_messages + 1:
                click.echo(f"... (more messages not listed; --max-messages {max_messages})")

    for item in inputs:
        report = {"file": item.label, "records": 0, "errors": [], "warnings": []}
        files_report.append(report)

        def bad(problem, report=report):
            report["records"] += 1
            report["errors"].append(problem.as_dict())
            say(f"{problem.where()}: error: {problem.error}: {' '.join(problem.message.split())}")

        # Invalid UTF-8 is read with replacement here, so that it is a warning about a record whose
        # structure is sound; everything else is read as MARCReader reads it.
        options = {"utf8_handling": "replace"} if item.format == "marc" else {}
        logged = []  # what the reader logged about the next record

        def log(record_index, byte_offset, text, logged=logged):
            logged.append(("", text))

        for record, chunk, start in item.records(bad, bar.callback(item.format), chunks=True, on_message=log,
                                                 **options):
            record_index = report["records"]
            report["records"] += 1
            found = logged[:] + reports.record_warnings(record)
            logged.clear()
            if chunk is not None and str(record.leader)[9:10] == "a":
                position = reports.invalid_utf8(chunk)
                if position is not None:
                    found.append(("", f"invalid UTF-8 in a record flagged UTF-8 (leader/09 'a') at byte "
                                      f"{start + position}"))
            where = f"{item.label}: record {record_index}" + (f", byte {start}" if start is not None else "")
            for tag, message in found:
                report["warnings"].append({"file": item.label, "record_index": record_index, "byte_offset": start,
                                           "tag": tag or None, "message": message})
                say(f"{where}: warning: {tag + ': ' if tag else ''}{message}")
    bar.close()
    errors = sum(len(r["errors"]) for r in files_report)
    warnings = sum(len(r["warnings"]) for r in files_report)
    records = sum(r["records"] for r in files_report)
    failed = errors > 0 or (strict and warnings > 0)
    if report_format == "json":
        click.echo(json.dumps({"files": files_report, "records": records, "errors": errors, "warnings": warnings,
                               "valid": not failed}, indent=2))
    else:
        verdict = "not valid" if failed else "valid"
        click.echo(f"{records} records checked in {len(files_report)} file{'s' if len(files_report) != 1 else ''}: "
                   f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
                   f" ({verdict})")
    return 1 if failed else 0


@cli.command()
@input_options
@click.option("--format", "report_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def stats(files, from_format, threads, progress, report_format):
    """Tag and subfield frequencies, record sizes, encodings and types.

    \b
      mrrc stats catalogue.mrc
      mrrc stats --format json catalogue.xml | jq '.tags["650"]'"""
    run = Run()
    inputs = open_inputs(files, from_format, threads)
    bar = progress_for(progress, inputs)
    found = reports.Stats()

    def bad(problem):
        found.bad += 1
        run.problem(problem)

    for item in inputs:
        for record, chunk, _start in item.records(bad, bar.callback(item.format), chunks=True):
            size = len(chunk) if chunk is not None else _iso2709_length(record)
            found.add(record, size)
    bar.close()
    if report_format == "json":
        click.echo(json.dumps(found.as_dict(), indent=2))
    else:
        click.echo("\n".join(found.lines()))
    return run.status


cli.add_command(extract_command)


def _iso2709_length(record):
    """The record's length as ISO 2709 (as the library's MARCWriter would write it), None if it cannot be."""
    try:
        return len(record.as_marc())
    except Exception:  # noqa: BLE001 - a record ISO 2709 cannot hold has no such size
        return None


# -- entry point ------------------------------------------------------------------------------------------------------

def main(argv=None):
    """The console script: run a command and exit with its status."""
    if hasattr(signal, "SIGPIPE"):
        # A reader that stops reading (| head) ends us quietly, as it ends cat or grep.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        status = cli.main(args=argv, prog_name="mrrc", standalone_mode=False)
    except click.exceptions.Abort as abort:
        if isinstance(abort.__cause__, EOFError):
            return _exit(1)
        tell("mrrc: interrupted")
        return _exit(130)
    except KeyboardInterrupt:
        tell("mrrc: interrupted")
        return _exit(130)
    except click.ClickException as error:
        error.show()
        return _exit(error.exit_code)
    except BrokenPipeError:
        _silence_stdout()
        return _exit(141)
    except OSError as error:  # writing: a full disk, a file that cannot be made
        tell(f"mrrc: {getattr(error, 'filename', None) or 'error'}: {error.strerror or error}")
        return _exit(1)
    return _exit(status if isinstance(status, int) else 0)


def _silence_stdout():
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _exit(status):
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    sys.exit(status)
