"""`python -m zwgk_cli` runs the command line."""

from zwgk_cli.cli import main

main()
