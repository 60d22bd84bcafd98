"""`python -m bot ...` runs the `twin` command."""

from bot.cli.main import main

main()
