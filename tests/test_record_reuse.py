"""A file read by path parses on a producer thread, and records the program
has dropped go back to it to be parsed into again (cpp/include/mrrc/record_pool.hpp).
Whatever a program keeps, drops or changes, every record reads and writes as
the same file read from bytes (parsed without reuse) does."""

import gc
import io

import pytest
from corpus_files import binary_files

import mrrc


def snapshot(record):
    if record is None:
        return None
    return (record.as_marc(), str(record.leader), [(f.tag, f.value()) for f in record.fields])


def from_bytes(path):
    return [snapshot(r) for r in mrrc.MARCReader(path.read_bytes())]


@pytest.mark.parametrize("path", binary_files(), ids=lambda p: p.name)
def test_records_kept_among_dropped_ones_are_unchanged(path):
    expected = from_bytes(path)
    kept = []
    seen = []
    for index, record in enumerate(mrrc.MARCReader(str(path))):
        seen.append(snapshot(record))  # read at once, as a loop reads it
        if index % 5 == 0:
            kept.append((index, record))  # the others are dropped and go back for reuse
    assert seen == expected
    gc.collect()
    assert [snapshot(record) for _, record in kept] == [expected[i] for i, _ in kept]


def test_records_outlive_their_reader_and_changed_ones_are_their_own(tmp_path):
    path = tmp_path / "many.mrc"
    source = binary_files()[0].read_bytes()
    path.write_bytes(source * 40)
    reader = mrrc.MARCReader(str(path))
    records = [r for r in reader if r is not None]
    reader.close()
    del reader
    expected = [r.as_marc() for r in mrrc.MARCReader(source * 40) if r is not None]
    assert [r.as_marc() for r in records] == expected
    for record in records[::2]:
        record.add_field(mrrc.Field(tag="500", indicators=[" ", " "], subfields=[mrrc.Subfield("a", "added")]))
    changed = records[::2]
    del records  # the unchanged half goes back to a pool whose reader is gone
    gc.collect()
    assert all(r.get_fields("500")[-1]["a"] == "added" for r in changed)
    again = [r for r in mrrc.MARCReader(str(path)) if r is not None]  # a new reader, its own pool
    assert [r.as_marc() for r in again] == expected


def test_a_record_written_by_a_path_writer_after_its_reader_dropped_the_rest(tmp_path):
    path = binary_files()[0]
    out = tmp_path / "out.mrc"
    writer = mrrc.MARCWriter(str(out))
    for index, record in enumerate(mrrc.MARCReader(str(path))):
        if record is not None and index % 2 == 0:
            writer.write(record)  # held by the writer's batch while later records are parsed
    writer.close()
    expected = io.BytesIO()
    for index, record in enumerate(mrrc.MARCReader(path.read_bytes())):
        if record is not None and index % 2 == 0:
            expected.write(record.as_marc())
    assert out.read_bytes() == expected.getvalue()
