"""The compiled bridge: its stub matches it, it parses with the GIL released,
and it refuses misuse."""

import ast
import pathlib
import threading

import pytest
from corpus_files import DATA

import mrrc
from mrrc import _core


def stub_names():
    stub = pathlib.Path(mrrc.__file__).with_name("_core.pyi")
    tree = ast.parse(stub.read_text())
    names = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            names[node.name] = {n.name for n in node.body if isinstance(n, ast.FunctionDef)}
        elif isinstance(node, ast.Assign) and node.targets[0].id.startswith("_"):
            continue  # the stub's private type aliases
        elif isinstance(node, ast.FunctionDef):
            names[node.name] = None
        elif isinstance(node, ast.AnnAssign) and not node.target.id.startswith("_"):
            names[node.target.id] = None
    for node in tree.body:  # class attributes declared in the stub are properties at run time
        if isinstance(node, ast.ClassDef):
            names[node.name] |= {n.target.id for n in node.body if isinstance(n, ast.AnnAssign)}
    return names


def test_stub_and_runtime_agree():
    names = stub_names()
    imported = {"io", "os", "json", "re", "sys", "Indicators", "Subfield", "Leader", "FieldNotFound",
                "MissingLinkedFields", "exception_for", "check_field_fits", "raise_field_too_long",
                "raise_record_too_long", "check_field_encodable", "atexit", "weakref",
                "WriteNeedsRecord"}  # modules, classes and functions _core uses, not defines
    public = {n for n in dir(_core) if not n.startswith("_") and n not in imported}
    assert public == set(names)
    for cls in ("RecordData", "StreamParser", "FileParser", "Field", "Record", "XmlParser", "XmlFileParser",
                "Iso2709File"):
        runtime = {n for n in dir(getattr(_core, cls)) if not n.startswith("_")}
        assert runtime == {n for n in names[cls] if not n.startswith("_")}, cls


def test_error_names_cover_every_cpp_code():
    assert _core.ERROR_NAMES[0] == "Ok"
    assert "RecordDirectoryInvalid" in _core.ERROR_NAMES
    assert _core.ERROR_NAMES[-1] == "IoError"


def test_parse_chunk_reports_errors_as_values():
    good = (DATA / "pymarc" / "one.dat").read_bytes()
    data = _core.parse_chunk(good)
    assert data.ok and data.field_count == 18 and data.chunk == good
    assert data.serialize() == good
    bad = good[:12] + b"abcde" + good[17:]
    data = _core.parse_chunk(bad)
    assert not data.ok
    assert data.error_name == "BaseAddressNotNumeric"
    assert data.span == (12, 17)
    strict = _core.parse_chunk(good[:-2] + b"X\x1d", strict_structure=True)
    assert strict.error_name == "RecordDirectoryInvalid"


def test_one_parser_from_two_threads_raises_runtime_error():
    data = (DATA / "marc4j" / "pride-and-prejudice-fixed.mrc").read_bytes() * 300  # ~100 MB, parsed in one batch
    refused = []
    for _attempt in range(5):
        parser = _core.StreamParser()
        parser.attach(data)
        started = threading.Event()

        def parse_everything(parser=parser, started=started):
            started.set()
            parser.next_batch(10**9, 1 << 40)

        worker = threading.Thread(target=parse_everything)
        worker.start()
        started.wait()
        while worker.is_alive() and not refused:
            try:
                parser.next_batch(1, 1 << 20)
            except RuntimeError as error:
                refused.append(str(error))
        worker.join()
        if refused:
            break
    assert refused and "two threads" in refused[0]


def test_reading_a_directory_is_an_os_error(tmp_path):
    with pytest.raises(OSError):
        list(mrrc.MARCReader(tmp_path))
