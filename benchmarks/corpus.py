"""Benchmark corpora, generated on demand into benchmarks/.cache (never committed).

- synthetic-{1k,10k,100k}-{utf8,marc8}.mrc: records built with a fixed seed:
  varied tags, repeated fields in non-sorted order, 245 $a $b $c, 6XX, 880s
  with $6 linkage, record sizes from about 200 B to 20 KB. The MARC-8 variant
  spells names with ANSEL diacritics and its 880s in Cyrillic, Greek symbols
  or CJK (EACC).
- real-utf8.mrc: every readable UTF-8 record of tests/data, concatenated and
  repeated to about 10,000 records.

    python benchmarks/corpus.py            # build everything, print the paths
"""

import pathlib
import random
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
CACHE = ROOT / "benchmarks" / ".cache"
DATA = ROOT / "tests" / "data"
SEED = 1969  # the year MARC went into production at the Library of Congress
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}

WORDS = ("library catalog record history science programming language data music poetry "
         "annual report proceedings conference survey introduction handbook theory practice "
         "american british french german world war national public university press society "
         "journal studies collected works selected letters art architecture geography").split()
NAMES = ["Smith, John", "Austen, Jane", "Dostoyevsky, Fyodor", "Curie, Marie", "García Márquez, Gabriel",
         "Müller, Jürgen", "Ōe, Kenzaburō", "Nguyễn, Du", "Brontë, Charlotte", "Čapek, Karel"]
SCRIPTS = ["Преступление и наказание", "戦争と平和", "Αρχαία ελληνικά", "עברית מודרנית", "النحو العربي"]
SUBJECT_SUBDIVISIONS = ["History", "Criticism and interpretation", "Social life and customs", "Fiction"]

# MARC-8 spellings: ANSEL combining marks come before the base letter.
MARC8_NAMES = [b"Smith, John", b"Austen, Jane", b"Garc\xe2ia M\xe2arquez, Gabriel", b"M\xe8uller, J\xe8urgen",
               b"Bront\xe8e, Charlotte", b"\xe9Capek, Karel", b"Dosto\xe9evski\xe6i, Fedor"]
MARC8_SCRIPTS = [b"\x1b(NPRESTUPLENIE\x1b(B", b"\x1bgabc\x1bs", b"Caf\xe2e cr\xe8eme"]
CJK_TEXTS = ["中国图书馆分类法", "日本の図書館", "漢字文化圈研究", "書目資料"]


def eacc_texts():
    """CJK titles in MARC-8 (EACC, three bytes a character, between ESC $ 1 and
    ESC ( B), spelled with pymarc's EACC table."""
    import pymarc.marc8_mapping as mapping

    by_character = {chr(point): code for code, (point, _) in mapping.CODESETS[0x31].items()}
    texts = []
    for text in CJK_TEXTS:
        codes = [by_character[ch] for ch in text if ch in by_character]
        texts.append(b"\x1b$1" + b"".join(code.to_bytes(3, "big") for code in codes) + b"\x1b(B")
    return texts


def words(rng, low, high):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def build_record(rng, number: int, marc8: bool) -> bytes:
    enc = (lambda s: s.encode("ascii", "replace")) if marc8 else (lambda s: s.encode("utf-8"))
    name = rng.choice(MARC8_NAMES) if marc8 else enc(rng.choice(NAMES))
    script = rng.choice(MARC8_SCRIPTS + _EACC) if marc8 else enc(rng.choice(SCRIPTS))
    title = enc(words(rng, 2, 6).capitalize())
    sub = lambda code, value: b"\x1f" + code.encode() + value  # noqa: E731
    fields = [
        (b"001", enc(f"ocm{number:08d}")),
        (b"003", b"OCoLC"),
        (b"005", enc(f"2024{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}120000.0")),
        (b"008", enc(f"{rng.randint(70, 99)}0101s{rng.randint(1900, 2024)}    nyu           000 0 eng d")),
    ]
    for _ in range(rng.randint(0, 3)):
        fields.append((b"020", b"  " + sub("a", enc(f"{rng.randint(10**9, 10**10 - 1)} (pbk.)"))))
    fields.append((b"040", b"  " + sub("a", b"DLC") + sub("c", b"DLC") + sub("d", b"OCoLC")))
    fields.append((b"100", b"1 " + sub("a", name + b",") + sub("d", enc(f"{rng.randint(1800, 1980)}-"))))
    fields.append((b"245", b"10" + sub("6", b"880-01") + sub("a", title + b" :") +
                   sub("b", enc(words(rng, 2, 8)) + b" /") + sub("c", b"by " + name + b".")))
    fields.append((b"260", b"  " + sub("a", b"New York :") + sub("b", b"Example Press,") +
                   sub("c", enc(f"{rng.randint(1900, 2024)}."))))
    fields.append((b"300", b"  " + sub("a", enc(f"{rng.randint(50, 900)} p. :")) + sub("b", b"ill. ;") +
                   sub("c", b"24 cm.")))
    notes = []
    for _ in range(rng.randint(0, 4)):
        notes.append((b"500", b"  " + sub("a", enc(words(rng, 5, 30).capitalize() + "."))))
    if rng.random() < 0.15:  # long contents notes make the occasional large record (up to ~20 KB)
        parts = [enc(words(rng, 3, 9)) for _ in range(rng.randint(20, 400))]
        contents = b" -- ".join(parts)[:18000]
        for start in range(0, len(contents), 9000):  # a field's length has 4 digits
            notes.append((b"505", b"0 " + sub("a", contents[start : start + 9000])))
    subjects = []
    for _ in range(rng.randint(1, 6)):
        subjects.append((b"650", b" 0" + sub("a", enc(words(rng, 1, 3).capitalize())) +
                         sub("x", enc(rng.choice(SUBJECT_SUBDIVISIONS))) + sub("v", b"Fiction.")))
    # Real files are not tag-sorted: notes sometimes follow subjects.
    fields += subjects + notes if rng.random() < 0.3 else notes + subjects
    for _ in range(rng.randint(0, 3)):
        fields.append((b"700", b"1 " + sub("a", rng.choice(MARC8_NAMES) if marc8 else enc(rng.choice(NAMES)))))
    fields.append((b"880", b"10" + sub("6", b"245-01/(N" if marc8 else b"245-01") + sub("a", script)))
    if rng.random() < 0.5:
        fields.append((b"856", b"40" + sub("u", enc(f"http://example.org/record/{number}"))))
    return iso2709(fields, b"a" if not marc8 else b" ")


def iso2709(fields, coding: bytes) -> bytes:
    directory, body = [], []
    offset = 0
    for tag, content in fields:
        data = content + b"\x1e"
        directory.append(tag + b"%04d%05d" % (len(data), offset))
        body.append(data)
        offset += len(data)
    directory_bytes = b"".join(directory) + b"\x1e"
    body_bytes = b"".join(body) + b"\x1d"
    base = 24 + len(directory_bytes)
    leader = b"%05dnam %s22%05d   4500" % (base + len(body_bytes), coding, base)
    return leader + directory_bytes + body_bytes


_EACC = []


def synthetic(size: str, encoding: str) -> pathlib.Path:
    path = CACHE / f"synthetic-{size}-{encoding}.mrc"
    if not path.exists():
        if encoding == "marc8" and not _EACC:
            _EACC.extend(eacc_texts())
        CACHE.mkdir(parents=True, exist_ok=True)
        rng = random.Random(f"{SEED}-{encoding}")
        tmp = path.with_suffix(".tmp")
        with open(tmp, "wb") as out:
            for number in range(SIZES[size]):
                out.write(build_record(rng, number, encoding == "marc8"))
        tmp.rename(path)
    return path


def gigabyte() -> pathlib.Path:
    """The 100k-record synthetic file repeated to just over 1 GB (for memory bounds)."""
    path = CACHE / "gigabyte-utf8.mrc"
    if not path.exists():
        source = synthetic("100k", "utf8").read_bytes()
        tmp = path.with_suffix(".tmp")
        with open(tmp, "wb") as out:
            written = 0
            while written < 1 << 30:
                out.write(source)
                written += len(source)
        tmp.rename(path)
    return path


def real_utf8(target_records: int = 10_000) -> pathlib.Path:
    path = CACHE / "real-utf8.mrc"
    if not path.exists():
        import logging
        import warnings

        import pymarc  # the oracle picks the well-formed records: pymarc re-serialises them unchanged

        CACHE.mkdir(parents=True, exist_ok=True)
        chunks = []
        logging.getLogger("pymarc").setLevel(logging.ERROR)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for file in sorted(DATA.rglob("*")):
                if file.suffix not in {".mrc", ".dat", ".marc", ".usmarc"}:
                    continue
                reader = pymarc.MARCReader(file.read_bytes())
                for record in reader:
                    if record is not None and str(record.leader)[9] == "a":
                        if record.as_marc() == reader.current_chunk:
                            chunks.append(reader.current_chunk)
        repeats = max(1, target_records // len(chunks))
        path.write_bytes(b"".join(chunks) * repeats)
    return path


def real_utf8_xml() -> pathlib.Path:
    """The records of real_utf8() as one MARCXML collection, written by pymarc's
    XMLWriter; records whose XML would be malformed (control characters in
    their values, which ElementTree writes raw) are left out."""
    path = CACHE / "real-utf8.xml"
    if not path.exists():
        import xml.etree.ElementTree as ET

        import pymarc

        tmp = path.with_suffix(".tmp")
        with open(tmp, "wb") as out:
            writer = pymarc.XMLWriter(out)
            for record in pymarc.MARCReader(real_utf8().read_bytes()):
                try:
                    ET.fromstring(pymarc.record_to_xml(record))
                except ET.ParseError:
                    continue
                writer.write(record)
            writer.close()
        tmp.rename(path)
    return path


def real_utf8_text(kind: str) -> pathlib.Path:
    """The records of real_utf8() written by pymarc as MARC-in-JSON ("json": a
    JSON array, JSONWriter's form), newline-delimited MARC-in-JSON ("ndjson")
    or MARCMaker text ("mrk": TextWriter's form)."""
    path = CACHE / f"real-utf8.{kind}"
    if not path.exists():
        import json

        import pymarc

        records = [r for r in pymarc.MARCReader(real_utf8().read_bytes()) if r is not None]
        tmp = path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as out:
            if kind == "json":
                writer = pymarc.JSONWriter(out)
            elif kind == "mrk":
                writer = pymarc.TextWriter(out)
            else:
                writer = None
                for record in records:
                    out.write(json.dumps(record.as_dict(), separators=(",", ":")) + "\n")
            if writer is not None:
                for record in records:
                    writer.write(record)
                writer.close(close_fh=False)
        tmp.rename(path)
    return path


def all_corpora():
    return {
        "real-utf8": real_utf8(),
        "synthetic-10k-utf8": synthetic("10k", "utf8"),
        "synthetic-100k-utf8": synthetic("100k", "utf8"),
        "synthetic-10k-marc8": synthetic("10k", "marc8"),
        "synthetic-1k-utf8": synthetic("1k", "utf8"),
    }


if __name__ == "__main__":
    for name, path in all_corpora().items():
        print(f"{name}: {path} ({path.stat().st_size:,} bytes)", file=sys.stdout)
