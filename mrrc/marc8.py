"""MARC-8 to Unicode (pymarc.marc8). The C++ decoder is planned work: until it
lands these names exist and raise NotImplementedError."""

from mrrc._pending import pending, pending_class

marc8_to_unicode, _ = pending("MARC-8 decoding (marc8_to_unicode)")
MARC8ToUnicode = pending_class("MARC8ToUnicode", "MARC-8 decoding (MARC8ToUnicode)")
