"""Names of pymarc's API whose implementation arrives with a later piece of
work. They exist now (so imports work) and fail clearly when used."""

import sys


def pending(feature: str):
    message = f"{feature} is not implemented in mrrc yet; it is planned work (see the README's status table)"

    def unavailable(*args, **kwargs):
        raise NotImplementedError(message)

    return unavailable, message


def pending_class(name: str, feature: str, base=object):
    _, message = pending(feature)

    def __init__(self, *args, **kwargs):
        raise NotImplementedError(message)

    module = sys._getframe(1).f_globals["__name__"]  # the module that exports it, as pymarc's does
    return type(name, (base,), {"__init__": __init__, "__doc__": message, "__module__": module})
