"""Quiet, one-line logs from slack-bolt and slack_sdk: the loggers handed to the app and the
Socket Mode handler. Bolt warns that `token` will be unused whenever SLACK_BOT_TOKEN is in the
environment and a client is given (it reads the variable itself), and the Socket Mode client
logs a whole traceback on every failed reconnect; both become what an operator needs."""

from __future__ import annotations

import logging

BOLT_LOGGER = "bot.slack.bolt"
SOCKET_LOGGER = "bot.slack.socket"


class _DropUnusedToken(logging.Filter):
    """Bolt's "As you gave `client` as well, `token` will be unused." (we pass only a client)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


class _OneLine(logging.Filter):
    """Keep the message, drop the traceback: one line per failed attempt."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info or record.exc_text:
            record.msg = record.getMessage()
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        return True


def _with(name: str, kind: type[logging.Filter]) -> logging.Logger:
    logger = logging.getLogger(name)
    if not any(isinstance(f, kind) for f in logger.filters):
        logger.addFilter(kind())
    return logger


def bolt_logger() -> logging.Logger:
    """The logger for `AsyncApp(logger=...)`."""
    return _with(BOLT_LOGGER, _DropUnusedToken)


def socket_logger() -> logging.Logger:
    """The logger for `AsyncSocketModeHandler(logger=...)`: reconnect failures in one line."""
    return _with(SOCKET_LOGGER, _OneLine)
