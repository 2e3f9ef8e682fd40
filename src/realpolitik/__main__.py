"""`python -m realpolitik` runs the CLI."""

from realpolitik.cli import main

main()
