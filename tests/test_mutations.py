"""10,000 seeded mutations of valid records (truncations, byte flips, bogus
lengths, structural bytes, splices) read by pymarc 5.4.0 and by mrrc: mrrc
must never crash or hang and must yield exactly what pymarc yields."""

import io
import random

from oracle import DATA, answer, differences, pymarc, run_reader
from pymarc_answers import LIVE, fingerprint

import mrrc

MUTATIONS = 10_000
SEED = 20261122

STRUCTURAL = [b"\x1d", b"\x1e", b"\x1f", b" ", b"0", b"9", b"-", b"+", b"_", b"\xc3", b"\xff", b"\x80", b"a"]


def base_streams():
    """Small real streams of UTF-8 records (so MARC-8 decoding is not involved)."""
    streams = []
    for name in ["pymarc/one.dat", "pymarc/alphatag.dat", "pymarc/multi_isbn.dat", "marc4j/chabon.mrc",
                 "marc4j/summerland.mrc", "traject/george_eliot.marc", "traject/emptyish_record.marc",
                 "yaz/marccol2.u8.marc", "ruby-marc/utf8_multirecord.marc", "pymarc/diacritic.dat"]:
        streams.append((DATA / name).read_bytes())
    return streams


def mutate(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    kind = rng.randrange(8)
    if kind == 0:  # truncate anywhere
        return bytes(b[: rng.randrange(len(b) + 1)])
    if kind == 1:  # flip random bytes
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(b))
            b[i] = rng.randrange(256)
        return bytes(b)
    if kind == 2:  # bogus record length
        b[0:5] = rng.choice([b"00000", b"99999", b"00010", b"-0001", b" 0755", b"0_755", b"abcde",
                             f"{rng.randrange(100000):05d}".encode()])
        return bytes(b)
    if kind == 3:  # bogus base address
        b[12:17] = rng.choice([b"00000", b"99999", b"00024", b"00025", b"0002x", b"-0005",
                               f"{rng.randrange(2000):05d}".encode()])
        return bytes(b)
    if kind == 4:  # corrupt a directory entry
        entries = max(1, (int(bytes(b[12:17]) or 25) - 25) // 12) if bytes(b[12:17]).isdigit() else 1
        start = 24 + 12 * rng.randrange(entries)
        offset = rng.randrange(12)
        b[start + offset : start + offset + 1] = rng.choice(STRUCTURAL)
        return bytes(b)
    if kind == 5:  # insert or delete structural bytes
        i = rng.randrange(len(b) + 1)
        if rng.random() < 0.5:
            b[i:i] = rng.choice(STRUCTURAL)
        else:
            del b[i : i + rng.randint(1, 3)]
        return bytes(b)
    if kind == 6:  # splice two copies at random points
        j = rng.randrange(len(b))
        return bytes(b[:j] + data[rng.randrange(len(data)) :])
    # trailing junk, as real files have
    return bytes(b) + rng.choice([b"\n", b"\r\n", b" " * rng.randint(1, 30), b"\x00", b"0012"])


def detail(data):
    if not LIVE:
        return "see Python >= 3.10"
    return differences(run_reader(pymarc, io.BytesIO(data)), run_reader(mrrc, data))[:2]


def test_ten_thousand_mutations_behave_like_pymarc():
    rng = random.Random(SEED)
    streams = base_streams()
    inputs = [mutate(rng, rng.choice(streams)) for _ in range(MUTATIONS)]

    def fingerprints(module, source):  # of each input's items, not the items: 10,000 inputs' worth is large
        return [fingerprint(run_reader(module, source(data))) for data in inputs]
    ours = fingerprints(mrrc, bytes)
    theirs = answer(lambda: fingerprints(pymarc, io.BytesIO), depth=1, mine=ours)
    differing = [] if ours == theirs else [n for n, (mine, pymarcs) in enumerate(zip(ours, theirs)) if mine != pymarcs]
    failures = [(n, inputs[n][:80], detail(inputs[n])) for n in differing]
    assert failures == [], f"{len(failures)} mutated inputs differ; first: {failures[:3]}"
