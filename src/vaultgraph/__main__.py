"""`python -m vaultgraph` runs the `vault` command."""

from vaultgraph.cli import main

main()
