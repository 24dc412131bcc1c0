"""MARC 21 structural constants, with pymarc's names and values."""

LEADER_LEN = 24
DIRECTORY_ENTRY_LEN = 12
SUBFIELD_INDICATOR = "\x1f"
END_OF_FIELD = "\x1e"
END_OF_RECORD = "\x1d"
