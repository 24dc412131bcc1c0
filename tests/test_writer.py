"""MARCWriter through every backend (a path written by the C++ thread, a real
file, BytesIO; UTF-8 and MARC-8) against pymarc 5.4.0's bytes, record by
record; its lifecycle, errors from the operating system, and threads."""

import gc
import io
import os
import subprocess
import sys
import threading
import warnings

import pytest
from corpus_files import DATA, binary_files
from oracle import answer, outcome, pymarc

import mrrc

SAMPLE = DATA / "pymarc" / "test.dat"


def quietly_read(module, data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [r for r in module.MARCReader(io.BytesIO(data) if module is pymarc else data) if r is not None]


def write_each(writer, records):
    """Write every record; the indices of those refused as ISO 2709 cannot hold them."""
    refused = []
    for index, record in enumerate(records):
        try:
            writer.write(record)
        except mrrc.Iso2709LimitExceeded:
            refused.append(index)
    return refused


def through(backend, records, tmp_path, encoding=None):
    """(bytes written, refused indices) for `records` written by one backend."""
    if backend == "bytesio":
        out = io.BytesIO()
        writer = mrrc.MARCWriter(out, encoding=encoding)
        refused = write_each(writer, records)
        return out.getvalue(), refused  # pymarc's way: read without closing the writer
    path = tmp_path / f"out-{backend}.mrc"
    if backend == "path":
        with mrrc.MARCWriter(path, encoding=encoding) as writer:
            refused = write_each(writer, records)
    else:
        with open(path, "wb") as handle:
            refused = write_each(mrrc.MARCWriter(handle, encoding=encoding), records)
    return path.read_bytes(), refused


BACKENDS = ["path", "file", "bytesio"]


@pytest.mark.parametrize("path", binary_files(), ids=lambda p: str(p.relative_to(DATA)))
def test_every_corpus_record_is_written_as_pymarc_writes_it(path, tmp_path):
    data = path.read_bytes()
    ours = quietly_read(mrrc, data)
    mine = [outcome(record.as_marc) for record in ours]
    expected = answer(lambda: [outcome(record.as_marc) for record in quietly_read(pymarc, data)], depth=1, mine=mine)
    # What mrrc refuses (ISO 2709 cannot hold it) pymarc writes corrupt; all else is identical.
    refusals = [index for index, record in enumerate(ours) if refused(record)]
    assert expected == mine or (len(expected) == len(mine) and refusals and
                                all(expected[i] == mine[i] for i in range(len(mine)) if i not in refusals))
    for backend in BACKENDS:
        written, refused_here = through(backend, ours, tmp_path)
        assert refused_here == refusals, backend
        assert written == b"".join(e for i, e in enumerate(mine) if i not in refusals), backend


@pytest.mark.parametrize("path", [p for p in binary_files() if p.parent.name in ("pymarc", "marc4j", "yaz")][:20],
                         ids=lambda p: str(p.relative_to(DATA)))
def test_marc8_output_is_the_same_through_every_backend(path, tmp_path):
    records = quietly_read(mrrc, path.read_bytes())
    expected = b""
    for record in records:
        try:
            expected += record.as_marc(encoding="marc8")
        except (mrrc.Iso2709LimitExceeded, UnicodeEncodeError):
            pass
    results = set()
    for backend in BACKENDS:
        try:
            results.add(through(backend, records, tmp_path, encoding="marc8")[0])
        except UnicodeEncodeError:
            return  # a record MARC-8 cannot say: raised by every backend alike (checked below)
    assert results == {expected}


def modified_records(module):
    records = quietly_read(module, SAMPLE.read_bytes())
    first, second, third, fourth = records[:4]
    first.add_field(module.Field("500", module.Indicators(" ", " "), [module.Subfield("a", "Added note é")]))
    second.remove_fields("650")
    third.leader = third.leader[:5] + "c" + third.leader[6:]
    fourth["245"].indicator1 = "0"
    fourth["245"]["a"] = "A changed title :"
    empty = module.Record()
    only_control = module.Record()
    only_control.add_field(module.Field("001", data="x"))
    made = module.Record()
    made.add_field(module.Field("245", module.Indicators("1", "0"),
                                [module.Subfield("a", "Война и мир"), module.Subfield("c", "Лев Толстой")]),
                   module.Field("880", module.Indicators("1", " "), [module.Subfield("a", "戦争と平和")]))
    return [first, second, third, fourth, empty, only_control, made] + records[4:]


@pytest.mark.parametrize("backend", BACKENDS)
def test_records_changed_or_made_in_python_are_written_as_pymarc_writes_them(backend, tmp_path):
    expected = answer(lambda: b"".join(r.as_marc() for r in modified_records(pymarc)))
    assert through(backend, modified_records(mrrc), tmp_path)[0] == expected


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_record_changed_after_write_is_written_as_it_was(backend, tmp_path):
    # pymarc serialises at write(); the batched path must not see later changes.
    ours = quietly_read(mrrc, SAMPLE.read_bytes())
    expected = answer(lambda: b"".join(r.as_marc() for r in quietly_read(pymarc, SAMPLE.read_bytes())))
    path = tmp_path / "out.mrc"
    out = io.BytesIO()
    writer = mrrc.MARCWriter(path if backend == "path" else out)
    for record in ours:
        writer.write(record)
        record["245"]["a"] = "changed afterwards"
        record.remove_fields("001")
    writer.close(close_fh=False)
    assert (path.read_bytes() if backend == "path" else out.getvalue()) == expected


def over_the_limit(module):
    record = module.Record()
    record.add_field(module.Field("505", module.Indicators(" ", " "), [module.Subfield("a", "x" * 20_000)]))
    return record


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_refused_record_leaves_the_output_with_exactly_the_records_before(backend, tmp_path):
    records = quietly_read(mrrc, SAMPLE.read_bytes())
    xml_big = mrrc.parse_xml_to_array(
        b"<record><leader>00000nam a2200000 a 4500</leader><datafield tag='505' ind1='0' ind2=' '>"
        b"<subfield code='a'>" + b"t" * 12_000 + b"</subfield></datafield></record>")[0]  # refused in C++
    path = tmp_path / "out.mrc"
    out = io.BytesIO()
    writer = mrrc.MARCWriter(path if backend == "path" else out)
    writer.write(records[0])
    for bad in (over_the_limit(mrrc), xml_big):
        with pytest.raises(mrrc.FieldTooLong):
            writer.write(bad)
    writer.write(records[1])  # still usable
    writer.close(close_fh=False)
    written = path.read_bytes() if backend == "path" else out.getvalue()
    assert written == records[0].as_marc() + records[1].as_marc()


@pytest.mark.parametrize("indicator, code", [("ab", "a"), ("", "a"), (" ", "ab"), (" ", "é")])
def test_indicators_and_codes_that_are_not_one_byte_are_refused(indicator, code):
    record = mrrc.Record()
    record.add_field(mrrc.Field("245", mrrc.Indicators(indicator, " "), [mrrc.Subfield(code, "title")]))
    with pytest.raises(mrrc.FieldNotEncodable) as raised:
        record.as_marc()
    assert raised.value.tag == "245" and raised.value.limit == 1

    def pymarc_reads_back_what_it_wrote():
        theirs = pymarc.Record()
        theirs.add_field(pymarc.Field("245", pymarc.Indicators(indicator, " "), [pymarc.Subfield(code, "title")]))
        again = pymarc.Record(theirs.as_marc())
        return [(again["245"].indicators, again["245"].subfields) == (theirs["245"].indicators,
                                                                       theirs["245"].subfields)]
    assert answer(pymarc_reads_back_what_it_wrote) == [False]  # what pymarc writes instead is not what it was


def test_the_lifecycle_follows_pymarc():
    def lifecycle(module):
        seen = []
        handle = io.BytesIO()
        writer = module.MARCWriter(handle)
        seen.append(outcome(lambda: writer.write("not a record"))[:2])
        writer.close(close_fh=False)
        seen.append((handle.closed, writer.file_handle))
        writer = module.MARCWriter(handle)
        writer.close()
        seen.append(handle.closed)
        seen.append(outcome(lambda: writer.write(module.Record())))  # after close(): pymarc writes nothing
        return seen
    ours = lifecycle(mrrc)
    assert ours == answer(lambda: lifecycle(pymarc))
    assert ours == [("raised", "WriteNeedsRecord"), (False, None), True, None]


def test_a_path_writer_closes_its_file_and_reports_double_use(tmp_path):
    record = quietly_read(mrrc, SAMPLE.read_bytes())[0]
    path = tmp_path / "out.mrc"
    writer = mrrc.MARCWriter(str(path))
    handle = writer.file_handle
    writer.write(record)
    writer.flush()
    assert path.read_bytes() == record.as_marc()  # flush(): in the file
    writer.close(close_fh=False)  # a file mrrc opened is closed anyway
    assert handle.closed and writer.file_handle is None
    handle.close()  # closing again does nothing
    with pytest.raises(ValueError):
        handle.write(b"x")
    writer.write(record)  # after close(), as pymarc: nothing
    with pytest.raises(FileNotFoundError):
        mrrc.MARCWriter(tmp_path / "no-such-directory" / "out.mrc")


def test_an_exception_inside_a_with_block_still_writes_what_came_before(tmp_path):
    records = quietly_read(mrrc, SAMPLE.read_bytes())
    path = tmp_path / "out.mrc"
    with pytest.raises(KeyError):
        with mrrc.MARCWriter(path) as writer:
            writer.write(records[0])
            writer.write(records[1])
            raise KeyError("stop")
    assert path.read_bytes() == records[0].as_marc() + records[1].as_marc()


def test_bytes_written_through_the_handle_keep_their_place(tmp_path):
    record = quietly_read(mrrc, SAMPLE.read_bytes())[0]
    path = tmp_path / "out.mrc"
    with mrrc.MARCWriter(path) as writer:
        writer.write(record)
        writer.file_handle.write(b"between")
        writer.write(record)
    assert path.read_bytes() == record.as_marc() + b"between" + record.as_marc()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_is_raised_at_the_next_call_never_lost():
    record = quietly_read(mrrc, SAMPLE.read_bytes())[0]
    writer = mrrc.MARCWriter("/dev/full")
    writer.write(record)  # accepted into the batch
    with pytest.raises(OSError) as raised:
        writer.flush()
    assert raised.value.errno == 28  # ENOSPC
    with pytest.raises(OSError):
        writer.write(record)  # every later call says so too
    writer.close()  # already reported: closing does not raise it again

    writer = mrrc.MARCWriter("/dev/full")
    writer.write(record)
    with pytest.raises(OSError):
        writer.close()  # not reported yet: close() raises it
    with pytest.raises(OSError):  # a file object reports it as Python does, at its flush
        with open("/dev/full", "wb") as handle:
            mrrc.MARCWriter(handle).write(record)


def test_a_writer_dropped_without_close_still_writes_its_records(tmp_path):
    records = quietly_read(mrrc, SAMPLE.read_bytes())
    path = tmp_path / "dropped.mrc"
    writer = mrrc.MARCWriter(path)
    for record in records:
        writer.write(record)
    del writer
    gc.collect()
    assert path.read_bytes() == b"".join(r.as_marc() for r in records)


def test_a_writer_left_open_at_interpreter_exit_is_finished(tmp_path):
    path = tmp_path / "at-exit.mrc"
    script = (f"import mrrc\nrecords = [r for r in mrrc.MARCReader({str(SAMPLE)!r})]\n"
              f"writer = mrrc.MARCWriter({str(path)!r})\nfor r in records: writer.write(r)\n"
              "cycle = [writer]\ncycle.append(cycle)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    records = quietly_read(mrrc, SAMPLE.read_bytes())
    assert path.read_bytes() == b"".join(r.as_marc() for r in records)


@pytest.mark.parametrize("backend", ["path", "bytesio"])
def test_one_writer_shared_by_threads_never_interleaves_records(backend, tmp_path):
    records = quietly_read(mrrc, (DATA / "traject" / "test_data.utf8.mrc").read_bytes())
    path = tmp_path / "shared.mrc"
    out = io.BytesIO()
    writer = mrrc.MARCWriter(path if backend == "path" else out)
    sys_interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        threads = [threading.Thread(target=lambda: [writer.write(r) for r in records * 20]) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(sys_interval)
    writer.close(close_fh=False)
    written = path.read_bytes() if backend == "path" else out.getvalue()
    back = list(mrrc.MARCReader(written))
    assert len(back) == 4 * 20 * len(records) and None not in back
    assert sorted(r.as_marc() for r in back) == sorted(r.as_marc() for r in records * 80)


def test_records_a_path_writer_holds_can_be_read_meanwhile_on_other_threads(tmp_path):
    """Listing a record's subfields (the reader leaves them for later) changes its
    C++ form; a batch serialising the same record without the GIL must not see it."""
    data = (DATA / "traject" / "test_data.utf8.mrc").read_bytes()
    fresh = [quietly_read(mrrc, data) for _ in range(30)]
    expected = [[(f.tag, f.value(), list(f.subfields)) for f in r.fields] for r in quietly_read(mrrc, data)]
    path = tmp_path / "meanwhile.mrc"
    seen = []

    def read_them():
        for records in fresh:
            seen.append([[(f.tag, f.value(), list(f.subfields)) for f in r.fields] for r in records])

    sys_interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        tee = io.BytesIO()
        with mrrc.MARCWriter(path) as writer, mrrc.MARCWriter(tee) as beside:
            reader = threading.Thread(target=read_them)
            reader.start()
            for records in fresh:
                for record in records:
                    writer.write(record)
                    beside.write(record)  # serialised with the GIL, while the batch holds the record
                writer.flush()
            reader.join()
            written_beside = tee.getvalue()
    finally:
        sys.setswitchinterval(sys_interval)
    assert seen == [expected] * len(fresh)
    once = b"".join(r.as_marc() for r in quietly_read(mrrc, data))
    assert path.read_bytes() == once * len(fresh)
    assert written_beside == once * len(fresh)


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="counts threads in /proc")
def test_a_path_writer_starts_its_thread_with_its_first_batch(tmp_path):
    script = f"""
import gc, os, mrrc
def threads():
    return len(os.listdir("/proc/self/task"))
records = list(mrrc.MARCReader({str(SAMPLE)!r}))
gc.collect()
before = threads()
writer = mrrc.MARCWriter({str(tmp_path / "lazy.mrc")!r})
writer.write(records[0])
assert threads() == before, "a thread before the first batch"
writer.flush()
assert threads() == before + 1, "no writer thread after flush()"
writer.close()
assert threads() == before, "the writer thread outlives close()"
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_writers_on_many_threads_each_write_what_a_sequential_run_writes(tmp_path):
    files = [p for p in binary_files() if p.parent.name in ("traject", "marc4j")][:8]
    expected = {}
    for index, path in enumerate(files):
        records = quietly_read(mrrc, path.read_bytes())
        out = io.BytesIO()
        write_each(mrrc.MARCWriter(out), records)
        expected[index] = (records, out.getvalue())

    def job(index):
        records, _ = expected[index]
        with mrrc.MARCWriter(tmp_path / f"{index}.mrc") as writer:
            for _ in range(5):
                write_each(writer, records)

    threads = [threading.Thread(target=job, args=(i,)) for i in expected]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for index, (_, once) in expected.items():
        assert (tmp_path / f"{index}.mrc").read_bytes() == once * 5


def corpus_records():
    records = []
    for path in binary_files():
        if path.parent.name in ("traject", "marc4j", "pymarc", "yaz"):
            records += quietly_read(mrrc, path.read_bytes())
    return [r for r in records if not refused(r)]


def refused(record):
    try:
        record.as_marc()
    except mrrc.Iso2709LimitExceeded:
        return True
    return False


@pytest.mark.parametrize("threads", [1, 2, 4])
def test_write_all_writes_what_marc_writer_writes(threads, tmp_path):
    records = corpus_records() * 3  # enough for batches split across threads
    records += modified_records(mrrc)
    expected = b"".join(r.as_marc() for r in records)
    assert mrrc.write_all(records, tmp_path / "all.mrc", threads=threads) == len(records)
    assert (tmp_path / "all.mrc").read_bytes() == expected
    out = io.BytesIO()
    assert mrrc.write_all(iter(records), out, threads=threads) == len(records)
    assert out.getvalue() == expected and not out.closed
    sayable = [r for r in records[:400] if outcome(lambda r=r: r.as_marc(encoding="marc8"))[0] != "raised"]
    marc8 = b"".join(r.as_marc(encoding="marc8") for r in sayable)
    mrrc.write_all(sayable, tmp_path / "marc8.mrc", encoding="marc8", threads=threads)
    assert (tmp_path / "marc8.mrc").read_bytes() == marc8


def test_write_all_stops_at_a_record_it_cannot_write_with_everything_before_written(tmp_path):
    records = quietly_read(mrrc, SAMPLE.read_bytes())
    for bad, error in ((over_the_limit(mrrc), mrrc.FieldTooLong), ("not a record", mrrc.WriteNeedsRecord)):
        with pytest.raises(error) as raised:
            mrrc.write_all(records[:3] + [bad] + records[3:], tmp_path / "stopped.mrc")
        assert raised.value.record_index == 3
        assert (tmp_path / "stopped.mrc").read_bytes() == b"".join(r.as_marc() for r in records[:3])


def test_write_all_to_a_text_handle_raises_as_pymarc_writers_do():
    records = quietly_read(mrrc, SAMPLE.read_bytes())
    with pytest.raises(TypeError):
        mrrc.write_all(records, io.StringIO())
    with pytest.raises(TypeError):
        mrrc.MARCWriter(io.StringIO()).write(records[0])
    assert answer(lambda: outcome(lambda: pymarc.MARCWriter(io.StringIO()).write(
        quietly_read(pymarc, SAMPLE.read_bytes())[0]))[:2]) == ("raised", "TypeError")


def test_the_concurrent_writing_example_runs_and_checks_itself(tmp_path):
    example = DATA.parent.parent / "examples" / "concurrent_writing.py"
    inputs = [str(DATA / "traject" / "test_data.utf8.mrc"), str(DATA / "marc4j" / "pride-and-prejudice-fixed.mrc")]
    done = subprocess.run([sys.executable, str(example), str(tmp_path), *inputs], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert "outputs identical to the sequential run" in done.stdout
    kept = list(mrrc.MARCReader(str(tmp_path / "all.mrc")))
    assert kept and all(r.get_fields("590")[-1]["a"] == "Checked by the nightly job." for r in kept)


def test_a_path_writer_serialises_its_batches_without_the_gil(tmp_path):
    from test_threading import BIG, other_thread_runs_while_reading

    records = list(mrrc.MARCReader(BIG))

    def write():
        with mrrc.MARCWriter(tmp_path / "big.mrc") as writer:
            for record in records:
                writer.write(record)

    assert other_thread_runs_while_reading(write)
    assert (tmp_path / "big.mrc").read_bytes() == b"".join(r.as_marc() for r in records)


@pytest.mark.parametrize("path", binary_files(), ids=lambda p: str(p.relative_to(DATA)))
def test_text_of_untouched_records_and_text_writer_as_pymarc(path):
    data = path.read_bytes()

    def texts(module):
        strings = [str(r) for r in quietly_read(module, data)]  # mrrc's from the C++ form: no Field made
        out = io.StringIO()
        writer = module.TextWriter(out)
        for record in quietly_read(module, data):
            writer.write(record)
        writer.close(close_fh=False)
        return strings, out.getvalue()
    assert texts(mrrc) == answer(lambda: texts(pymarc))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")
def test_a_forked_child_neither_hangs_nor_writes_the_parents_records_again(tmp_path):
    path = tmp_path / "forked.mrc"
    script = f"""
import os, sys, mrrc
records = list(mrrc.MARCReader({str(SAMPLE)!r}))
writer = mrrc.MARCWriter({str(path)!r})
writer.write(records[0])  # pending in the parent's batch
child = os.fork()
if child == 0:
    sys.exit(0 if writer.file_handle.closed else 3)  # the atexit hook runs here, in the child
_, status = os.waitpid(child, 0)
assert os.waitstatus_to_exitcode(status) == 0, status
writer.write(records[1])
writer.close()
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    records = quietly_read(mrrc, SAMPLE.read_bytes())
    assert path.read_bytes() == records[0].as_marc() + records[1].as_marc()
