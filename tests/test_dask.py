"""mrrc.dask on a real distributed.LocalCluster with worker processes: every
file of tests/data, read as a bag and extracted as a dataframe at block sizes
that put records across cuts, equals the sequential MARCReader / to_pandas
result exactly, Nones and errors included."""

import gzip
import shutil
import warnings

import pytest
from corpus_files import DATA, binary_files, json_files, xml_files
from sequential import describe_item, sequential_items, split_items

import mrrc

dask = pytest.importorskip("dask", reason="mrrc.dask needs dask (pip install 'mrrc[dask]')")
distributed = pytest.importorskip("distributed", reason="the cluster tests need dask.distributed")
mrrc_dask = pytest.importorskip("mrrc.dask")
pd = pytest.importorskip("pandas", reason="to_dataframe needs pandas")
dask_dataframe = pytest.importorskip("dask.dataframe")
pytest.importorskip("pyarrow", reason="to_dataframe needs pyarrow")
pyarrow_parquet = pytest.importorskip("pyarrow.parquet")

COLUMNS = {"id": "001", "date": "008/07-10", "type": "LDR/06", "title": "245$abnp", "subjects": "650$a*",
           "names": "7..$a*"}


@pytest.fixture(scope="module")
def client():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the cluster's own start-up notices
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           dashboard_address=None, silence_logs=40)
    with cluster, distributed.Client(cluster) as client:
        yield client


def computed_parts(bag):
    """Each partition's items."""
    return list(dask.compute(*bag.to_delayed()))


def small_blocksize(path):
    return max(300, path.stat().st_size // 5 + 1)


@pytest.mark.parametrize("path", binary_files(), ids=lambda p: str(p.relative_to(DATA)))
def test_bag_equals_the_sequential_reader(client, path):
    blocksize = small_blocksize(path)
    bag = mrrc_dask.read_marc(str(path), blocksize=blocksize)
    assert split_items(computed_parts(bag)) == sequential_items(path.read_bytes())
    kept = mrrc_dask.read_marc(str(path), blocksize=blocksize, errors="keep").compute()
    assert [describe_item(item) for item in kept] == sequential_items(path.read_bytes(), keep_errors=True)


def test_a_fatal_error_is_the_last_item_with_its_place_in_the_file(client, tmp_path):
    data = (DATA / "marc4j" / "chabon.mrc").read_bytes()
    copy = write(tmp_path, "truncated.mrc", data + data[:100])
    items = mrrc_dask.read_marc(str(copy), blocksize=500, errors="keep").compute()
    fatal = items[-1]
    assert isinstance(fatal, mrrc.exceptions.TruncatedRecord)
    assert fatal.byte_offset == len(data)
    assert fatal.record_index == len(sequential_items(data)) == len(items) - 1
    assert fatal.path.endswith("truncated.mrc")


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_many_partitions_of_a_larger_file(client, tmp_path):
    data = b"".join(p.read_bytes() for p in [DATA / "marc4j" / "pride-and-prejudice-fixed.mrc"] * 3)
    path = write(tmp_path, "big.mrc", data)
    bag = mrrc_dask.read_marc(str(path), blocksize=997)
    assert bag.npartitions > 100
    assert split_items(computed_parts(bag)) == sequential_items(data)


def test_bags_of_one_file_with_other_block_sizes_share_nothing(client):
    path = DATA / "marc4j" / "pride-and-prejudice-fixed.mrc"
    expected = sequential_items(path.read_bytes())
    bags = [mrrc_dask.read_marc(str(path), blocksize=size) for size in (1000, 4000, 30000)]
    assert len({bag.npartitions for bag in bags}) == 3
    for results in (dask.compute(*bags), [bag.compute() for bag in bags]):  # one graph, then one after another
        for items in results:
            assert [describe_item(i) for i in items] == expected


def test_edge_files(client, tmp_path):
    empty = write(tmp_path, "empty.mrc", b"")
    assert mrrc_dask.read_marc(str(empty)).compute() == []
    one = (DATA / "marc4j" / "chabon.mrc").read_bytes()
    first = mrrc.MARCReader(one)
    record = next(first)
    single = write(tmp_path, "one.mrc", record.as_marc())
    for blocksize in (1, 10, 100000):
        items = mrrc_dask.read_marc(str(single), blocksize=blocksize).compute()
        assert [describe_item(i) for i in items] == [describe_item(record)]


def test_corrupted_seams(client, tmp_path):
    data = (DATA / "marc4j" / "selectedRecs.mrc").read_bytes()
    blocksize = len(data) // 4
    for cut in (blocksize, 2 * blocksize, 3 * blocksize):
        for damaged in (data[:cut] + b"\x1d" + data[cut:], data[:cut - 2] + b"99999" + data[cut + 3:],
                        data[:cut] + data[cut + 17:]):
            path = write(tmp_path, "damaged.mrc", damaged)
            parts = computed_parts(mrrc_dask.read_marc(str(path), blocksize=blocksize))
            assert split_items(parts) == sequential_items(damaged)


def test_a_list_of_files_and_a_glob_keep_their_order(client, tmp_path):
    names = ["marc4j/chabon.mrc", "pymarc/bad_records.mrc", "marc4j/summerland.mrc"]
    paths = []
    for n, name in enumerate(names):
        paths.append(str(write(tmp_path, f"part{n}.mrc", (DATA / name).read_bytes())))
    expected = []
    for path in paths:
        expected.extend(i for i in sequential_items(open(path, "rb").read(), keep_errors=True))
    for source in (paths, str(tmp_path / "part*.mrc")):
        items = mrrc_dask.read_marc(source, blocksize=700, errors="keep").compute()
        assert [describe_item(i) for i in items] == expected


def test_reader_options_reach_the_workers(client):
    path = DATA / "marc4j" / "chabon.mrc"
    def raw(record):  # to_unicode=False: values stay bytes (str() of the record would fail, as in pymarc)
        return [(f.tag, f.data if f.is_control_field() else f.subfields) for f in record.fields]

    sequential = [raw(r) for r in mrrc.MARCReader(str(path), to_unicode=False)]
    assert any(isinstance(subfield.value, bytes) for _, content in sequential[0] if isinstance(content, list)
               for subfield in content)
    assert [raw(r) for r in mrrc_dask.read_marc(str(path), blocksize=400, to_unicode=False).compute()] == sequential
    with pytest.raises(TypeError, match="unexpected options"):
        mrrc_dask.read_marc(str(path), threads=2)


@pytest.mark.parametrize("name", ["oversized-zeros.iso", "oversized-field-nines.iso"])
def test_oversized_reading_across_partitions(client, name):
    path = DATA / "mrrc" / name
    data = path.read_bytes()
    sequential = list(mrrc.MARCReader(data, oversized="scan"))
    assert any(r is not None and r.oversized is not None for r in sequential)
    for blocksize in (1000, len(data) // 3 + 1):
        items = mrrc_dask.read_marc(str(path), blocksize=blocksize, oversized="scan", errors="keep").compute()
        assert [describe_item(i) for i in items] == sequential_items(data, keep_errors=True, oversized="scan")
        # where each rescued record is in the whole file, after crossing from the workers
        assert [getattr(i, "oversized", None) for i in items] == [getattr(r, "oversized", None) for r in sequential]
    with pytest.raises(ValueError, match="oversized"):
        mrrc_dask.read_marc(str(path), oversized="yes")


def test_compressed_and_text_formats_are_one_partition_per_file(client, tmp_path):
    source = DATA / "marc4j" / "chabon.mrc"
    packed = tmp_path / "chabon.mrc.gz"
    with open(source, "rb") as f, gzip.open(packed, "wb") as out:
        shutil.copyfileobj(f, out)
    bag = mrrc_dask.read_marc(str(packed), blocksize=100)
    assert bag.npartitions == 1
    assert [describe_item(i) for i in bag.compute()] == sequential_items(source.read_bytes())


def test_json_lines_are_split_between_lines(client, tmp_path):
    import json

    records = [r for r in mrrc.MARCReader((DATA / "marc4j" / "pride-and-prejudice-fixed.mrc").read_bytes())]
    lines = [json.dumps(r.as_dict()) for r in records]
    lines[3:3] = ["", "{not json"]
    lines[40:40] = ['{"leader": 5}']
    path = write(tmp_path, "records.ndjson", "\n".join(lines).encode())
    reader = mrrc.marcjson.NDJSONReader(str(path))
    expected = [(None if r is None else describe_item(r)) for r in reader]
    reader = mrrc.marcjson.NDJSONReader(str(path))
    numbers = [reader.current_exception.line_number for r in reader if r is None]
    assert numbers == [5, 41]
    for blocksize in (500, 7000, None):
        bag = mrrc_dask.read_marc(str(path), blocksize=blocksize)
        assert bag.npartitions == (1 if blocksize is None else -(-path.stat().st_size // blocksize))
        assert [describe_item(i) for i in bag.compute()] == expected
        kept = mrrc_dask.read_marc(str(path), blocksize=blocksize, errors="keep").compute()
        assert [i.line_number for i in kept if isinstance(i, Exception)] == numbers
        assert all(i.path == str(path) for i in kept if isinstance(i, Exception))


def test_json_lines_dataframe_is_split_too(client, tmp_path):
    import json

    records = [r for r in mrrc.MARCReader((DATA / "marc4j" / "pride-and-prejudice-fixed.mrc").read_bytes())]
    lines = [json.dumps(r.as_dict()) for r in records]
    lines[10:10] = ["", "{not json", "  "]
    lines[200:200] = ['{"leader": 5}']
    path = write(tmp_path, "records.jsonl", "\n".join(lines).encode())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mrrc.columns.ExtractionWarning)
        expected = mrrc.to_pandas(str(path), COLUMNS, errors="ignore")
    extraction = mrrc.columns.Extraction(str(path), COLUMNS, errors="ignore")
    list(extraction)
    sequential = {str(mrrc.columns.ExtractionError(s)) for s in extraction.skipped}
    assert len(sequential) == 2
    frame = mrrc_dask.to_dataframe(str(path), COLUMNS, blocksize=3000, errors="ignore")
    assert frame.npartitions > 50
    frames_equal(frame.compute(), expected)
    with pytest.raises(mrrc.columns.ExtractionError) as split:
        mrrc_dask.to_dataframe(str(path), COLUMNS, blocksize=3000, errors="raise").compute()
    assert str(split.value) in sequential  # with its index among the file's items


@pytest.mark.parametrize("path", xml_files()[:12], ids=lambda p: str(p.relative_to(DATA)))
def test_marcxml_files_read_as_xml_reader(client, path):
    from mrrc.marcxml import XMLReader

    try:
        expected = [describe_item(r) for r in XMLReader(str(path))]
    except Exception as error:  # noqa: BLE001 - the same failure must come from the cluster
        with pytest.raises(type(error)):
            mrrc_dask.read_marc(str(path)).compute()
        return
    assert [describe_item(r) for r in mrrc_dask.read_marc(str(path)).compute()] == expected


@pytest.mark.parametrize("path", json_files(), ids=lambda p: str(p.relative_to(DATA)))
def test_marc_in_json_files_read_as_json_reader(client, path):
    try:
        expected = [describe_item(r) for r in mrrc.JSONReader(str(path))]
    except Exception as error:  # noqa: BLE001 - the same failure must come from the cluster
        with pytest.raises(type(error)):
            mrrc_dask.read_marc(str(path)).compute()
        return
    assert [describe_item(r) for r in mrrc_dask.read_marc(str(path)).compute()] == expected


# -- dataframes ----------------------------------------------------------------------------------


def frames_equal(got, expected):
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected.reset_index(drop=True))


@pytest.mark.parametrize("path", binary_files(), ids=lambda p: str(p.relative_to(DATA)))
def test_dataframe_equals_to_pandas(client, path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mrrc.columns.ExtractionWarning)
        expected = mrrc.to_pandas(str(path), COLUMNS, errors="ignore")
    frame = mrrc_dask.to_dataframe(str(path), COLUMNS, blocksize=small_blocksize(path), errors="ignore")
    frames_equal(frame.compute(), expected)


def test_dataframe_errors_raise_with_their_place_in_the_file(client):
    path = DATA / "pymarc" / "bad_records.mrc"
    extraction = mrrc.columns.Extraction(str(path), COLUMNS, errors="ignore")
    list(extraction)
    sequential = {str(mrrc.columns.ExtractionError(s)) for s in extraction.skipped}
    assert len(sequential) > 1
    with pytest.raises(mrrc.columns.ExtractionError) as split:
        mrrc_dask.to_dataframe(str(path), COLUMNS, blocksize=300, errors="raise").compute()
    assert str(split.value) in sequential  # one of the file's bad records, where the file has it
    with pytest.raises(mrrc.columns.ExtractionError) as whole:
        mrrc_dask.to_dataframe(str(path), COLUMNS, blocksize=None, errors="raise").compute()
    with pytest.raises(mrrc.columns.ExtractionError) as one_process:
        mrrc.to_pandas(str(path), COLUMNS, errors="raise")
    assert str(whole.value) == str(one_process.value)


def test_dataframe_of_many_partitions_and_parquet(client, tmp_path):
    data = (DATA / "marc4j" / "pride-and-prejudice-fixed.mrc").read_bytes() * 2
    path = write(tmp_path, "big.mrc", data)
    frame = mrrc_dask.to_dataframe(str(path), COLUMNS, blocksize=2000)
    assert frame.npartitions > 50
    expected = mrrc.to_pandas(str(path), COLUMNS)
    frames_equal(frame.compute(), expected)
    mrrc_dask.to_parquet(str(path), str(tmp_path / "out.parquet"), COLUMNS, blocksize=2000)
    assert sorted(p.name for p in (tmp_path / "out.parquet").glob("*.parquet"))[:2] == ["part.000.parquet",
                                                                                       "part.001.parquet"]
    back = pyarrow_parquet.read_table(tmp_path / "out.parquet")  # the part files as a directory lists them
    assert back.equals(mrrc.to_arrow(str(path), COLUMNS))  # the rows in file order, to_arrow()'s types
    assert len(dask_dataframe.read_parquet(tmp_path / "out.parquet")) == len(expected)


@pytest.mark.parametrize("name", ["marc4j/chabon.xml", "marc4j/marc-in-json.json"])
def test_dataframe_of_text_formats(client, name):
    path = DATA / name
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mrrc.columns.ExtractionWarning)
        expected = mrrc.to_pandas(str(path), COLUMNS)
    frames_equal(mrrc_dask.to_dataframe(str(path), COLUMNS).compute(), expected)
