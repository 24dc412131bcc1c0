"""pymarc's extension points, each checked against pymarc 5.4.0: reader
subclasses (a loop of their own, or around MARCReader's), the reader's
_current_chunk/_current_exception/file_handle, decoding options changed
while reading (every kind of reader), and subclasses of Record, Field, Leader
and the writers: which of their methods the library calls, when, and with
what; pickling and copying of subclass instances."""

import contextlib
import copy
import gc
import io
import json
import pickle
import warnings
import weakref

import pytest
from oracle import DATA, answer, describe_error, describe_record, pymarc
from pymarc_answers import LIVE

import mrrc

PYMARC_DATA = DATA / "pymarc"
LIBRARIES = {"pymarc": pymarc, "mrrc": mrrc}


def read_bytes(name):
    return (PYMARC_DATA / name).read_bytes()


def bad_utf8_record():
    """A UTF-8 record (leader byte 9 'a') with one invalid sequence in a subfield."""
    data = read_bytes("utf8_with_leader_flag.dat")
    at = data.index(b"\xcc\x80")
    return data[:at] + b"\xcc\x28" + data[at + 2:]


# One record of each kind an option decides: UTF-8 with a MARC-8 leader
# (force_utf8), MARC-8 (to_unicode, hide_utf8_warnings), CP1251 (file_encoding),
# bad UTF-8 (utf8_handling), a plain UTF-8 one, and a record that fails.
MIXED = (read_bytes("utf8_without_leader_flag.dat") + read_bytes("marc8.dat") + read_bytes("1251.dat")
         + bad_utf8_record() + read_bytes("bad_marc8_escape.dat") + read_bytes("one.dat")
         + read_bytes("bad_records.mrc")[:-40])  # ends with pymarc's bad records, the last one truncated


def light(record):
    """What a record says, also for to_unicode=False (RawField bytes)."""
    if record is None:
        return None
    fields = [(type(f).__name__, f.tag, f.data, None if f.control_field else (f.indicators, tuple(f.subfields)))
              for f in record.fields]
    return (type(record).__name__, str(record.leader), fields, record.to_unicode, record.force_utf8)


def quietly(function):
    """(result, stderr text), warnings and pymarc's log silenced."""
    said = io.StringIO()
    with warnings.catch_warnings(), contextlib.redirect_stderr(said):
        warnings.simplefilter("ignore")
        result = function()
    return result, said.getvalue()


def drain(reader, change=None, describe=light, handle=None):
    """[(record, error, chunk, stderr, position)] for every item; `change(reader, index)`
    runs before each next()."""
    out = []
    index = 0
    while True:
        if change is not None:
            change(reader, index)
        try:
            record, said = quietly(lambda: next(reader))
        except StopIteration:
            out.append(("end", reader.current_chunk))
            return out
        error = reader.current_exception
        position = None if handle is None else handle.tell()
        out.append((describe(record), None if error is None else describe_error(error), reader.current_chunk,
                    said, position))
        index += 1


# -- pymarc's reader protocol ------------------------------------------------------------------------------------


def test_current_attributes_are_class_attributes_that_instances_set():
    assert mrrc.MARCReader._current_chunk is None and mrrc.MARCReader._current_exception is None
    assert answer(lambda: (pymarc.MARCReader._current_chunk, pymarc.MARCReader._current_exception)) == (None, None)

    def outcome(lib):
        class Reader(lib.MARCReader):
            def __next__(self):
                self._current_exception = lib.TruncatedRecord()
                self._current_chunk = b"xx"
                return None

        reader = Reader(b"")
        before = (reader._current_chunk, reader.current_exception, Reader._current_chunk)
        next(reader)
        after = (type(reader.current_exception).__name__, reader.current_chunk, reader._current_chunk,
                 Reader._current_exception)
        del reader._current_chunk
        return before, after, reader.current_chunk

    assert outcome(mrrc) == answer(lambda: outcome(pymarc))


def test_a_subclass_may_repeat_pymarcs_class_attributes():
    def outcome(lib):
        class Reader(lib.MARCReader):
            _current_chunk = None
            _current_exception = None

        reader = Reader(read_bytes("bad_records.mrc"))
        return [(light(r), reader._current_exception and type(reader._current_exception).__name__,
                 reader._current_chunk) for r in quietly(lambda: list(reader))[0]], Reader._current_chunk

    assert outcome(mrrc) == answer(lambda: outcome(pymarc))


def loop_reader_class(lib, record_class):
    """A reader that replaces __next__ with a loop of its own (pymarc's, written
    out again) and builds records of `record_class`."""

    class LoopReader(lib.MARCReader):
        def __next__(self):
            if isinstance(self._current_exception, lib.FatalReaderError):
                raise StopIteration
            self._current_chunk = None
            self._current_exception = None
            head = self.file_handle.read(5)
            self._current_chunk = head
            if not head:
                raise StopIteration
            if len(head) < 5:
                self._current_exception = lib.TruncatedRecord()
                return None
            try:
                length = int(head)
            except ValueError:
                self._current_exception = lib.RecordLengthInvalid()
                return None
            chunk = head + self.file_handle.read(length - 5)
            self._current_chunk = chunk
            if len(chunk) < length:
                self._current_exception = lib.TruncatedRecord()
                return None
            if chunk[-1:] != b"\x1d":
                self._current_exception = lib.EndOfRecordNotFound()
                return None
            try:
                return record_class(chunk, to_unicode=self.to_unicode, force_utf8=self.force_utf8,
                                    hide_utf8_warnings=self.hide_utf8_warnings,
                                    utf8_handling=self.utf8_handling, file_encoding=self.file_encoding)
            except Exception as error:  # noqa: BLE001 - pymarc's loop keeps any decoding error
                self._current_exception = error
                return None

    return LoopReader


def catalogue_record_class(lib):
    """A Record subclass with properties of its own, built from data=."""

    class CatalogueRecord(lib.Record):
        @property
        def control_number(self):
            field = self.get("001")
            return None if field is None else field.data

        @property
        def call_numbers(self):
            return [f.value() for f in self.get_fields("050", "090")]

    return CatalogueRecord


def module_level(cls, qualname):
    """`cls` made picklable by name from this module (its __name__ stays the same for both libraries)."""
    cls.__qualname__ = qualname
    globals()[qualname] = cls
    return cls


CATALOGUE_RECORDS = {lib: module_level(catalogue_record_class(lib), f"CatalogueRecord_{name}")
                     for name, lib in LIBRARIES.items() if LIVE or lib is mrrc}


def describe_catalogue(record):
    if record is None:
        return None
    return (type(record).__name__, record.control_number, record.call_numbers, describe_record(record))


FILES = ["bad_records.mrc", "test.dat", "marc8.dat", "bad_indicator.dat", "regression45.dat", "testunimarc.dat"]


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("source", ["file", "bytes", "bytesio"])
def test_a_reader_with_its_own_loop_returning_a_record_subclass(name, source, tmp_path):
    data = read_bytes(name)

    def outcome(lib):
        reader_class = loop_reader_class(lib, catalogue_record_class(lib))
        if source == "file":
            path = tmp_path / name
            path.write_bytes(data)
            with open(path, "rb") as handle:
                reader = reader_class(handle)
                assert reader.file_handle is handle
                return drain(reader, describe=describe_catalogue, handle=handle)
        handle = io.BytesIO(b"xyz" + data)
        handle.seek(3)
        reader = reader_class(data if source == "bytes" else handle)
        if source == "bytesio":
            assert reader.file_handle is handle
        assert type(reader.file_handle) is io.BytesIO
        return drain(reader, describe=describe_catalogue, handle=reader.file_handle)

    assert outcome(mrrc) == answer(lambda: outcome(pymarc))


def test_nothing_is_read_from_a_file_before_the_first_next(tmp_path):
    path = tmp_path / "test.dat"
    path.write_bytes(read_bytes("test.dat"))
    def positions(lib):
        with open(path, "rb") as handle:
            handle.seek(3)
            reader = loop_reader_class(lib, lib.Record)(handle)
            return handle.tell(), reader.file_handle.tell()
    assert positions(mrrc) == (3, 3)
    assert answer(lambda: positions(pymarc)) == (3, 3)


def test_a_subclass_around_the_readers_loop_sees_its_attributes(tmp_path):
    """A subclass whose __next__ calls MARCReader.__next__ and reads the
    attributes it set, and now and then reads file_handle itself."""
    data = read_bytes("bad_records.mrc") + read_bytes("test.dat")

    def outcome(lib):
        class Logging(lib.MARCReader):
            def __init__(self, target, **options):
                super().__init__(target, **options)
                self.log = []

            def __next__(self):
                if len(self.log) == 3:
                    self.log.append(("skipped", self.file_handle.read(int(self.file_handle.read(5)) - 5)[-10:]))
                record = super().__next__()
                self.log.append((type(self._current_exception).__name__, len(self._current_chunk or b""),
                                 self.file_handle.tell()))
                return record

        path = tmp_path / "in.mrc"
        path.write_bytes(data)
        with open(path, "rb") as handle:
            reader = Logging(handle)
            items = drain(reader, handle=handle)
            return items, reader.log

    assert outcome(mrrc) == answer(lambda: outcome(pymarc))


def test_a_subclass_reader_pickles_and_copies_as_pymarcs():
    data = read_bytes("test.dat")

    def outcome(lib):
        class Counting(lib.MARCReader):
            def __init__(self, target):
                super().__init__(target, hide_utf8_warnings=True)
                self.seen = 0

        class Looping(loop_reader_class(lib, lib.Record)):
            pass

        results = []
        for cls in (Counting, Looping):
            reader = cls(data)
            next(reader)
            next(reader)
            reader.seen = 2
            for twin in (pickle.loads(pickle.dumps(reader)), copy.deepcopy(reader)):
                results.append((type(twin).__name__, twin.seen, twin.hide_utf8_warnings,
                                [r.title for r in twin], reader.file_handle.tell()))
        return results

    # classes defined in a function cannot be pickled by name: both fail the same way
    assert raised_by(lambda: outcome(mrrc)) == answer(lambda: raised_by(lambda: outcome(pymarc)))


class CountingReader(mrrc.MARCReader):
    def __init__(self, target):
        super().__init__(target)
        self.seen = 0


if LIVE:
    class PymarcCountingReader(pymarc.MARCReader):
        def __init__(self, target):
            super().__init__(target)
            self.seen = 0


def test_a_module_level_subclass_reader_pickles_and_copies():
    data = read_bytes("test.dat")

    def outcome(cls):
        reader = cls(data)
        next(reader)
        reader.seen = 1
        twins = (pickle.loads(pickle.dumps(reader)), copy.deepcopy(reader))
        return [(type(t).__name__.replace("Pymarc", ""), t.seen, [r.title for r in t]) for t in twins]
    assert outcome(CountingReader) == answer(lambda: outcome(PymarcCountingReader))


# -- options changed while reading --------------------------------------------------------------------------------

CHANGES = {
    "force_utf8": [("force_utf8", True)],
    "to_unicode": [("to_unicode", False)],
    "utf8_handling": [("utf8_handling", "replace")],
    "file_encoding": [("file_encoding", "cp1251")],
    "hide_utf8_warnings": [("hide_utf8_warnings", True)],
    "several": [("force_utf8", True), ("utf8_handling", "ignore"), ("permissive", True)],
}


def pymarc_outcome(data, changes, at, repeat=1):
    reader = pymarc.MARCReader(io.BytesIO(data * repeat))
    return drain(reader, change=changer(changes, at))


# The reader options' defaults (pymarc's: test_the_defaults_changed_back_to_are_pymarcs).
DEFAULTS = {name: getattr(mrrc.MARCReader(b""), name) for change in CHANGES.values() for name, _ in change}


def test_the_defaults_changed_back_to_are_pymarcs():
    assert DEFAULTS == answer(lambda: {name: getattr(pymarc.MARCReader(b""), name) for name in DEFAULTS})


def changer(changes, at):
    def change(reader, index):
        if index in at:
            for name, value in changes:
                setattr(reader, name, value if at.index(index) % 2 == 0 else DEFAULTS[name])
    return change


READER_KINDS = ["bytes", "bytesio", "file", "file_owned", "path", "path_threads", "bytes_threads", "own_loop"]


def mrrc_reader(kind, data, tmp_path):
    path = tmp_path / "mixed.mrc"
    path.write_bytes(data)
    if kind == "bytes":
        return mrrc.MARCReader(data)
    if kind == "bytesio":
        return mrrc.MARCReader(io.BytesIO(data))
    if kind == "file":
        handle = open(path, "rb")  # noqa: SIM115 - closed by the reader's close()
        return mrrc.MARCReader(handle)
    if kind == "file_owned":
        return mrrc.MARCReader(open(path, "rb"))  # noqa: SIM115
    if kind == "path":
        return mrrc.MARCReader(path)
    if kind == "path_threads":
        return mrrc.MARCReader(path, threads=2)
    if kind == "bytes_threads":
        return mrrc.MARCReader(data, threads=2)
    return loop_reader_class(mrrc, mrrc.Record)(data)


@pytest.mark.parametrize("kind", READER_KINDS)
@pytest.mark.parametrize("option", sorted(CHANGES))
def test_an_option_changed_while_reading_applies_from_the_next_record(kind, option, tmp_path):
    changes = CHANGES[option]
    for at in ([0], [1], [2, 4], [3, 5], [6]):
        if kind == "own_loop":
            expected = answer(lambda at=at: drain(loop_reader_class(pymarc, pymarc.Record)(io.BytesIO(MIXED)),
                                                  change=changer(changes, at)))
        else:
            expected = answer(lambda at=at: pymarc_outcome(MIXED, changes, at))
        reader = mrrc_reader(kind, MIXED, tmp_path)
        with reader:
            assert drain(reader, change=changer(changes, at)) == expected, at


@pytest.mark.parametrize("kind", ["bytes", "file", "path", "path_threads"])
def test_an_option_changed_after_many_batches_of_records(kind, tmp_path):
    """The change comes after the C++ side has parsed ahead (several batches of
    256 records; the threaded readers' queue) and applies to every later batch."""
    data = read_bytes("utf8_without_leader_flag.dat") + read_bytes("bad_records.mrc")[:-120]
    repeat = 200
    expected = answer(lambda: pymarc_outcome(data, CHANGES["force_utf8"], [700, 1500], repeat))
    reader = mrrc_reader(kind, data * repeat, tmp_path)
    with reader:
        assert drain(reader, change=changer(CHANGES["force_utf8"], [700, 1500])) == expected


def test_the_issues_examples():
    """leader says MARC-8 over UTF-8 bytes; bad UTF-8."""
    data = read_bytes("utf8_without_leader_flag.dat")

    def outcome(lib):
        reader = lib.MARCReader(data + data + bad_utf8_record())
        reader.force_utf8 = True
        first = next(reader)["245"]["a"]
        reader.to_unicode = False
        second = next(reader)["245"]["a"]
        reader.to_unicode = True
        reader.utf8_handling = "replace"
        third = str(next(reader))
        return first, second, third
    ours = outcome(mrrc)
    assert ours == answer(lambda: outcome(pymarc))
    assert isinstance(ours[1], bytes) and "\ufffd" in ours[2]


# -- Record, Field and Leader subclasses --------------------------------------------------------------------------


def test_a_record_subclass_is_decoded_through_its_own_methods():
    data = read_bytes("marc8.dat")

    def outcome(lib):
        calls = []

        class Tracing(lib.Record):
            def decode_marc(self, marc, **options):
                calls.append(("decode_marc", len(marc), sorted(options.items())))
                return super().decode_marc(marc, **options)

            def add_field(self, *fields):
                calls.append(("add_field", [f.tag for f in fields]))
                if all(f.tag != "999" for f in fields):
                    super().add_field(*fields)

        record, said = quietly(lambda: Tracing(data, hide_utf8_warnings=True, utf8_handling="replace"))
        failed = outcome_of(lambda: Tracing(b"00026     2200025   4500\x1e\x1d"))
        return calls, light(record), str(record), record.as_marc(), said, failed

    assert outcome(mrrc) == answer(lambda: outcome(pymarc))


def raised_by(function):
    """The name of the exception function() raised (None if it returned)."""
    try:
        function()
    except Exception as error:  # noqa: BLE001 - compared
        return type(error).__name__
    return None


def outcome_of(function):
    try:
        return function()
    except Exception as error:  # noqa: BLE001 - compared
        return describe_error(error)


@pytest.mark.parametrize("name", ["test.dat", "marc8.dat", "1251.dat", "utf8_with_leader_flag.dat"])
def test_a_record_subclass_with_properties_built_from_data(name):
    data = read_bytes(name)

    def outcome(lib):
        cls = CATALOGUE_RECORDS[lib]
        chunks = [r for r in quietly(lambda: list(lib.MARCReader(data, file_encoding="cp1251"
                                                                  if name == "1251.dat" else "iso8859-1")))[0]]
        out = []
        for record in chunks:
            mine = cls(data=record.as_marc())
            twin = pickle.loads(pickle.dumps(mine))
            deep = copy.deepcopy(mine)
            out.append((describe_catalogue(mine), type(twin).__name__, describe_catalogue(twin),
                        describe_catalogue(deep)))
        return out

    assert outcome(mrrc) == answer(lambda: outcome(pymarc))


def test_a_field_subclass_is_asked_for_its_own_serialisation_and_text():
    def outcome(lib):
        calls = []

        class Upper(lib.Field):
            def as_marc(self, encoding):
                calls.append(("as_marc", encoding))
                return super().as_marc(encoding).upper()

            def __str__(self):
                calls.append(("str",))
                return super().__str__() + " [local]"

            def is_subject_field(self):
                calls.append(("is_subject_field",))
                return True

            def get(self, code, default=None):
                calls.append(("get", code, default))
                return super().get(code, default)

        record = quietly(lambda: next(lib.MARCReader(read_bytes("test.dat"))))[0]
        local = Upper("690", lib.Indicators(" ", "0"), [lib.Subfield("a", "Local"), lib.Subfield("x", "sub"),
                                                       lib.Subfield("6", "880-01")])
        record.add_field(local)
        results = (record.as_marc(), str(record), local.format_field(), local.linkage_occurrence_num(),
                   record.as_dict(), [str(f) for f in record.subjects], local.value())
        twin = pickle.loads(pickle.dumps(local))
        return calls, results, type(copy.deepcopy(local)).__name__, str(twin), type(twin).__name__

    # pickling a class defined in a function fails in both
    assert raised_by(lambda: outcome(mrrc)) == answer(lambda: raised_by(lambda: outcome(pymarc)))


class LocalField(mrrc.Field):
    def as_marc(self, encoding):
        return super().as_marc(encoding).replace(b"Local", b"LOCAL")


if LIVE:
    class PymarcLocalField(pymarc.Field):
        def as_marc(self, encoding):
            return super().as_marc(encoding).replace(b"Local", b"LOCAL")


class ShortLeader(mrrc.Leader):
    @property
    def is_book(self):
        return self.type_of_record == "a" and self.bibliographic_level == "m"


if LIVE:
    class PymarcShortLeader(pymarc.Leader):
        @property
        def is_book(self):
            return self.type_of_record == "a" and self.bibliographic_level == "m"


def test_field_and_leader_subclasses_in_a_record():
    def outcome(lib, field_class, leader_class):
        record = quietly(lambda lib=lib: next(lib.MARCReader(read_bytes("test.dat"))))[0]
        field = field_class("590", lib.Indicators(" ", " "), [lib.Subfield("a", "Local note")])
        record.add_ordered_field(field)
        record.leader = leader_class(str(record.leader))
        marc = record.as_marc()
        twin = pickle.loads(pickle.dumps(record))
        deep = copy.deepcopy(record)
        return (marc, record.leader.is_book, str(record), type(record.leader).__name__.replace("Pymarc", ""),
                [type(f).__name__.replace("Pymarc", "") for f in twin.fields][-3:], twin.as_marc(),
                deep.leader.is_book, str(twin["590"]), record.notes[-1].value())
    assert outcome(mrrc, LocalField, ShortLeader) == \
        answer(lambda: outcome(pymarc, PymarcLocalField, PymarcShortLeader))


# -- writer subclasses --------------------------------------------------------------------------------------------


def test_writer_subclasses_that_filter_and_annotate():
    data = read_bytes("test.dat") + read_bytes("marc8.dat")

    def outcome(lib):
        class OnlyWithIsbn(lib.MARCWriter):
            def write(self, record):
                if record.isbn:
                    super().write(record)

        class Numbered(lib.TextWriter):
            def write(self, record):
                super().write(record)
                self.file_handle.write(f"# {self.write_count}\n")

        class Compact(lib.JSONWriter):
            def write(self, record):
                record.remove_fields("650")
                super().write(record)

        class Stamped(lib.Record):
            def as_marc(self):
                return super().as_marc()[:-1] + b"\x1d"

        records = quietly(lambda: list(lib.MARCReader(data)))[0]
        binary, text, js = io.BytesIO(), io.StringIO(), io.StringIO()
        writers = (OnlyWithIsbn(binary), Numbered(text), Compact(js))
        for record in records:
            for writer in writers:
                writer.write(record)
        stamped = Stamped(data=records[0].as_marc())
        writers[0].write(stamped)
        errors = [outcome_of(lambda w=w: w.write("not a record")) for w in writers]
        for writer in writers:
            writer.close(close_fh=False)
        return binary.getvalue(), text.getvalue(), json.loads(js.getvalue()), errors, writers[0].file_handle

    assert outcome(mrrc) == answer(lambda: outcome(pymarc))


def test_decode_marc_on_a_record_that_has_fields_appends_as_pymarc():
    data = read_bytes("one.dat")

    def outcome(lib):
        record = lib.Record(data=data)
        record.decode_marc(data)
        return [str(f) for f in record.fields], str(record.leader)

    assert outcome(mrrc) == answer(lambda: outcome(pymarc))


def test_fields_are_freed_by_reference_counting_and_subclasses_by_the_cycle_collector_too():
    # mrrc's Field is not tracked by the cycle collector (it holds only its text);
    # a Python subclass of it is, so a cycle through a subclass instance is collected.
    record = next(mrrc.MARCReader(read_bytes("test.dat")))
    assert not any(gc.is_tracked(field) for field in record.fields)
    assert not gc.is_tracked(mrrc.Field("245", subfields=[mrrc.Subfield("a", "Title")]))

    class Noted(mrrc.Field):
        pass

    noted = Noted("245", subfields=[mrrc.Subfield("a", "Title")])
    assert gc.is_tracked(noted)
    noted.note = [noted]
    gone = weakref.ref(noted)
    del noted
    gc.collect()
    assert gone() is None
