"""What ``count``, ``stats`` and ``validate`` find in records, kept apart
from reading and printing so that each is a plain function of records."""

from collections import Counter, defaultdict

# MARC 21 leader/06, type of record (bibliographic, authority, holdings,
# classification, community information).
RECORD_TYPES = {
    "a": "language material", "c": "notated music", "d": "manuscript notated music",
    "e": "cartographic material", "f": "manuscript cartographic material", "g": "projected medium",
    "i": "nonmusical sound recording", "j": "musical sound recording",
    "k": "two-dimensional nonprojectable graphic", "m": "computer file", "o": "kit", "p": "mixed materials",
    "r": "three-dimensional artifact or naturally occurring object", "t": "manuscript language material",
    "q": "community information", "u": "unknown holdings", "v": "multipart item holdings",
    "w": "classification data", "x": "single-part item holdings", "y": "serial item holdings",
    "z": "authority data",
}
CODING_SCHEMES = {" ": "MARC-8", "a": "UTF-8"}
INDICATOR_CHARACTERS = frozenset(" 0123456789abcdefghijklmnopqrstuvwxyz")
SUBFIELD_CODES = frozenset("0123456789abcdefghijklmnopqrstuvwxyz")


def type_name(code):
    return RECORD_TYPES.get(code, "not a MARC 21 type")


class Count:
    """Records, bad records and leader/06 types of one input (or a total)."""

    def __init__(self, name):
        self.name = name
        self.records = 0
        self.bad = 0
        self.types = Counter()

    def add(self, record):
        self.records += 1
        self.types[str(record.leader)[6:7]] += 1

    def merge(self, other):
        self.records += other.records
        self.bad += other.bad
        self.types.update(other.types)

    def as_dict(self):
        return {"file": self.name, "records": self.records, "bad_records": self.bad,
                "types": dict(sorted(self.types.items()))}

    def lines(self):
        out = [f"records: {self.records}", f"bad records: {self.bad}"]
        if self.types:
            out.append("leader/06 type of record:")
            for code, number in sorted(self.types.items()):
                out.append(f"  {code!r}: {number} ({type_name(code)})")
        return out


def _summary(values):
    if not values["count"]:
        return {"count": 0}
    return {"count": values["count"], "min": values["min"], "max": values["max"],
            "mean": round(values["total"] / values["count"], 1), "total": values["total"]}


class Stats:
    """Tag and subfield frequencies, record sizes, encodings and types."""

    def __init__(self):
        self.records = 0
        self.bad = 0
        self.sizes = {"count": 0, "min": None, "max": None, "total": 0}
        self.fields_per_record = {"count": 0, "min": None, "max": None, "total": 0}
        self.encodings = Counter()
        self.types = Counter()
        self.levels = Counter()
        self.tag_records = Counter()  # records with the tag
        self.tag_occurrences = Counter()
        self.subfields = defaultdict(Counter)  # tag -> code -> occurrences

    @staticmethod
    def _note(summary, value):
        summary["count"] += 1
        summary["total"] += value
        summary["min"] = value if summary["min"] is None else min(summary["min"], value)
        summary["max"] = value if summary["max"] is None else max(summary["max"], value)

    def add(self, record, size):
        """One record, and its size in bytes as ISO 2709 (None when unknown)."""
        self.records += 1
        leader = str(record.leader)
        self.encodings[leader[9:10]] += 1
        self.types[leader[6:7]] += 1
        self.levels[leader[7:8]] += 1
        if size is not None:
            self._note(self.sizes, size)
        fields = record.fields
        self._note(self.fields_per_record, len(fields))
        seen = set()
        for field in fields:
            tag = field.tag
            self.tag_occurrences[tag] += 1
            seen.add(tag)
            if not field.is_control_field():
                counts = self.subfields[tag]
                for code, _value in field.subfields:
                    counts[code] += 1
        self.tag_records.update(seen)

    def as_dict(self):
        return {
            "records": self.records,
            "bad_records": self.bad,
            "record_bytes": _summary(self.sizes),
            "fields_per_record": _summary(self.fields_per_record),
            "encodings": {CODING_SCHEMES.get(code, repr(code)): n for code, n in sorted(self.encodings.items())},
            "types": dict(sorted(self.types.items())),
            "bibliographic_levels": dict(sorted(self.levels.items())),
            "tags": {tag: {"records": self.tag_records[tag], "occurrences": self.tag_occurrences[tag],
                           "subfields": dict(sorted(self.subfields[tag].items()))}
                     for tag in sorted(self.tag_occurrences)},
        }

    def lines(self):
        report = self.as_dict()
        out = [f"records: {self.records}", f"bad records: {self.bad}"]
        for key, label in (("record_bytes", "record bytes"), ("fields_per_record", "fields per record")):
            summary = report[key]
            if summary["count"]:
                out.append(f"{label}: min {summary['min']}, mean {summary['mean']}, max {summary['max']}")
        out.append("encodings (leader/09): " + ", ".join(f"{k} {v}" for k, v in report["encodings"].items()))
        out.append("types (leader/06): " + ", ".join(f"{k!r} {v}" for k, v in report["types"].items()))
        out.append("tag  records  occurrences  subfields")
        for tag, row in report["tags"].items():
            codes = " ".join(f"${code}:{n}" for code, n in row["subfields"].items())
            out.append(f"{tag:<4} {row['records']:>7}  {row['occurrences']:>11}  {codes}".rstrip())
        return out


def record_warnings(record):
    """Structural doubts about a record that was read: (tag, message) pairs."""
    out = []
    leader = str(record.leader)
    if leader[9:10] not in CODING_SCHEMES:
        out.append(("LDR", f"leader/09 {leader[9:10]!r} is neither blank (MARC-8) nor 'a' (UTF-8)"))
    if leader[10:12] != "22":
        out.append(("LDR", f"leader/10-11 {leader[10:12]!r} should be '22' (indicator and subfield code counts)"))
    if leader[20:24] != "4500":
        out.append(("LDR", f"leader/20-23 {leader[20:24]!r} should be '4500' (the entry map)"))
    for field in record.fields:
        tag = field.tag
        if not (len(tag) == 3 and tag.isdigit()):
            out.append((tag, f"tag {tag!r} is not three digits"))
        if field.is_control_field():
            continue
        for position, indicator in ((1, field.indicator1), (2, field.indicator2)):
            if indicator not in INDICATOR_CHARACTERS:
                out.append((tag, f"indicator {position} {indicator!r} is not a blank, a digit or a lower-case letter"))
        if not field.subfields:
            out.append((tag, "a data field without subfields"))
        for code, value in field.subfields:
            if code not in SUBFIELD_CODES:
                out.append((tag, f"subfield code {code!r} is not a digit or a lower-case letter"))
            elif not value:
                out.append((tag, f"subfield ${code} is empty"))
    return out


def invalid_utf8(chunk):
    """Where a chunk flagged UTF-8 is not UTF-8 (offset in the record), or None."""
    try:
        chunk.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start
    return None
