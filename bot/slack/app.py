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
import re
import time
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.access import AccessRules, line_key
from bot.slack import assistant as ai
from bot.slack.commands import COMMANDS, SlashCommands
from bot.slack.convert import Target, ignore_reason, is_dm, reply_target, to_question
from bot.slack.env import SlackSetupError, missing_slack_env
from bot.slack.feedback import ACTION_ID, feedback_blocks, record_clicks
from bot.slack.logs import bolt_logger
from bot.slack.native_stream import NativeStreaming, NativeStreamReply
from bot.slack.owner import SlackOwner
from bot.slack.owner_render import sources_block
from bot.slack.render import alert_blocks, alert_text
from bot.slack.reply import StreamingReply, apology, new_error_id
from bot.slack.survive import install_survival, rate_limited_alert
from bot.sources import shown_sources
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
        self.access = AccessRules.of(config.slack)
        self.native = NativeStreaming()
        app.assistant(ai.build_assistant(self))
        self.owner = SlackOwner(app, twin, config, self._spawn)
        app.event("app_mention")(self._on_event)
        app.event("message")(self._on_event)
        app.action(ACTION_ID)(self._on_feedback)
        for command in COMMANDS:
            app.command(command)(self._on_command)
        app.command(re.compile(r"^/"))(self._on_command)  # any other command: a polite "no"
        install_survival(app, self._rate_limited)  # last: catch-alls ack what nobody handles
        if config.slack.admin_channel:
            twin.alerts.subscribe(self.post_alert)

    @property
    def client(self) -> AsyncWebClient:
        return self.app.client

    # listeners: bolt acks events before they run; commands ack first thing

    async def _on_event(self, body: dict[str, Any], context: AsyncBoltContext) -> None:
        team_id = str(body.get("team_id") or context.team_id or "")
        self.spawn_event(body, team_id, context.bot_user_id)

    def spawn_event(
        self,
        body: Mapping[str, Any],
        team_id: str,
        bot_user_id: str | None,
        *,
        assistant: bool = False,
    ) -> None:
        """Answer one event in the background (`assistant`: a message in an assistant thread)."""
        self._spawn(self._handle_event(body, team_id, bot_user_id, assistant=assistant))

    def spawn_greeting(self, event: Mapping[str, Any], event_id: str) -> None:
        """Greet a member who opened an assistant thread, in the background."""
        self._spawn(self._greet(event, event_id))

    async def _greet(self, event: Mapping[str, Any], event_id: str) -> None:
        started = time.monotonic()
        key = f"event:{event_id}"
        outcome = "failed"
        try:
            if event_id and not await self.twin.mark_event_seen(f"slack:{event_id}"):
                outcome = "duplicate"
            else:
                outcome = await ai.greet(self.client, self.twin.profile, self.access, event)
        except Exception:
            error_id = new_error_id()
            log.exception("slack %s: greeting failed [error %s]", key, error_id)
            outcome = f"failed {error_id}"
        finally:
            await self._done(key, outcome, started)

    async def _on_feedback(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        self._spawn(self._feedback(body))

    async def _feedback(self, body: Mapping[str, Any]) -> None:
        started = time.monotonic()
        outcome = "failed"
        try:
            outcome = f"feedback stored ({await record_clicks(self.twin, body)})"
        except Exception:
            error_id = new_error_id()
            log.exception("slack: storing feedback failed [error %s]", error_id)
            outcome = f"failed {error_id}"
        finally:
            await self._done("action:feedback", outcome, started)

    async def _rate_limited(self, body: Mapping[str, Any]) -> None:
        alert = rate_limited_alert(body)
        if await self.twin.mark_event_seen(f"alert:{alert.key}"):
            self._spawn(self.twin.alerts.publish(alert))

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
        self.twin.alerts.unsubscribe(self.post_alert)  # a restarted app subscribes anew
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
        self,
        body: Mapping[str, Any],
        team_id: str,
        bot_user_id: str | None,
        *,
        assistant: bool = False,
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
            elif (verdict := await self._access(event)) is not None:
                outcome = verdict
            else:
                question = to_question(
                    event,
                    team_id=team_id,
                    bot_user_id=bot_user_id,
                    admins=self.config.slack.admins,
                )
                outcome = await self._answer(question, reply_target(event), team_id, assistant)
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

    async def _access(self, event: Mapping[str, Any]) -> str | None:
        """None when the access lists let the event through; else the outcome (a DM gets the
        polite line, a channel silence)."""
        channels = (str(event.get("channel") or ""),)
        user = str(event.get("user") or "")
        verdict = self.access.check(user, channels, is_dm=is_dm(event))
        if verdict.allowed:
            return None
        if verdict.reply and await self.twin.mark_event_seen(line_key("slack", user)):
            target = reply_target(event)
            await self.client.chat_postMessage(
                channel=target.channel, thread_ts=target.thread_ts, text=verdict.reply
            )
        return f"refused: {verdict.reason}"

    def _reply(
        self, question: Question, target: Target, team_id: str
    ) -> StreamingReply | NativeStreamReply:
        if target.thread_ts and self.native.available:
            return NativeStreamReply(
                self.client,
                target,
                recipient_user=question.user_id,
                recipient_team=team_id,
                state=self.native,
                clock=self._clock,
            )
        return StreamingReply(self.client, target, clock=self._clock)

    async def _answer(
        self, question: Question, target: Target, team_id: str = "", assistant: bool = False
    ) -> str:
        reply = self._reply(question, target, team_id)
        try:
            if assistant and target.thread_ts:
                await ai.show_status(self.client, target.channel, target.thread_ts)
                if await self.twin.mark_event_seen(
                    f"slack-title:{target.channel}:{target.thread_ts}"
                ):
                    await ai.set_title(self.client, target.channel, target.thread_ts, question.text)
            await reply.start()
            answer = await self.twin.answer(question, on_text=reply.push)
            footer = feedback_blocks(answer.answer_id) if answer.from_model else []
            if sources := shown_sources(answer, self.config):
                footer = [sources_block(sources), *footer]
            await reply.finish(answer.text, footer or None)
            for ts in reply.posted_ts:
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
        logger=bolt_logger(),  # without bolt's "token will be unused" (it reads the env itself)
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
