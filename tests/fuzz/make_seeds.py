"""Seed corpora for the fuzz targets, from the files in tests/data:

    python tests/fuzz/make_seeds.py OUT_DIR [TARGET ...]

Each seed carries the option bytes its target reads first (see
cpp/fuzz/fuzz_input.hpp), so a seed of a real record is tried under several
parse modes. Records are taken one by one (record, scanner: whole files too),
MARCXML and JSON documents whole, MARC-8 values from MARC-8 records.
"""

import pathlib
import sys

DATA = pathlib.Path(__file__).resolve().parent.parent / "data"
BINARY = {".mrc", ".dat", ".marc", ".usmarc"}


def records(data):
    """The chunks between record terminators, as pymarc cuts a file."""
    return [chunk + b"\x1d" for chunk in data.split(b"\x1d") if chunk.strip()]


def seeds(target):
    binaries = sorted(p for p in DATA.rglob("*") if p.suffix in BINARY)
    if target == "record":
        for path in binaries:
            for index, chunk in enumerate(records(path.read_bytes())[:20]):
                yield f"{path.stem}-{index}", bytes([index % 64]) + chunk
    elif target == "stream":
        for path in binaries:
            data = path.read_bytes()[:200_000]
            yield path.stem, bytes([len(data) % 64, 13, 3]) + data
    elif target == "scanner":
        for path in binaries:
            yield path.stem, path.read_bytes()[:50_000]
    elif target == "marc8":
        for path in binaries:
            for index, chunk in enumerate(records(path.read_bytes())[:20]):
                if chunk[9:10] == b" ":  # a MARC-8 record: its values
                    for k, value in enumerate(chunk.split(b"\x1f")[1:40]):
                        yield f"{path.stem}-{index}-{k}", b"\x42\x45" + value.split(b"\x1e")[0]
    elif target == "json":
        for path in sorted(DATA.rglob("*.json")):
            yield path.stem, path.read_bytes()[:200_000]
    elif target == "xml":
        for path in sorted(DATA.rglob("*.xml")):
            yield path.stem, bytes([0, 97]) + path.read_bytes()[:200_000]


def main(out_dir, targets):
    for target in targets:
        folder = pathlib.Path(out_dir) / target
        folder.mkdir(parents=True, exist_ok=True)
        count = 0
        for name, data in seeds(target):
            (folder / f"seed-{name}").write_bytes(data)
            count += 1
        print(f"{target}: {count} seeds in {folder}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:] or ["record", "stream", "scanner", "marc8", "json", "xml"])
