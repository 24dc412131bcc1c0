"""What one MARCReader gives over a whole file, in a form that can be compared
with what a split reading (mrrc.byte_ranges, mrrc.dask) gives: each record's
text and leader, and each None (or the exception the reader stored for it)."""

import mrrc


def describe_error(error):
    return ("error", type(error).__name__, str(error), error.record_index, error.byte_offset)


def describe_item(item):
    if item is None:
        return None
    if isinstance(item, BaseException):
        return describe_error(item)
    return ("record", str(item.leader), str(item))


def sequential_items(data, keep_errors=False, **options):
    """The items of MARCReader over `data`, described; with `keep_errors`, each None
    replaced by the exception the reader stored for it."""
    reader = mrrc.MARCReader(data, **options)
    return [describe_item(reader.current_exception if record is None and keep_errors else record)
            for record in reader]


def split_items(items_of_parts):
    """The same description for a split reading's parts (lists of items), joined."""
    return [describe_item(item) for part in items_of_parts for item in part]
