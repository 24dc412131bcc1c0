"""python -m mrrc: the mrrc command line (mrrc/cli, docs/cli.md)."""

from mrrc.cli import main

main()
