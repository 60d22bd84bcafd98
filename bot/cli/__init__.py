"""The command line: `twin` and its subcommands, the terminal chat and plain-text rendering."""
