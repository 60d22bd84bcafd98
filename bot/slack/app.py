"""The Slack bot: a slack-bolt `AsyncApp` wired to a `Twin`, and the builders that make one.

`SlackBot` acks every event and command at once and answers in background tasks: it dedupes
Slack's retried deliveries by `event_id` (persisted by the twin), turns events into questions
(`bot.slack.convert`), streams the answers (`bot.slack.reply`, `bot.slack.native_stream`), runs
the agent experience (`bot.slack.agent`: the DM's greeting and prompts, session status and
title, the stop button, the member's viewing context) and the legacy assistant threads
(`bot.slack.assistant`), hands `/twin-usage`, `/twin-health`, `/twin-gaps` to
`bot.slack.commands` and posts the core's alerts to the admin channel.
`build_slack_bot` / `build_slack_app` make the app from the environment; `bot.slack.serve`
runs it.
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
from bot.slack.agent import ACTIVE, AgentSessions, ViewingContext, greet
from bot.slack.commands import COMMANDS, SlashCommands
from bot.slack.convert import (
    Target,
    ignore_reason,
    is_dm,
    plain_text,
    reply_target,
    thread_root,
    to_question,
)
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
from core.types import Answer, Question

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


@dataclass
class Running:
    """An answer under way, which the stop button may cancel."""

    task: asyncio.Future[Answer]
    stopped: bool = False  # the member pressed stop (the cancel is theirs)


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
        self.sessions = AgentSessions()
        self.legacy = ai.LegacyThreads()
        self.viewing = ViewingContext()
        self._running: dict[tuple[str, str], Running] = {}  # answers the stop button may stop
        self.owner = SlackOwner(app, twin, config, self._spawn)
        app.event("app_mention")(self._on_event)
        app.event("message")(self._on_event)
        app.event("app_home_opened")(self._on_home_opened)
        app.event("app_context_changed")(self._on_context_changed)
        app.event("agent_session_stopped")(self._on_session_stopped)
        app.event("assistant_thread_started")(self._on_thread_started)  # assistant_view apps
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

    def spawn_event(self, body: Mapping[str, Any], team_id: str, bot_user_id: str | None) -> None:
        """Answer one event in the background."""
        self._spawn(self._handle_event(body, team_id, bot_user_id))

    async def _on_home_opened(self, body: dict[str, Any]) -> None:
        self._spawn(self._greet(body, agent=True))

    async def _on_thread_started(self, body: dict[str, Any]) -> None:
        self._spawn(self._greet(body, agent=False))

    async def _on_context_changed(self, body: dict[str, Any], context: AsyncBoltContext) -> None:
        team_id = str(body.get("team_id") or context.team_id or "")
        entities = self.viewing.note(team_id, body.get("event") or {})
        log.debug("slack: a member looks at %d thing(s) (kept as untrusted data)", len(entities))

    async def _on_session_stopped(self, body: dict[str, Any]) -> None:
        event = body.get("event") or {}
        key = (str(event.get("channel") or ""), str(event.get("thread_ts") or ""))
        running = self._running.get(key)
        outcome = "nothing to stop"
        if running is not None and not running.task.done():
            running.stopped = True
            running.task.cancel()
            outcome = "stopping"
        log.info("slack: stop pressed in %s/%s: %s", key[0], key[1], outcome)

    async def _greet(self, body: Mapping[str, Any], *, agent: bool) -> None:
        started = time.monotonic()
        event: Mapping[str, Any] = body.get("event") or {}
        event_id = str(body.get("event_id") or "")
        key = f"event:{event_id}"
        outcome = "failed"
        try:
            if event_id and not await self.twin.mark_event_seen(f"slack:{event_id}"):
                outcome = "duplicate"
            elif agent:
                profile, seen = self.twin.profile, self.twin.mark_event_seen
                outcome = await greet(self.client, profile, self.access, event, seen)
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
        self, body: Mapping[str, Any], team_id: str, bot_user_id: str | None
    ) -> None:
        started = time.monotonic()
        event: Mapping[str, Any] = body.get("event") or {}
        event_id = str(body.get("event_id") or "")
        key = f"event:{event_id or event.get('ts')}"
        outcome = "failed"
        reason: str | None = "not read yet"
        target = None
        try:
            reason = ignore_reason(event, bot_user_id)
            if reason is not None:
                outcome = f"ignored: {reason}"
            elif event_id and not await self.twin.mark_event_seen(f"slack:{event_id}"):
                outcome = "duplicate"
            elif (verdict := await self._access(event)) is not None:
                outcome = verdict
            else:
                self.viewing.note(team_id, event)  # context riding on the message, if any
                session = await self._begin_session(event)
                target = reply_target(event, threaded=session is not None)
                question = to_question(
                    event,
                    team_id=team_id,
                    bot_user_id=bot_user_id,
                    admins=self.config.slack.admins,
                    threaded=session is not None,
                )
                outcome = await self._answer(question, target, team_id, session)
        except Exception:
            error_id = new_error_id()
            log.exception("slack %s failed [error %s]", key, error_id)
            outcome = f"failed {error_id}"
            if reason is None:  # it was for us: say sorry where the answer would have gone
                where = target or reply_target(event)
                await StreamingReply(self.client, where, clock=self._clock).fail(apology(error_id))
        finally:
            await self._done(key, outcome, started)

    async def _begin_session(self, event: Mapping[str, Any]) -> str | None:
        """A DM in the agent experience: its session (the thread root) set "processing" and
        titled from its first question; None where the workspace has no agent sessions (a
        legacy assistant thread gets its status and title the old way)."""
        if not is_dm(event):
            return None
        legacy = bool(event.get("thread_ts")) and self.legacy.usable
        if not self.sessions.available and not legacy:
            return None  # a workspace without either: nothing to mark
        channel, root = str(event["channel"]), thread_root(event)
        text = plain_text(str(event.get("text") or ""), None)
        first = await self.twin.mark_event_seen(f"slack-title:{channel}:{root}")
        if await self.sessions.begin(self.client, channel, root, text, first):
            return root
        if legacy and self.legacy.usable:
            await self.legacy.begin(self.client, channel, root, text, first)
        return None

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
        self, question: Question, target: Target, team_id: str, session: str | None
    ) -> str:
        """Stream the twin's answer to `target`; `session`: the agent session's thread root."""
        reply = self._reply(question, target, team_id)
        where = (target.channel, target.thread_ts or "")
        running: Running | None = None
        try:
            await reply.start()
            running = Running(asyncio.ensure_future(self.twin.answer(question, reply.push)))
            self._running[where] = running
            answer = await running.task
            footer = feedback_blocks(answer.answer_id) if answer.from_model else []
            sources = shown_sources(answer, self.config)
            if isinstance(reply, NativeStreamReply):
                await reply.finish(answer.text, footer or None, sources)
            else:
                with_sources = [sources_block(sources)] if sources else []
                await reply.finish(answer.text, [*with_sources, *footer] or None)
            for ts in reply.posted_ts:
                await self.twin.answers.posted("slack", target.channel, ts, answer.request_id)
        except asyncio.CancelledError:
            if running is None or not running.stopped:
                raise
            await self._stopped(reply, target, session)
            return "stopped"
        except Exception:
            error_id = new_error_id()
            log.exception("slack: answering %s failed [error %s]", question.conversation, error_id)
            await reply.fail(apology(error_id))
            return f"failed {error_id}"
        finally:
            if running is not None:
                if self._running.get(where) is running:
                    del self._running[where]
                if not running.task.done():
                    running.task.cancel()
            if session is not None and (running is None or not running.stopped):
                await self.sessions.end(self.client, target.channel, session)
        return "answered"

    async def _stopped(
        self, reply: StreamingReply | NativeStreamReply, target: Target, session: str | None
    ) -> None:
        """The member pressed stop: the model stream is cancelled (metered by the core), the
        Slack stream stopped with the session's status; nothing else is posted."""
        closed = False
        if isinstance(reply, NativeStreamReply):
            closed = await reply.stop(ACTIVE if session is not None else None)
        if session is not None and not closed:
            await self.sessions.end(self.client, target.channel, session)

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
