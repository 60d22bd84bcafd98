"""Socket Mode when the websocket cannot be reached: each failed connection attempt is one log
line, never a traceback (slack_sdk retries by itself; the twin hands it a quiet logger). The Web
API out of reach is the supervisor's to retry (tests/discord/test_refused_tokens.py)."""

from __future__ import annotations

import asyncio
import logging
import socket
from typing import Any

from bot.slack.logs import SOCKET_LOGGER
from bot.slack.serve import serve_slack
from tests.fakes.slack_api import FakeSlack
from tests.slack.conftest import SLACK_CONFIG


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # nothing listens there once closed


class ClosedSocket(FakeSlack):
    """apps.connections.open answers a websocket URL where nothing listens."""

    def _api_apps_connections_open(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "url": f"ws://127.0.0.1:{closed_port()}/socket"}


class FirstFailure(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []
        self.seen = asyncio.Event()

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        if "Failed to connect" in record.getMessage():
            self.seen.set()


async def test_a_failed_socket_mode_connection_is_one_line(make_twin) -> None:
    twin = await make_twin(SLACK_CONFIG)
    handler = FirstFailure()
    logger = logging.getLogger(SOCKET_LOGGER)
    logger.addHandler(handler)
    try:
        async with ClosedSocket() as slack_api:
            env = {
                "SLACK_BOT_TOKEN": "xoxb-test",
                "SLACK_APP_TOKEN": "xapp-test",
                "SLACK_API_URL": slack_api.base_url,
            }
            run = asyncio.create_task(serve_slack(twin, twin.config, env))
            await asyncio.wait_for(handler.seen.wait(), 10)
            run.cancel()
            await asyncio.gather(run, return_exceptions=True)
    finally:
        logger.removeHandler(handler)
    failures = [r for r in handler.records if "Failed to connect" in r.getMessage()]
    assert failures and all(r.exc_info is None and r.exc_text is None for r in failures)
    assert all("\n" not in r.getMessage() and "xapp-test" not in r.getMessage() for r in failures)
