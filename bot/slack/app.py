"""The Slack bot: a slack-bolt `AsyncApp` wired to a `Twin`, and the builders that make one.

`SlackBot` acks every event and command at once and answers in background tasks: it dedupes
Slack's retried deliveries by `event_id` (persisted by the twin), turns events into questions
(`bot.slack.convert`), streams the answers (`bot.slack.reply`, `bot.slack.native_stream`), runs
the agent experience (`bot.slack.agent`: the DM's greeting and prompts, session status and
title, the stop button, the member's viewing context) and the legacy assistant threads
(`bot.slack.assistant`), hands `/twin-usage`, `/twin-health`, `/twin-gaps` to
`bot.slack.commands` and posts the core's alerts to the admin channel.
`build_slack_bot` makes the app from the environment; `bot.slack.serve` runs it.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import re
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.access import AccessRules
from bot.runner import TOO_LATE as TOO_LATE
from bot.runner import Handled as Handled
from bot.runner import Observer, Runner
from bot.slack import assistant as ai
from bot.slack.agent import ACTIVE, AgentSessions, ViewingContext, greet
from bot.slack.answer import SlackAnswer
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
from bot.slack.feedback import ACTION_ID, record_clicks
from bot.slack.handover import HANDED_OVER, Shown, close_left
from bot.slack.handover import inbox_payload as inbox_payload
from bot.slack.logs import bolt_logger
from bot.slack.native_stream import NativeStreaming, NativeStreamReply
from bot.slack.owner import SlackOwner
from bot.slack.render import alert_blocks, alert_text
from bot.slack.reply import SIGN, OnShown, StreamingReply
from bot.slack.survive import install_survival, rate_limited_alert
from bot.takeover import TakeoverBeat
from core.clock import Clock
from core.config import Config
from core.insight.alerts import Alert
from core.types import Question

if TYPE_CHECKING:
    from core.twin import Twin

log = logging.getLogger(__name__)


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
        self.runner = Runner(
            "slack", twin, config, AccessRules.of(config.slack), log, sign=SIGN, observer=observer
        )
        self.commands = SlashCommands(twin, config)
        self.native = NativeStreaming()
        self.sessions = AgentSessions()
        self.legacy = ai.LegacyThreads()
        self.viewing = ViewingContext(twin.viewing)
        self.owner = SlackOwner(app, twin, config, self.runner.spawn)
        self.takeover = TakeoverBeat(  # what dead instances left (issue 32)
            "slack", log, twin.live, config.instances.lease_s, self.take_over, self._clock
        )
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
        self.runner.spawn(self._handle_event(body, team_id, context.bot_user_id))

    async def _on_home_opened(self, body: dict[str, Any]) -> None:
        self.runner.spawn(self._greet(body, agent=True))

    async def _on_thread_started(self, body: dict[str, Any]) -> None:
        self.runner.spawn(self._greet(body, agent=False))

    async def _on_context_changed(self, body: dict[str, Any], context: AsyncBoltContext) -> None:
        team_id = str(body.get("team_id") or context.team_id or "")
        event: Mapping[str, Any] = body.get("event") or {}

        async def keep() -> str:
            kept = await self.viewing.note(team_id, event)
            return "ignored: no context" if kept is None else f"context kept ({len(kept)})"

        self.runner.spawn(self.runner.handle(f"event:{body.get('event_id') or '?'}", keep))

    async def _on_session_stopped(self, body: dict[str, Any]) -> None:
        event = body.get("event") or {}
        key = (str(event.get("channel") or ""), str(event.get("thread_ts") or ""))
        outcome = "stopping" if self.runner.stop(key) else "nothing to stop"
        log.info("slack: stop pressed in %s/%s: %s", key[0], key[1], outcome)

    async def _greet(self, body: Mapping[str, Any], *, agent: bool) -> None:
        event: Mapping[str, Any] = body.get("event") or {}
        event_id = str(body.get("event_id") or "")

        async def greeting() -> str:
            if event_id and not await self.twin.mark_event_seen(f"slack:{event_id}"):
                return "duplicate"
            if agent:
                seen = self.twin.mark_event_seen
                return await greet(self.client, self.twin.profile, self.runner.access, event, seen)
            return await ai.greet(self.client, self.twin.profile, self.runner.access, event)

        await self.runner.handle(f"event:{event_id}", greeting)

    async def _on_feedback(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()

        async def store() -> str:
            return f"feedback stored ({await record_clicks(self.twin, body)})"

        self.runner.spawn(self.runner.handle("action:feedback", store))

    async def _rate_limited(self, body: Mapping[str, Any]) -> None:
        alert = rate_limited_alert(body)
        if await self.twin.mark_event_seen(f"alert:{alert.key}"):
            self.runner.spawn(self.twin.alerts.publish(alert))

    async def _on_command(self, ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()

        async def sorry(text: str) -> None:
            await respond(text=text, response_type="ephemeral")

        command = str(body.get("command") or "")
        job = functools.partial(self.commands.handle, body, respond)
        self.runner.spawn(self.runner.handle(f"command:{command}", job, sorry))

    async def take_over(self) -> int:
        """Answer the Slack questions a stopped twin accepted and left unanswered (the store's
        inbox; one instance takes each), in their thread or DM: answered as if just asked, or,
        past `[instances] late_after_s`, a short apology. How many were taken over."""
        taken = await self.twin.events.take_over("slack")
        for t in taken:
            saved = json.loads(t.entry.payload)
            body, team_id = saved["body"], str(saved["team_id"])
            left = Shown.of(saved.get("shown"))  # what the stopped twin's answer showed
            if t.late:
                key = t.entry.key.removeprefix("event:")
                self.runner.spawn(self._too_late(body, key, left))
            else:
                self.runner.spawn(
                    self._handle_event(body, team_id, saved["bot_user_id"], taken=True, left=left)
                )
        return len(taken)

    async def _too_late(self, body: Mapping[str, Any], key: str, left: Shown | None) -> None:
        event: Mapping[str, Any] = body.get("event") or {}

        async def sorry() -> str:
            if left is not None:
                await close_left(self.client, left)
            where = reply_target(event, threaded=self._in_session(event))
            await StreamingReply(self.client, where, clock=self._clock).fail(TOO_LATE)
            await self._clear_status(event)
            await self._close_entry(key)
            return "too late: apologised"

        await self.runner.handle(f"event:{body.get('event_id')}", sorry)

    async def close(self, grace: float | None = None) -> None:
        """Let answers in flight finish for up to `grace` seconds (`[instances] stop_grace_s`),
        then hand over the rest: each is cancelled (its budget settled by the core), its stream
        closed with a short line, and its inbox entry released so another instance (or this
        one restarted) answers it at once."""
        self.twin.alerts.unsubscribe(self.post_alert)  # a restarted app subscribes anew
        self.takeover.stop()
        within = self.config.instances.stop_grace_s if grace is None else grace
        if self.runner.in_flight:
            log.info("slack: stopping; %d task(s) in flight get %gs", self.runner.in_flight, within)
        await self.runner.hand_over(within)

    # events

    async def _handle_event(
        self,
        body: Mapping[str, Any],
        team_id: str,
        bot_user_id: str | None,
        *,
        taken: bool = False,  # taken over from a stopped twin: accepted already
        left: Shown | None = None,  # what the stopped twin's answer showed: closed first
    ) -> None:
        event: Mapping[str, Any] = body.get("event") or {}
        event_id = str(body.get("event_id") or "")
        inbox_key = f"slack:{event_id}"  # its once-only key and inbox entry
        entry = inbox_key if event_id else ""  # "": no entry to close
        ours = False  # the event was for the twin: a failure gets an apology
        target: Target | None = None

        def shown(ts: str, native: bool) -> None:  # the answer shows: noted for a survivor
            assert target is not None
            payload = inbox_payload(body, team_id, bot_user_id, Shown(target.channel, ts, native))
            note = self.twin.events.note(inbox_key, payload)
            # on the next loop turn, after the answer's task started: on SQLite the note then
            # joins the answer's first write in one trip (bench.round_trips: event_shown)
            asyncio.get_running_loop().call_soon(self.runner.spawn, note)

        async def answer() -> str:
            nonlocal ours, target
            reason = ignore_reason(event, bot_user_id)
            if reason is not None:
                return f"ignored: {reason}"
            ours = True
            if left is not None:
                log.info("slack: %s: %s", inbox_key, await close_left(self.client, left))
            if (
                event_id
                and not taken
                and not await self.twin.events.accept(
                    inbox_key,
                    "slack",
                    str(event.get("user") or ""),
                    inbox_payload(body, team_id, bot_user_id),
                )
            ):
                return "duplicate"
            if (refused := await self._refused(event)) is not None:
                await self._close_entry(entry)
                return refused
            if "context" in event:  # context riding on the message: kept beside, not awaited
                self.runner.spawn(self._keep_context(team_id, event))
            session = await self._begin_session(event)
            target = reply_target(event, threaded=session is not None)
            question = to_question(
                event,
                team_id=team_id,
                bot_user_id=bot_user_id,
                admins=self.config.slack.admins,
                threaded=session is not None,
            )
            outcome = await self._answer(question, target, team_id, session, entry, shown)
            if outcome != "answered":  # answered: closed as it was posted (`_answer`)
                await asyncio.shield(self._close_entry(entry))  # out of the inbox, surely
            return outcome

        async def sorry(text: str) -> None:  # where the answer would have gone
            if ours:
                where = target or reply_target(event)
                await StreamingReply(self.client, where, clock=self._clock).fail(text)
                await self._close_entry(entry)

        await self.runner.handle(f"event:{event_id or event.get('ts')}", answer, sorry)

    async def _keep_context(self, team_id: str, event: Mapping[str, Any]) -> None:
        await self.viewing.note(team_id, event)

    async def _close_entry(self, key: str) -> None:
        """The event's answer, refusal or apology was posted: it leaves the inbox."""
        if key:
            await self.twin.events.answered(key)

    async def _begin_session(self, event: Mapping[str, Any]) -> str | None:
        """A DM in the agent experience: its session (the thread root) set "processing" and
        titled from its first question; None where the workspace has no agent sessions (a
        legacy assistant thread gets its status and title the old way)."""
        if not is_dm(event):
            return None
        legacy = bool(event.get("thread_ts")) and self.legacy.available
        if not self.sessions.available and not legacy:
            return None  # a workspace without either: nothing to mark
        channel, root = str(event["channel"]), thread_root(event)
        text = plain_text(str(event.get("text") or ""), None)
        first = await self.twin.mark_event_seen(f"slack-title:{channel}:{root}")
        if await self.sessions.begin(self.client, channel, root, text, first):
            return root
        if legacy and self.legacy.available:
            await self.legacy.begin(self.client, channel, root, text, first)
        return None

    async def _refused(self, event: Mapping[str, Any]) -> str | None:
        """None when the access lists let the event through; else the outcome."""
        target = reply_target(event)

        async def say(text: str) -> None:
            await self.client.chat_postMessage(
                channel=target.channel, thread_ts=target.thread_ts, text=text
            )

        user, channel = str(event.get("user") or ""), str(event.get("channel") or "")
        return await self.runner.refused(user, (channel,), is_dm=is_dm(event), say=say)

    async def _answer(
        self,
        question: Question,
        target: Target,
        team_id: str,
        session: str | None,
        entry: str = "",
        note: OnShown | None = None,
    ) -> str:
        """Stream the twin's answer to `target`; `session`: the agent session's thread root;
        `entry`: its inbox key ("" for none), `note` told the message that shows the answer."""
        reply = SlackAnswer.to(
            self.client,
            target,
            question,
            team_id=team_id,
            native=self.native,
            clock=self._clock,
            on_shown=note if entry else None,
        )
        where = (target.channel, target.thread_ts or "")
        outcome = "failed"

        async def posted() -> None:  # out of the inbox, in the trip that links the answer
            await self._close_entry(entry)

        try:
            outcome = await self.runner.answer(
                question, reply, channel=target.channel, stop_key=where, posted=posted
            )
        except asyncio.CancelledError:  # the process stops: hand over what is not posted yet
            if reply.finished:  # posted: never answered twice
                await asyncio.shield(self._close_entry(entry))
            else:  # what shows it closed with a short line; the session "active" below
                await reply.reply.interrupt(HANDED_OVER)
            raise
        finally:
            if outcome == "stopped":
                await self._stopped(reply.reply, target, session)
            elif session is not None:
                await self.sessions.end(self.client, target.channel, session)
        return outcome

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

    def _in_session(self, event: Mapping[str, Any]) -> bool:
        """The event's answer goes in its thread as an agent session's (a top-level DM)."""
        return is_dm(event) and self.sessions.available

    async def _clear_status(self, event: Mapping[str, Any]) -> None:
        """No answer is under way in the event's DM any more: its agent session "active", or
        the legacy assistant thread's "is thinking…" cleared."""
        if not is_dm(event):
            return
        channel, root = str(event.get("channel") or ""), thread_root(event)
        if self.sessions.available:
            await self.sessions.end(self.client, channel, root)
        elif event.get("thread_ts") and self.legacy.available:
            await self.legacy.clear(self.client, channel, root)

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
