"""Errors that stop a platform from starting; `twin` prints them and exits with code 2."""


class SetupError(Exception):
    """A platform cannot start; the message says which variable or setting to fix."""
