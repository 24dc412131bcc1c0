"""How a str is laid out in memory, for tests that check mrrc makes its strs as
Python does."""

import sys


def width(text):
    """Bytes a character of `text` takes (1, 2 or 4), as its str is laid out:
    read from the size of a new str made from it (sys.getsizeof of `text`
    itself would count a UTF-8 copy Python may have cached beside it, and a
    one-character str may be Python's shared one)."""
    longer = text + "\x00" * 8
    return (sys.getsizeof(longer + "\x00" * 8) - sys.getsizeof(longer)) // 8
