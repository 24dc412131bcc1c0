"""The base class of every reader (pymarc.reader.Reader), in a module of its
own so that the readers of each format can build on it without import cycles."""


class Reader:
    """Base class of the readers: an iterator over records."""

    def __iter__(self):
        return self


Reader.__module__ = "mrrc.reader"  # where pymarc users import it from
