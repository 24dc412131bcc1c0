"""python -m mrrc.cli: the mrrc command line."""

from mrrc.cli import main

main()
