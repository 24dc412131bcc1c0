"""The ``mrrc`` command line (docs/cli.md): ``mrrc count|head|dump|convert|
filter|grep|split|validate|stats``, also ``python -m mrrc``. Built on click;
nothing here is imported by ``import mrrc``."""

from mrrc.cli.app import cli, main

__all__ = ["cli", "main"]
