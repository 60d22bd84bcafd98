"""Running Slack: `serve_slack` until cancelled, in Socket Mode when SLACK_APP_TOKEN is set, else
in HTTP mode, where `SlackHttpServer` serves POST /slack/events with aiohttp."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp

from bot.listen import serve
from bot.slack.app import build_slack_bot
from bot.slack.logs import socket_logger
from bot.slack.surface import scope_warning
from bot.slack.tokens import check_bot_token, open_socket_url
from core.config import Config

if TYPE_CHECKING:
    from core.twin import Twin

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"


class SlackHttpServer:
    """HTTP mode: serves POST /slack/events for an AsyncApp with aiohttp."""

    def __init__(
        self,
        app: AsyncApp,
        host: str,
        port: int,
        path: str = EVENTS_PATH,
        setting: str = "[slack] port",
    ) -> None:
        self.app = app
        self.host = host
        self.port = port
        self.path = path
        self.setting = setting  # named when the port cannot be used
        self._runner: web.AppRunner | None = None

    async def _handle(self, request: web.Request) -> web.Response:
        response = await self.app.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(response)

    async def start(self) -> None:
        """Listen; with port 0 the chosen port is in `self.port` afterwards."""
        web_app = web.Application()
        web_app.router.add_post(self.path, self._handle)
        self._runner = await serve(web_app, self.host, self.port, self.setting)
        self.port = int(self._runner.addresses[0][1])
        log.info("slack: HTTP mode listening on %s:%d%s", self.host, self.port, self.path)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}{self.path}"


async def serve_slack(
    twin: Twin,
    config: Config,
    env: Mapping[str, str],
    *,
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Run Slack until cancelled: Socket Mode when SLACK_APP_TOKEN is set, else HTTP mode on
    `[slack] host` / `port`, requests verified with SLACK_SIGNING_SECRET. `on_ready` gets
    "socket mode" or the events URL once Slack can reach the twin. First it says in one log
    line which OAuth scopes the installed token lacks, if any (`scope_warning`)."""
    bot = build_slack_bot(twin, config, env)
    app_token = env.get("SLACK_APP_TOKEN")
    async with contextlib.AsyncExitStack() as running:  # closed in reverse: the bot last
        running.push_async_callback(bot.close)
        auth = await check_bot_token(bot.client)  # refused: Slack stops; out of reach: retried
        if (missing := scope_warning(auth)) is not None:
            log.warning("%s", missing)
        if app_token:  # connect_async retries a dropped connection by itself (one line each)
            handler = AsyncSocketModeHandler(bot.app, app_token, logger=socket_logger())
            running.push_async_callback(handler.close_async)
            handler.client.wss_uri = await open_socket_url(bot.client, app_token)
            await handler.connect_async()  # type: ignore[no-untyped-call]
            log.info("slack: connected in Socket Mode")
            reachable = "socket mode"
        else:
            setting = f"[slack] port in {config.path}"
            server = SlackHttpServer(bot.app, config.slack.host, config.slack.port, setting=setting)
            await server.start()
            running.push_async_callback(server.stop)
            reachable = server.url
        if on_ready is not None:
            on_ready(reachable)
        await asyncio.Event().wait()
