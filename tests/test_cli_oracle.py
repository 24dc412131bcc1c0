"""`mrrc convert` and `mrrc dump` against pymarc 5.4.0's own writers, for the
formats pymarc writes: the command line's bytes are pymarc's."""

import io
import warnings

import pytest
from cli_helpers import BINARY, XML, existing, mrrc_run
from oracle import DATA, answer, pymarc


def pymarc_records(name):
    path = DATA / name
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if path.suffix == ".xml":
            return pymarc.parse_xml_to_array(str(path))
        with open(path, "rb") as handle:
            return [r for r in pymarc.MARCReader(handle) if r is not None]


def pymarc_output(records, format):
    buffer = io.BytesIO()
    if format == "marc":
        writer = pymarc.MARCWriter(buffer)
    elif format == "xml":
        writer = pymarc.XMLWriter(buffer)
    else:
        text = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
        writer = {"json": pymarc.JSONWriter, "text": pymarc.TextWriter}[format](text)
    for record in records:
        writer.write(record)
    writer.close(close_fh=False)
    if format in ("json", "text"):
        text.flush()
    return buffer.getvalue()


@pytest.mark.parametrize("to", ["marc", "xml", "json", "text"])
@pytest.mark.parametrize("name", existing(BINARY) + existing(XML[:2]))
def test_convert_gives_pymarcs_bytes(name, to):
    done = mrrc_run("convert", "--to", to, name)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == answer(lambda: pymarc_output(pymarc_records(name), to))


@pytest.mark.parametrize("name", existing(BINARY[:3]))
def test_dump_is_pymarcs_text_writer(name):
    assert mrrc_run("dump", name).stdout == answer(lambda: pymarc_output(pymarc_records(name), "text"))
