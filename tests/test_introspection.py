"""What a program sees of mrrc's classes besides records, compared with pymarc
5.4.0: module paths, repr(), dir(), method kinds, signatures, docstrings,
class relationships, and copying or pickling readers."""

import copy
import inspect
import io
import pickle
import re

import pymarc_answers
import pytest
from oracle import DATA, answer, pymarc
from pymarc_answers import needs_live_pymarc

import mrrc

# Names pymarc 5.4.0 defines as classes at its top level (its incidental imports
# such as BytesIO or defaultdict are not its classes): test_the_class_list_is_pymarcs.
CLASSES = ["BadLeaderValue", "BadSubfieldCodeWarning", "BaseAddressInvalid", "BaseAddressNotFound",
           "EndOfRecordNotFound", "FatalReaderError", "Field", "FieldNotFound", "Indicators", "JSONHandler",
           "JSONReader", "JSONWriter", "Leader", "MARC8ToUnicode", "MARCMakerReader", "MARCReader", "MARCWriter",
           "MissingLinkedFields", "NoActiveFile", "NoFieldsFound", "PymarcException", "RawField", "Reader", "Record",
           "RecordDirectoryInvalid", "RecordLeaderInvalid", "RecordLengthInvalid", "Subfield", "TextWriter",
           "TruncatedRecord", "WriteNeedsRecord", "Writer", "XMLWriter", "XmlHandler"]
# Names whose implementation is other planned work (README status table):
# they exist with pymarc's module path, but have none of pymarc's members yet.
PENDING = {"JSONHandler", "JSONReader", "MARCMakerReader", "XMLWriter", "XmlHandler"}
# Private members of pymarc that mrrc does not reproduce (docs/migrating-from-pymarc.md).
# __next__: hidden so that records and fields are not collections.abc.Iterator
# instances (dask.bag would unpack them); iteration is unchanged (migration guide).
PRIVATE_DIFFERENCES = {"Field": {"_Field__pos", "_indicators", "__next__"}, "RawField": {"_Field__pos", "_indicators"},
                       "Record": {"_Record__pos", "_sort_fields", "__next__"}}


def mrrc_name(text):
    return text.replace("pymarc", "mrrc")


def test_the_class_list_is_pymarcs():
    needs_live_pymarc()
    assert CLASSES == sorted(name for name in dir(pymarc) if not name.startswith("_")
                             and inspect.isclass(getattr(pymarc, name))
                             and getattr(pymarc, name).__module__.startswith("pymarc"))


def test_every_pymarc_class_exists():
    assert [name for name in CLASSES if not hasattr(mrrc, name)] == []


@pytest.mark.parametrize("name", CLASSES)
def test_class_reports_pymarcs_module_path(name):
    ours = getattr(mrrc, name)
    assert (ours.__module__, ours.__qualname__) == \
        answer(lambda: (mrrc_name(getattr(pymarc, name).__module__), getattr(pymarc, name).__qualname__))
    module = __import__(ours.__module__, fromlist=[name])
    assert getattr(module, name) is ours  # importable from where it says it lives


def public_names(cls):
    """dir() without the bookkeeping dunders (__dict__, __slots__, __module__,
    __annotations__, ...) but with the protocol methods pymarc's source defines."""
    # (less what Python's exceptions have, which changes between versions: add_note came in 3.11)
    names = {n for n in dir(cls) if not n.startswith("__") and n not in dir(BaseException)}
    for base in cls.__mro__:
        if base.__module__.startswith(("pymarc", "mrrc")):
            names |= {n for n, v in vars(base).items() if n.startswith("__") and callable(v)
                      and n not in ("__init_subclass__", "__subclasshook__",
                                    "__annotate__", "__annotate_func__")}  # 3.14's lazy annotations
    return names


def kind(cls, name):
    member = inspect.getattr_static(cls, name)
    if isinstance(member, (classmethod, staticmethod)):
        return type(member).__name__
    if isinstance(member, property) or inspect.isdatadescriptor(member) or inspect.ismemberdescriptor(member):
        return "attribute"
    if callable(member):
        return "method"
    return "attribute"


@pytest.mark.parametrize("name", sorted(set(CLASSES) - PENDING))
def test_dir_has_every_pymarc_name_and_method_kinds_match(name):
    ours = getattr(mrrc, name)
    theirs = answer(lambda: {member: kind(getattr(pymarc, name), member)
                             for member in sorted(public_names(getattr(pymarc, name)))}, keep=True)
    missing = set(theirs) - set(dir(ours)) - PRIVATE_DIFFERENCES.get(name, set())
    assert missing == set()
    for member, expected in theirs.items():
        if member not in dir(ours):
            continue
        assert kind(ours, member) == expected, member


def test_convert_legacy_subfields_is_a_classmethod_as_in_pymarc():
    assert isinstance(inspect.getattr_static(mrrc.Field, "convert_legacy_subfields"), classmethod)
    assert mrrc.Field.convert_legacy_subfields(["a", "x", "b", "y"]) == [("a", "x"), ("b", "y")]


@pytest.mark.parametrize("name", sorted(set(CLASSES) - PENDING))
def test_class_relationships_match(name):
    ours = {other: issubclass(getattr(mrrc, name), getattr(mrrc, other)) for other in CLASSES}
    assert ours == answer(lambda: {other: issubclass(getattr(pymarc, name), getattr(pymarc, other))
                                   for other in CLASSES})


def instances(lib):
    data = (DATA / "pymarc" / "test.dat").read_bytes()
    record = next(lib.MARCReader(data))
    return {
        "Record": record,
        "Field": record["245"],
        "control Field": record["001"],
        "new Field": lib.Field("245", lib.Indicators("1", "0"), [lib.Subfield("a", "x")]),
        "RawField": lib.RawField("001", data=b"x"),
        "Leader": record.leader,
        "Subfield": record["245"].subfields[0],
        "Indicators": record["245"].indicators,
        "MARCReader": lib.MARCReader(data),
        "MARCWriter": lib.MARCWriter(io.BytesIO()),
        "TextWriter": lib.TextWriter(io.StringIO()),
        "JSONWriter": lib.JSONWriter(io.StringIO()),
        "MARC8ToUnicode": lib.MARC8ToUnicode(),
        "exception": lib.RecordLengthInvalid(),
        "warning": lib.BadSubfieldCodeWarning(b"\xe1"),
    }


def without_address(text):
    return re.sub(r" at 0x[0-9a-f]+>", " at ...>", text)


def test_repr_of_every_kind_of_object_matches():
    ours = instances(mrrc)
    assert {label: without_address(repr(value)) for label, value in ours.items()} == \
        answer(lambda: {label: mrrc_name(without_address(repr(value))) for label, value in instances(pymarc).items()})
    assert repr(type(ours["Record"])) == "<class 'mrrc.record.Record'>"
    assert without_address(repr(ours["Field"])) == "<mrrc.field.Field object at ...>"


@pytest.mark.parametrize("name", ["Record", "Field", "RawField", "Leader", "MARCReader", "MARCWriter",
                                  "TextWriter", "JSONWriter", "Writer", "MARC8ToUnicode"])
def test_signatures_and_docstrings_for_help(name):
    ours = getattr(mrrc, name)

    def pymarcs():
        theirs = getattr(pymarc, name)
        return list(inspect.signature(theirs).parameters), [
            member for member in dir(theirs) if not member.startswith("_")
            and inspect.getdoc(inspect.getattr_static(theirs, member))]
    expected, documented = answer(pymarcs, keep=True)
    actual = list(inspect.signature(ours).parameters)
    assert actual[: len(expected)] == expected  # mrrc may add options after pymarc's (threads, encoding)
    assert ours.__doc__
    for member in documented:
        if member in dir(ours):
            assert inspect.getdoc(getattr(ours, member)), member


def test_help_shows_constructor_signatures():
    assert str(inspect.signature(mrrc.Field)) == "(tag, indicators=None, subfields=None, data=None)"
    assert list(inspect.signature(mrrc.Record).parameters) == \
        answer(lambda: list(inspect.signature(pymarc.Record).parameters))
    assert inspect.signature(mrrc.Record).parameters["data"].default == ""

    class Subclass(mrrc.Field):
        def __init__(self, tag):
            super().__init__(tag)

    assert str(inspect.signature(Subclass)) == "(tag)"  # a subclass's own __init__ wins


def test_records_and_fields_pickle_under_their_public_names():
    record = next(mrrc.MARCReader((DATA / "pymarc" / "test.dat").read_bytes()))
    payload = pickle.dumps(record)
    assert b"mrrc.record" in payload and b"mrrc._core\x94\x8c\x06Record" not in payload
    again = pickle.loads(payload)
    assert type(again) is mrrc.Record and str(again) == str(record)


def read_titles(reader):
    return [None if r is None else r.title for r in reader]


@pytest.mark.parametrize("how", ["deepcopy", "pickle"])
def test_a_reader_over_bytes_or_bytesio_copies_as_pymarcs(how):
    data = (DATA / "pymarc" / "test.dat").read_bytes()
    duplicate = copy.deepcopy if how == "deepcopy" else (lambda reader: pickle.loads(pickle.dumps(reader)))
    for source in (lambda: data, lambda: io.BytesIO(data)):
        def outcome(lib, source=source):
            reader = lib.MARCReader(source())
            next(reader)
            next(reader)
            twin = duplicate(reader)
            return (read_titles(twin), twin.file_handle.tell(), reader.file_handle.tell(), read_titles(reader),
                    twin.to_unicode)
        assert outcome(mrrc) == answer(lambda: outcome(pymarc))


def test_a_reader_stopped_by_a_fatal_error_stays_stopped_when_copied():
    data = b"0012X" + (DATA / "pymarc" / "one.dat").read_bytes()

    def outcome(lib):
        reader = lib.MARCReader(data)
        first = next(reader)
        twin = pickle.loads(pickle.dumps(reader))
        return first, list(twin), type(twin.current_exception).__name__
    ours = outcome(mrrc)
    assert ours == answer(lambda: outcome(pymarc)) and ours == (None, [], "RecordLengthInvalid")


def test_a_reader_over_a_file_cannot_be_pickled_as_in_pymarc():
    def message(lib):
        with open(DATA / "pymarc" / "test.dat", "rb") as handle:
            with pytest.raises(TypeError, match="cannot pickle") as raised:
                pickle.dumps(lib.MARCReader(handle))
            return str(raised.value)  # CPython's own words, which change between versions
    ours = message(mrrc)
    if pymarc_answers.LIVE:
        assert ours == answer(lambda: message(pymarc))


def test_shallow_copies_of_readers_are_refused_clearly():
    """pymarc's copy.copy() shares the file between two readers; mrrc reads
    ahead, so it says so instead of giving a reader that would interfere."""
    with pytest.raises(TypeError, match="deepcopy"):
        copy.copy(mrrc.MARCReader((DATA / "pymarc" / "test.dat").read_bytes()))


def test_version_and_logger_name():
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", mrrc.__version__)
    # mrrc has a version; pymarc has none (listed in the guide)
    assert answer(lambda: (hasattr(pymarc, "__version__"), pymarc.field.logger.name)) == (False, "pymarc")
    assert mrrc.field.logger.name == "pymarc"


def test_bad_subfield_code_warning_is_pymarcs():
    data = (DATA / "pymarc" / "test.dat").read_bytes()
    raw = bytearray(next(mrrc.MARCReader(data)).as_marc())
    at = raw.index(b"\x1fa", int(raw[12:17]))
    raw[at + 1 : at + 2] = b"\xe1"  # a subfield code that is not ASCII

    def found(lib):
        with pytest.warns(lib.BadSubfieldCodeWarning) as caught:
            next(lib.MARCReader(bytes(raw)))
        return [(type(w.message).__name__, str(w.message), mrrc_name(w.category.__module__)) for w in caught]
    assert found(mrrc) == answer(lambda: found(pymarc))


def test_deleting_a_subfield_by_code_fails_as_in_pymarc():
    def failure(lib):
        field = lib.Field("245", lib.Indicators(" ", " "), [lib.Subfield("a", "x")])
        with pytest.raises(AttributeError, match="__delitem__") as raised:
            del field["a"]
        return str(raised.value).replace("pymarc", "mrrc")
    assert failure(mrrc) == answer(lambda: failure(pymarc))


@pytest.mark.parametrize("method", ["value", "format_field"])
def test_descriptor_methods_are_called_and_overridden_as_pymarcs(method):
    """value() and format_field() are built-in method descriptors (a faster
    call): bound, their signature is pymarc's; unbound calls, subclasses that
    override them and super() behave as with pymarc's functions."""
    def field(lib):
        return lib.Field("245", ["1", "0"], [lib.Subfield("a", " Title "), lib.Subfield("b", "rest.")])
    ours = field(mrrc)

    def pymarcs():
        theirs = field(pymarc)
        return str(inspect.signature(getattr(theirs, method)).replace(return_annotation=inspect.Signature.empty)), \
            getattr(pymarc.Field, method)(theirs), getattr(theirs, method)()
    signature, unbound, expected = answer(pymarcs, keep=True)
    assert str(inspect.signature(getattr(ours, method))) == signature
    assert getattr(mrrc.Field, method)(ours) == unbound
    assert inspect.getdoc(getattr(mrrc.Field, method))

    class Shouting(mrrc.Field):
        def value(self):
            return super().value().upper()

        def format_field(self):
            return "<" + super().format_field() + ">"

    loud = Shouting("245", ["1", "0"], [mrrc.Subfield("a", " Title "), mrrc.Subfield("b", "rest.")])
    assert getattr(loud, method)() == (expected.upper() if method == "value" else f"<{expected}>")
    with pytest.raises(TypeError):
        getattr(mrrc.Field, method)("not a field")
