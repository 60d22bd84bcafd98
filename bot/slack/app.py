"""The Slack bot: a slack-bolt `AsyncApp` wired to a `Twin`, and the builders that make one.

`SlackBot` acks every event and command at once and answers in background tasks: it dedupes
Slack's retried deliveries by `event_id` (persisted by the twin), turns events into questions
(`bot.slack.convert`), streams the answers (`bot.slack.reply`), hands `/twin-usage`,
`/twin-health`, `/twin-gaps` to `bot.slack.commands` and posts the core's alerts to the admin
channel. `build_slack_bot` / `build_slack_app` make the app from the environment;
`bot.slack.serve` runs it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.commands import COMMANDS, SlashCommands
from bot.slack.convert import Target, ignore_reason, reply_target, to_question
from bot.slack.env import SlackSetupError, missing_slack_env
from bot.slack.owner import SlackOwner
from bot.slack.owner_render import sources_line
from bot.slack.render import alert_blocks, alert_text
from bot.slack.reply import StreamingReply, apology, new_error_id
from core.clock import Clock
from core.config import Config
from core.insight.alerts import Alert
from core.types import Question

if TYPE_CHECKING:
    from core.twin import Twin

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Handled:
    """One event or command processed: what it was and what became of it."""

    key: str  # "event:<event_id>" or "command:/twin-usage"
    outcome: str  # "answered", "ignored: ...", "duplicate", "refused", "reported", "failed <id>"
    seconds: float


Observer = Callable[[Handled], Awaitable[None]]


class SlackBot:
    """Listeners for one AsyncApp, and the background tasks that answer."""

    def __init__(
        self,
        app: AsyncApp,
        twin: Twin,
        config: Config,
        *,
        clock: Clock = time.monotonic,
        observer: Observer | None = None,
    ) -> None:
        self.app = app
        self.twin = twin
        self.config = config
        self._clock = clock
        self._observer = observer
        self._tasks: set[asyncio.Task[None]] = set()
        self.commands = SlashCommands(twin, config)
        self.owner = SlackOwner(app, twin, config, self._spawn)
        app.event("app_mention")(self._on_event)
        app.event("message")(self._on_event)
        for command in COMMANDS:
            app.command(command)(self._on_command)
        if config.slack.admin_channel:
            twin.alerts.subscribe(self.post_alert)

    @property
    def client(self) -> AsyncWebClient:
        return self.app.client

    # listeners: bolt acks events before they run; commands ack first thing

    async def _on_event(self, body: dict[str, Any], context: AsyncBoltContext) -> None:
        team_id = str(body.get("team_id") or context.team_id or "")
        self._spawn(self._handle_event(body, team_id, context.bot_user_id))

    async def _on_command(self, ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        self._spawn(self._handle_command(body, respond))

    def _spawn(self, job: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(job)
        self._tasks.add(task)  # strong reference until done
        task.add_done_callback(self._tasks.discard)

    async def drain(self, within: float | None = None) -> None:
        """Wait until every answer in flight has finished (or `within` seconds passed)."""
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=within)

    async def close(self, grace: float = 5.0) -> None:
        """Let answers in flight finish for up to `grace` seconds, then cancel the rest."""
        await self.drain(grace)
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _done(self, key: str, outcome: str, started: float) -> None:
        seconds = time.monotonic() - started
        log.info("slack %s: %s in %.2fs", key, outcome, seconds)
        if self._observer is not None:
            await self._observer(Handled(key, outcome, seconds))

    # events

    async def _handle_event(
        self, body: Mapping[str, Any], team_id: str, bot_user_id: str | None
    ) -> None:
        started = time.monotonic()
        event: Mapping[str, Any] = body.get("event") or {}
        event_id = str(body.get("event_id") or "")
        key = f"event:{event_id or event.get('ts')}"
        outcome = "failed"
        reason: str | None = "not read yet"
        try:
            reason = ignore_reason(event, bot_user_id)
            if reason is not None:
                outcome = f"ignored: {reason}"
            elif event_id and not await self.twin.mark_event_seen(f"slack:{event_id}"):
                outcome = "duplicate"
            else:
                question = to_question(
                    event,
                    team_id=team_id,
                    bot_user_id=bot_user_id,
                    admins=self.config.slack.admins,
                )
                outcome = await self._answer(question, reply_target(event))
        except Exception:
            error_id = new_error_id()
            log.exception("slack %s failed [error %s]", key, error_id)
            outcome = f"failed {error_id}"
            if reason is None:  # it was for us: say sorry where the answer would have gone
                await StreamingReply(self.client, reply_target(event), clock=self._clock).fail(
                    apology(error_id)
                )
        finally:
            await self._done(key, outcome, started)

    async def _answer(self, question: Question, target: Target) -> str:
        reply = StreamingReply(self.client, target, clock=self._clock)
        try:
            await reply.start()
            answer = await self.twin.answer(question, on_text=reply.push)
            footer = sources_line(answer.sources) if answer.sources else ""
            await reply.finish(answer.text, footer)
            for ts in dict.fromkeys(t for t in (reply.first_ts, *reply.posted) if t):
                await self.twin.answers.posted("slack", target.channel, ts, answer.request_id)
        except Exception:
            error_id = new_error_id()
            log.exception("slack: answering %s failed [error %s]", question.conversation, error_id)
            await reply.fail(apology(error_id))
            return f"failed {error_id}"
        return "answered"

    # slash commands

    async def _handle_command(self, body: Mapping[str, Any], respond: AsyncRespond) -> None:
        started = time.monotonic()
        command = str(body.get("command") or "")
        outcome = "failed"
        try:
            outcome = await self.commands.handle(body, respond)
        finally:
            await self._done(f"command:{command}", outcome, started)

    # alerts

    async def post_alert(self, alert: Alert) -> None:
        """Post one alert to the admin channel (the AlertBus logs a failure and carries on)."""
        await self.client.chat_postMessage(
            channel=self.config.slack.admin_channel,
            text=alert_text(alert),
            blocks=alert_blocks(alert),
        )


def build_slack_client(env: Mapping[str, str]) -> AsyncWebClient:
    """The Web API client: SLACK_BOT_TOKEN, and SLACK_API_URL when set (tests, proxies)."""
    base_url = env.get("SLACK_API_URL") or AsyncWebClient.BASE_URL
    if not base_url.endswith("/"):
        base_url += "/"
    return AsyncWebClient(token=env.get("SLACK_BOT_TOKEN"), base_url=base_url)


def build_slack_bot(
    twin: Twin,
    config: Config,
    env: Mapping[str, str],
    *,
    clock: Clock = time.monotonic,
    observer: Observer | None = None,
) -> SlackBot:
    """The AsyncApp with the twin's listeners. Raises SlackSetupError naming missing variables."""
    missing = missing_slack_env(env)
    if missing:
        raise SlackSetupError("Slack needs " + ", ".join(missing) + " in the environment")
    secret = env.get("SLACK_SIGNING_SECRET") or ""
    app = AsyncApp(
        name="twin",
        client=build_slack_client(env),
        signing_secret=secret,
        # Socket Mode requests are not signed; HTTP mode always verifies (the secret is required)
        request_verification_enabled=bool(secret),
    )
    return SlackBot(app, twin, config, clock=clock, observer=observer)


def build_slack_app(
    twin: Twin, config: Config, env: Mapping[str, str], *, clock: Clock = time.monotonic
) -> AsyncApp:
    """The slack-bolt AsyncApp answering as the twin (see `build_slack_bot`)."""
    return build_slack_bot(twin, config, env, clock=clock).app
