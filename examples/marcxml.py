"""MARCXML with mrrc: ISO 2709 to MARCXML and back, and a harvest read record
by record.

    python examples/marcxml.py IN.mrc OUT.xml     # convert, then read OUT.xml back and compare

Everything here is pymarc's API but XMLReader, which streams a document of
any size in bounded memory.
"""

import sys
from typing import Tuple

import mrrc
from mrrc.marcxml import XMLReader


def convert(marc_path: str, xml_path: str) -> Tuple[int, int]:
    """Write every good record of an ISO 2709 file as one MARCXML collection."""
    written = skipped = 0
    with open(xml_path, "wb") as out:
        writer = mrrc.XMLWriter(out)
        for record in mrrc.MARCReader(marc_path):
            if record is None:
                skipped += 1
                continue
            writer.write(record)
            written += 1
        writer.close(close_fh=False)  # writes </collection>
    return written, skipped


def main(marc_path: str, xml_path: str) -> None:
    written, skipped = convert(marc_path, xml_path)
    print(f"{written} records written to {xml_path} ({skipped} bad records skipped)")
    originals = (r for r in mrrc.MARCReader(marc_path) if r is not None)
    same = 0
    for original, from_xml in zip(originals, XMLReader(xml_path)):
        same += original.as_marc() == from_xml.as_marc()
        if same <= 3:
            print(from_xml.title)
    print(f"{same} of {written} records come back from MARCXML byte for byte as ISO 2709")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
