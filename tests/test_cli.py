"""The mrrc command line, run as a real subprocess on files from tests/data:
its outputs against what the library's readers and writers give, exit codes,
stdin and stdout, pipes, progress, bad input."""

import json
import os
import pathlib
import re
import select
import shutil
import signal
import subprocess
import sys
from collections import Counter

import pytest
from cli_helpers import BAD, BINARY, JSON, MRK, XML, existing, library_output, library_records, mrrc_run
from corpus_files import DATA

import mrrc
from mrrc.cli import parallel

ALL_KINDS = existing(BINARY[:3]) + existing(XML[:2]) + existing(JSON[:1]) + existing(MRK)


def stdout_of(*args, **kwargs):
    done = mrrc_run(*args, **kwargs)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr == b"", done.stderr.decode()
    return done.stdout


def assert_no_traceback(done):
    assert b"Traceback" not in done.stderr, done.stderr.decode()


# -- the entry points ------------------------------------------------------------

def test_console_script_and_python_dash_m():
    script = shutil.which("mrrc", path=str(pathlib.Path(sys.executable).parent))
    assert script is not None, "the console script is not installed beside this Python"
    for command in ([script], [sys.executable, "-m", "mrrc"], [sys.executable, "-m", "mrrc.cli"]):
        done = subprocess.run(command + ["--help"], capture_output=True, timeout=60)
        assert done.returncode == 0
        for name in ("count", "head", "dump", "convert", "filter", "grep", "split", "validate", "stats"):
            assert name.encode() in done.stdout
    assert stdout_of("--version").decode().strip().endswith(mrrc.__version__)


@pytest.mark.parametrize("command", ["count", "head", "dump", "convert", "filter", "grep", "split", "validate",
                                     "stats"])
def test_every_command_has_help(command):
    assert b"Usage: mrrc " + command.encode() in stdout_of(command, "--help")


# -- count -----------------------------------------------------------------------

@pytest.mark.parametrize("name", ALL_KINDS)
def test_count_matches_the_library(name):
    report = json.loads(stdout_of("count", "--format", "json", name))
    records = library_records(name)
    assert report["total"]["records"] == len(records)
    assert report["total"]["bad_records"] == 0
    assert report["total"]["types"] == dict(sorted(Counter(str(r.leader)[6] for r in records).items()))


def test_count_bad_records_and_text_report():
    items = list(mrrc.MARCReader(str(DATA / BAD)))
    good = sum(1 for r in items if r is not None)
    done = mrrc_run("count", BAD)
    assert done.returncode == 1  # bad records found
    lines = done.stdout.decode().splitlines()
    assert lines[:2] == [f"records: {good}", f"bad records: {len(items) - good}"]
    assert_no_traceback(done)
    messages = done.stderr.decode().splitlines()
    assert len(messages) == len(items) - good
    for message in messages:  # one line each: file, record index, byte offset, the reader's error
        pattern = rf"mrrc: {re.escape(BAD)}: record \d+, byte \d+: (UnicodeDecodeError|RecordDirectoryInvalid): "
        assert re.match(pattern, message), message


def test_count_several_files_and_stdin():
    names = existing(BINARY[:2])
    report = json.loads(stdout_of("count", "--format", "json", *names))
    assert [f["file"] for f in report["files"]] == names
    assert report["total"]["records"] == sum(len(library_records(n)) for n in names)
    data = (DATA / names[0]).read_bytes()
    for args in (["-"], []):  # stdin by name, and by default
        piped = json.loads(stdout_of("count", "--format", "json", *args, stdin=data))
        assert piped["files"][0]["file"] == "<stdin>"
        assert piped["total"]["records"] == len(library_records(names[0]))


@pytest.mark.parametrize("threads", ["1", "2", "0"])
def test_count_threads(threads):
    report = json.loads(stdout_of("count", "--format", "json", "--threads", threads, BINARY[2]))
    assert report["total"]["records"] == len(library_records(BINARY[2]))


# -- head and dump ---------------------------------------------------------------

@pytest.mark.parametrize("name", ALL_KINDS)
def test_dump_is_text_writer_output(name):
    assert stdout_of("dump", name) == library_output(library_records(name), "text")


def test_head_and_tags():
    name = BINARY[2]
    records = library_records(name)
    assert stdout_of("head", "-n", "3", name) == library_output(records[:3], "text")
    assert stdout_of("head", name) == library_output(records[:10], "text")
    assert stdout_of("head", "-n", "0", name) == b""
    lines = stdout_of("dump", "-t", "245", "-t", "LDR", "-t", "6XX", name).decode()
    expected = []
    for record in records:
        kept = [f"=LDR  {record.leader}"] + [str(f) for f in record.fields if f.tag == "245" or f.tag[0] == "6"]
        expected.append("\n".join(kept) + "\n")
    assert lines == "\n".join(expected)


def test_dump_to_a_file(tmp_path):
    target = tmp_path / "out.txt"
    assert stdout_of("dump", BINARY[0], "-o", target) == b""
    assert target.read_bytes() == library_output(library_records(BINARY[0]), "text")


# -- convert ---------------------------------------------------------------------

@pytest.mark.parametrize("to", ["marc", "xml", "json", "ndjson", "mrk", "text"])
@pytest.mark.parametrize("name", ALL_KINDS)
def test_convert_is_the_library_writer(name, to):
    assert stdout_of("convert", "--to", to, name) == library_output(library_records(name), to)


@pytest.mark.parametrize("to,encoding,library_encoding", [("marc", "marc8", "marc8"), ("mrk", "marc8", "marc8"),
                                                          ("mrk", "utf8", "utf-8")])
def test_convert_encodings(to, encoding, library_encoding):
    for name in existing(BINARY[:4]):
        records = library_records(name)
        assert stdout_of("convert", "--to", to, "--encoding", encoding, name) == \
            library_output(records, to, library_encoding)


def test_convert_from_stdin_to_a_file_and_back(tmp_path):
    name = BINARY[2]
    xml = tmp_path / "out.xml"
    assert stdout_of("convert", "--to", "xml", "-o", xml, "-", stdin=(DATA / name).read_bytes()) == b""
    records = library_records(name)
    assert xml.read_bytes() == library_output(records, "xml")
    back = stdout_of("convert", "--to", "marc", xml)
    assert back == library_output(records, "marc")


@pytest.mark.parametrize("name", [XML[0], JSON[0], MRK[1], BINARY[1]])
def test_every_format_from_stdin(name):
    output = stdout_of("convert", "--to", "marc", stdin=(DATA / name).read_bytes())
    assert output == library_output(library_records(name), "marc")


def test_head_over_several_files_and_stats_of_xml():
    names = existing(XML[:2])
    records = [r for name in names for r in library_records(name)]
    assert stdout_of("head", "-n", "3", *names) == library_output(records[:3], "text")
    report = json.loads(stdout_of("stats", "--format", "json", *names))
    assert report["records"] == len(records)
    assert report["record_bytes"]["total"] == sum(len(r.as_marc()) for r in records)


def test_convert_several_inputs_into_one_document():
    names = existing(XML[:2])
    records = [r for name in names for r in library_records(name)]
    assert stdout_of("convert", "--to", "json", *names) == library_output(records, "json")


def test_convert_skips_and_reports_bad_records():
    done = mrrc_run("convert", "--to", "xml", BAD)
    assert done.returncode == 1
    assert done.stdout == library_output(library_records(BAD), "xml")
    assert_no_traceback(done)


# -- one file on several processes (mrrc/cli/parallel.py) ---------------------------

SPLIT_SMALL_FILES = {"MRRC_PARALLEL_MIN_BYTES": "0"}  # split even tests/data's files


def _same_on_processes(*args):
    one = mrrc_run(*args)
    for processes in ("2", "3"):
        several = mrrc_run(*args, "--processes", processes, env=SPLIT_SMALL_FILES)
        assert (several.returncode, several.stdout, several.stderr) == (one.returncode, one.stdout, one.stderr), \
            (args, processes, several.stderr.decode()[-300:])
    return one


@pytest.mark.parametrize("to", ["marc", "xml", "json", "ndjson", "mrk", "text"])
def test_several_processes_write_what_one_writes(to):
    one = _same_on_processes("convert", "--to", to, BAD)
    assert one.stdout == library_output(library_records(BAD), to)
    assert one.returncode == 1 and one.stderr.count(b"\n") == 85


def test_several_processes_dump_filter_and_grep():
    name = BINARY[2]
    _same_on_processes("dump", name)
    _same_on_processes("dump", "-t", "245", "-t", "LDR", name)
    _same_on_processes("filter", "--contains", "245$a=pride", name)
    _same_on_processes("grep", "-i", "austen", "--to", "xml", name)


def test_several_processes_stop_at_a_fatal_error(tmp_path):
    # a file ending mid-record, in the middle: reading stops there, as the sequential reading does
    good = (DATA / BINARY[2]).read_bytes()
    joined = tmp_path / "joined.mrc"
    joined.write_bytes(good + (DATA / "marc-perl/cameleof.usmarc").read_bytes() + good + good)
    one = _same_on_processes("convert", "--to", "xml", joined)
    assert one.returncode == 1 and b"reading stopped here" in one.stderr


def test_several_processes_cut_at_a_false_boundary(tmp_path):
    # record terminators followed by digits inside a value: a piece may start where no record does
    records = library_records(BINARY[2])
    for record in records:
        for field in record.get_fields("245"):
            field.add_subfield("z", "\x1d12345 not a record start")
    data = library_output(records, "marc")
    tricky = tmp_path / "tricky.mrc"
    tricky.write_bytes(data)
    starts, position = set(), 0
    reader = mrrc.MARCReader(data)
    for _record in reader:
        starts.add(position)
        position += len(reader.current_chunk)
    assert not set(parallel.boundaries(str(tricky), len(data), 3)) <= starts  # three pieces: one starts wrongly
    one = _same_on_processes("convert", "--to", "marc", tricky)
    assert one.returncode == 0 and one.stdout == library_output(library_records(tricky), "marc")


# -- format detection ------------------------------------------------------------

@pytest.mark.parametrize("name,format", [(XML[0], "xml"), (JSON[0], "json"), (MRK[0], "mrk"), (BINARY[0], "marc")])
def test_format_found_from_content_not_extension(tmp_path, name, format):
    disguised = tmp_path / "records.bin"
    shutil.copyfile(DATA / name, disguised)
    assert stdout_of("convert", "--to", "marc", disguised) == library_output(library_records(name, format), "marc")


def test_ndjson_and_text_detected(tmp_path):
    records = library_records(BINARY[0])
    ndjson = tmp_path / "records.data"
    ndjson.write_bytes(library_output(records, "ndjson"))
    text = tmp_path / "records.txt"
    text.write_bytes(library_output(records, "text"))
    assert stdout_of("convert", "--to", "xml", ndjson) == library_output(records, "xml")
    # pymarc's MARCMakerReader reads its text as written (a blank written as \ stays \)
    assert stdout_of("convert", "--to", "xml", text) == library_output(list(mrrc.MARCMakerReader(str(text))), "xml")


def test_from_overrides_detection(tmp_path):
    done = mrrc_run("count", "--from", "xml", BINARY[0])
    assert done.returncode == 1  # ISO 2709 read as XML: not well-formed
    assert_no_traceback(done)
    assert b"SAXParseException" in done.stderr


# -- filter and grep ---------------------------------------------------------------

def _expected(name, keep):
    return library_output([r for r in library_records(name) if keep(r)], "marc")


FILTERS = [
    (["--equals", "LDR/06=a"], lambda r: str(r.leader)[6] == "a"),
    (["--equals", "LDR/06=a", "--invert"], lambda r: str(r.leader)[6] != "a"),
    (["--has", "020"], lambda r: bool(r.get_fields("020"))),
    (["--missing", "020$a"], lambda r: not any(f.get_subfields("a") for f in r.get_fields("020"))),
    (["--contains", "245$a=pride"], lambda r: any("pride" in v for f in r.get_fields("245")
                                                   for v in f.get_subfields("a"))),
    (["-i", "--contains", "245$a=PRIDE"], lambda r: any("pride" in v.lower() for f in r.get_fields("245")
                                                         for v in f.get_subfields("a"))),
    (["--regex", "008/35-37=^(eng|fre)$"], lambda r: any(f.data[35:38] in ("eng", "fre") for f in r.get_fields("008"))),
    (["--equals", "245^1=1"], lambda r: any(f.indicator1 == "1" for f in r.get_fields("245"))),
    (["--has", "6XX$v", "--has", "700", "--any"], lambda r: any(f.tag.startswith("6") and f.get_subfields("v")
                                                                 for f in r.fields) or bool(r.get_fields("700"))),
    (["--has", "6..$v", "--has", "700"], lambda r: any(f.tag.startswith("6") and f.get_subfields("v")
                                                        for f in r.fields) and bool(r.get_fields("700"))),
    (["--equals", "100=Austen, Jane, 1775-1817."], lambda r: any(f.value() == "Austen, Jane, 1775-1817."
                                                                 for f in r.get_fields("100"))),
]


@pytest.mark.parametrize("args,keep", FILTERS, ids=[" ".join(a) for a, _ in FILTERS])
def test_filter(args, keep):
    name = BINARY[2]
    output = stdout_of("filter", *args, name)
    assert output == _expected(name, keep)


def test_filter_keeps_something_and_writes_any_format():
    name = BINARY[2]
    keep = FILTERS[4][1]
    assert sum(map(keep, library_records(name))) > 0  # the test file has matches
    output = stdout_of("filter", "--contains", "245$a=pride", "--to", "xml", name)
    assert output == library_output([r for r in library_records(name) if keep(r)], "xml")


def test_grep():
    name = BINARY[2]
    records = library_records(name)

    def lines(record, tags=None):
        out = [f"=LDR  {record.leader}"] if tags is None else []
        return out + [str(f) for f in record.fields if tags is None or f.tag in tags]

    cases = [
        (["Austen"], lambda r: any("Austen" in line for line in lines(r))),
        (["-i", "AUSTEN", "-t", "100"], lambda r: any("austen" in line.lower() for line in lines(r, {"100"}))),
        (["-F", "$aPride", "-t", "245"], lambda r: any("$aPride" in line for line in lines(r, {"245"}))),
        (["-v", "^=020"], lambda r: not any(line.startswith("=020") for line in lines(r))),
    ]
    for args, keep in cases:
        assert sum(map(keep, records)) > 0, args
        assert stdout_of("grep", *args, name, "--to", "text") == \
            library_output([r for r in records if keep(r)], "text"), args


# -- split ---------------------------------------------------------------------------

def test_split_by_records(tmp_path):
    name = BINARY[2]
    records = library_records(name)
    names = stdout_of("split", "-n", "100", "-p", tmp_path / "out" / "part-", name).decode().split()
    assert len(names) == (len(records) + 99) // 100
    parts = [pathlib.Path(n) for n in names]
    assert [p.name for p in parts] == [f"part-{i:04d}.mrc" for i in range(1, len(parts) + 1)]
    assert b"".join(p.read_bytes() for p in parts) == library_output(records, "marc")
    assert [len(library_records(p)) for p in parts][:-1] == [100] * (len(parts) - 1)


@pytest.mark.parametrize("to", ["marc", "xml", "json"])
def test_split_by_size_never_cuts_a_record(tmp_path, to):
    name = BINARY[2]
    records = library_records(name)
    limit = 40_000
    names = stdout_of("split", "--size", "40k", "--to", to, "-p", tmp_path / "p", name).decode().split()
    parts = [pathlib.Path(n) for n in names]
    assert len(parts) > 2
    back = []
    for part in parts:
        assert part.stat().st_size <= limit * 1024 // 1000, part  # 40k is 40 KiB
        got = library_records(part, to)
        assert part.read_bytes() == library_output(got, to)  # each a complete document
        back.extend(got)
    assert library_output(back, "marc") == library_output(records, "marc")
    # pieces are as full as they can be: the next record would not have fitted
    sizes = [p.stat().st_size for p in parts]
    assert max(sizes) > 40 * 1024 * 0.8


@pytest.mark.parametrize("to", ["text", "mrk", "ndjson"])
def test_split_text_formats(tmp_path, to):
    name = BINARY[0]
    records = library_records(name)
    parts = [pathlib.Path(n) for n in stdout_of("split", "-n", "3", "--to", to, "-p", tmp_path / "t-",
                                                name).decode().split()]
    assert [p.suffix for p in parts] == [{"text": ".txt", "mrk": ".mrk", "ndjson": ".ndjson"}[to]] * len(parts)
    for number, part in enumerate(parts):
        assert part.read_bytes() == library_output(records[3 * number:3 * number + 3], to)


def test_split_usage():
    assert mrrc_run("split", BINARY[0]).returncode == 2
    assert mrrc_run("split", "-n", "2", "--size", "1k", BINARY[0]).returncode == 2
    assert mrrc_run("split", "--size", "lots", BINARY[0]).returncode == 2


# -- validate ------------------------------------------------------------------------

def test_validate_clean_file():
    done = mrrc_run("validate", BINARY[2])
    assert done.returncode == 0, done.stdout.decode()
    assert done.stdout.decode().splitlines()[-1].startswith(f"{len(library_records(BINARY[2]))} records checked")


def test_validate_errors_and_warnings_json():
    done = mrrc_run("validate", "--format", "json", BAD)
    assert done.returncode == 1
    report = json.loads(done.stdout)
    items = list(mrrc.MARCReader(str(DATA / BAD)))
    assert report["records"] == len(items)
    assert report["valid"] is False
    errors = report["files"][0]["errors"]
    # invalid UTF-8 is a warning (the record reads with replacement); the rest are the reader's errors
    replaced = list(mrrc.MARCReader(str(DATA / BAD), utf8_handling="replace"))
    assert [e["record_index"] for e in errors] == [i for i, r in enumerate(replaced) if r is None]
    assert all(e["byte_offset"] is not None and e["error"] for e in errors)
    utf8 = [w for w in report["files"][0]["warnings"] if "invalid UTF-8" in w["message"]]
    assert {w["record_index"] for w in utf8} == {i for i, r in enumerate(items) if r is None} - \
        {e["record_index"] for e in errors}


def test_marc8_messages_are_told_with_their_record():
    name = "marc4j/greekmissingcharsetchange.mrc"
    done = mrrc_run("count", name)
    lines = done.stderr.decode().splitlines()
    assert done.returncode == 0 and lines
    assert all(re.match(rf"mrrc: {re.escape(name)}: record \d+: Unable to parse character ", line) for line in lines)
    report = json.loads(mrrc_run("validate", "--format", "json", name).stdout)
    assert len([w for w in report["files"][0]["warnings"] if "Unable to parse" in w["message"]]) == len(lines)


def test_validate_warnings_and_strict():
    name = "pymarc/bad_subfield_code.dat"
    done = mrrc_run("validate", name)
    assert b"warning: " in done.stdout and b"subfield code" in done.stdout
    assert done.returncode == 0
    assert mrrc_run("validate", "--strict", name).returncode == 1


def test_validate_offsets_are_where_records_start():
    data = (DATA / BAD).read_bytes()
    warnings = json.loads(mrrc_run("validate", "--format", "json", BAD).stdout)["files"][0]["warnings"]
    assert len(warnings) > 10
    for warning in warnings:
        offset = warning["byte_offset"]
        assert data[offset:offset + 5].isdigit() and (offset == 0 or data[offset - 1] == 0x1D)


# -- stats ---------------------------------------------------------------------------

def test_stats_matches_the_library():
    name = BINARY[2]
    records = library_records(name)
    report = json.loads(stdout_of("stats", "--format", "json", name))
    assert report["records"] == len(records)
    occurrences = Counter(f.tag for r in records for f in r.fields)
    assert {tag: row["occurrences"] for tag, row in report["tags"].items()} == occurrences
    assert report["tags"]["245"]["records"] == sum(1 for r in records if r.get_fields("245"))
    assert report["tags"]["245"]["subfields"]["a"] == sum(len(f.get_subfields("a")) for r in records
                                                          for f in r.get_fields("245"))
    chunks = []
    reader = mrrc.MARCReader(str(DATA / name))
    for _record in reader:
        chunks.append(len(reader.current_chunk))
    assert report["record_bytes"] == {"count": len(records), "min": min(chunks), "max": max(chunks),
                                      "mean": round(sum(chunks) / len(chunks), 1), "total": sum(chunks)}
    text = stdout_of("stats", name).decode()
    assert f"records: {len(records)}" in text and "\n245 " in text


# -- Unix habits ---------------------------------------------------------------------

def test_pipe_closed_early_gives_no_traceback():
    command = f"{sys.executable} -m mrrc dump {BAD} {BINARY[2]} {BINARY[2]} | head -1"
    done = subprocess.run(command, shell=True, capture_output=True, cwd=DATA, timeout=120)
    assert done.stdout.startswith(b"=LDR  ")
    assert b"Traceback" not in done.stderr and b"BrokenPipe" not in done.stderr, done.stderr.decode()


def test_no_progress_bar_when_stderr_is_not_a_terminal():
    done = mrrc_run("count", BINARY[2])
    assert done.stderr == b""
    done = mrrc_run("convert", "--to", "xml", "--progress", BINARY[2])  # forced, it goes to stderr only
    assert b"records" in done.stderr
    assert done.stdout == library_output(library_records(BINARY[2]), "xml")


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize("tqdm", [True, False], ids=["tqdm", "plain"])
def test_progress_bar_on_a_terminal(tqdm):
    master, slave = os.openpty()
    prefix = [] if tqdm else ["-c", "import sys; sys.modules['tqdm'] = None; from mrrc.cli import main; main()"]
    command = [sys.executable] + (prefix or ["-m", "mrrc"]) + ["count", BINARY[2]]
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=slave, cwd=DATA, timeout=120)
    finally:
        os.close(slave)
    shown = b""
    while True:
        try:
            piece = os.read(master, 65536)
        except OSError:
            break
        if not piece:
            break
        shown += piece
    os.close(master)
    assert done.returncode == 0
    assert b"records" in shown
    assert b"records: " in done.stdout  # the report itself is on stdout, without the bar


def test_interrupt_gives_no_traceback():
    # --progress draws the bar as soon as the command runs: then it is waiting on stdin, inside mrrc's handlers
    process = subprocess.Popen([sys.executable, "-m", "mrrc", "count", "--progress", "-"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=DATA)
    process.stdin.write((DATA / BINARY[0]).read_bytes()[:100])  # and then nothing more: it waits
    process.stdin.flush()
    ready, _, _ = select.select([process.stderr], [], [], 60)
    assert ready, "the command did not start"
    first = os.read(process.stderr.fileno(), 1)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    err = first + err
    assert process.returncode == 130, err.decode()
    assert b"Traceback" not in err and b"mrrc: interrupted" in err


# -- usage errors and bad input ------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["count", "no-such-file.mrc"],
    ["convert", BINARY[0]],  # no --to
    ["convert", "--to", "pdf", BINARY[0]],
    ["convert", "--to", "xml", "--encoding", "marc8", BINARY[0]],
    ["filter", BINARY[0]],  # no condition
    ["filter", "--has", "24", BINARY[0]],
    ["filter", "--equals", "245$a", BINARY[0]],
    ["filter", "--regex", "245$a=(", BINARY[0]],
    ["count", "--threads", "-1", BINARY[0]],
    ["nosuchcommand"],
    ["count", "."],
    ["convert", "--to", "xml", BINARY[0], "-o", "/nonexistent-directory/out.xml"],
])
def test_usage_errors_exit_2(args):
    done = mrrc_run(*args)
    assert done.returncode == 2, (args, done.stderr.decode())
    assert_no_traceback(done)
    assert done.stderr.strip(), "a usage error says what is wrong"


def test_missing_file_and_unknown_format_name_the_file(tmp_path):
    done = mrrc_run("count", "no-such-file.mrc")
    assert done.stderr.decode().strip() == "mrrc: no-such-file.mrc: No such file or directory"
    unknown = tmp_path / "notes.txt"
    unknown.write_text("Dear cataloguer,\n")
    done = mrrc_run("dump", unknown)
    assert done.returncode == 2
    message = done.stderr.decode().strip()
    assert len(message.splitlines()) == 1 and str(unknown) in message and "--from" in message


@pytest.mark.parametrize("name,where", [("marc-perl/cameleof.usmarc", r"record 1, byte \d+: \w+"),
                                        ("ruby-marc/three-records-second-bad.xml", r"record 1, line 72: "
                                                                                    "SAXParseException"),
                                        ("traject/bad_utf_byte.utf8.marc", r"record 0, byte \d+: UnicodeDecodeError")])
def test_malformed_input_one_line_each(name, where):
    assert (DATA / name).exists(), f"{name} is part of tests/data"
    done = mrrc_run("convert", "--to", "xml", name)
    assert done.returncode == 1
    assert_no_traceback(done)
    lines = done.stderr.decode().splitlines()
    assert lines and all(re.match(rf"mrrc: {re.escape(name)}: {where}", line) for line in lines), lines
