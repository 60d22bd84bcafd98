"""`python -m bot.cli` runs the `twin` command."""

from bot.cli.main import main

main()
