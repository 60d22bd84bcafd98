"""`python -m bot ...` runs the `twin` command."""

from bot.cli import main

main()
