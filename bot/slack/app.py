"""The Slack adapter: slack-bolt `AsyncApp` in HTTP mode or Socket Mode, wired to a `Twin`.

Two converters and a runner:
- `to_question(event, ...)` turns an `app_mention` / DM `message` event into a `core.Question`;
  `ignore_reason(event, ...)` says why an event is not for us (bots, edits, other subtypes).
- `StreamingReply` turns an answer into Slack calls: a thinking sign, throttled `chat.update`s
  while the answer streams, then the whole answer split into as many messages as it needs.
- `SlackBot` acks every event and command at once and answers in background tasks, dedupes
  Slack's retried deliveries by `event_id` (persisted by the twin), serves `/twin-usage`,
  `/twin-health`, `/twin-gaps` to admins and posts the core's alerts to the admin channel.
`serve_slack` runs it until cancelled.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
import uuid
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.common import SetupError, split_message
from bot.slack.render import (
    MESSAGE_LIMIT,
    alert_blocks,
    alert_text,
    answer_pieces,
    gaps_blocks,
    gaps_text,
    health_blocks,
    health_text,
    preview,
    usage_blocks,
    usage_text,
)
from core.clock import Clock
from core.config import Config
from core.insight.alerts import Alert
from core.types import Question

if TYPE_CHECKING:
    from core.twin import Twin

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
THINKING = ":hourglass_flowing_sand: _thinking…_"
UPDATE_INTERVAL_S = 1.0  # chat.update is rate limited: about one a second per message is safe
MAX_RATELIMIT_RETRIES = 3
ALLOWED_SUBTYPES = frozenset({"file_share"})  # a person's message with a file is still theirs
COMMANDS = ("/twin-usage", "/twin-health", "/twin-gaps")


class SlackSetupError(SetupError):
    """Slack cannot start: the message names the missing environment variables."""


def missing_slack_env(env: Mapping[str, str]) -> list[str]:
    """The variables still needed to start Slack: Socket Mode (SLACK_APP_TOKEN set) needs the
    bot token; HTTP mode needs the bot token and the signing secret."""
    needed = ["SLACK_BOT_TOKEN"]
    if not env.get("SLACK_APP_TOKEN"):
        needed.append("SLACK_SIGNING_SECRET")
    return [name for name in needed if not env.get(name)]


def new_error_id() -> str:
    return uuid.uuid4().hex[:8]


def apology(error_id: str) -> str:
    return (
        ":warning: Sorry, something went wrong on my side. "
        f"If it keeps happening, give an admin this error id: `{error_id}`."
    )


# --- event -> Question -----------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """Where a reply goes: a channel, and the thread inside it (None: the channel itself)."""

    channel: str
    thread_ts: str | None


def ignore_reason(event: Mapping[str, Any], bot_user_id: str | None) -> str | None:
    """Why this event gets no answer, or None when it is a person talking to the twin."""
    kind = event.get("type")
    if kind not in ("app_mention", "message"):
        return f"type {kind}"
    if event.get("bot_id") or event.get("bot_profile"):
        return "from a bot"
    subtype = event.get("subtype")
    if subtype and subtype not in ALLOWED_SUBTYPES:
        return f"subtype {subtype}"
    user = event.get("user")
    if not user:
        return "no user"
    if bot_user_id and user == bot_user_id:
        return "from the twin itself"
    if not event.get("channel") or not event.get("ts"):
        return "no channel"
    if kind == "message" and event.get("channel_type") != "im":
        return "channel message (app_mention covers mentions)"
    if kind == "app_mention" and str(event["channel"]).startswith("D"):
        return "mention in a DM (the message event covers it)"
    return None


_BOT_MENTION = r"<@{id}(?:\|[^>]*)?>"
_USER = re.compile(r"<@([A-Z0-9]+)(?:\|([^>]*))?>")
_CHANNEL = re.compile(r"<#([A-Z0-9]+)(?:\|([^>]*))?>")
_SPECIAL = re.compile(r"<!([a-z]+)(?:\^[^|>]*)?(?:\|([^>]*))?>")
_LINK = re.compile(r"<((?:https?|mailto):[^|>]+)(?:\|([^>]*))?>")


def plain_text(text: str, bot_user_id: str | None) -> str:
    """Slack message text as the person wrote it: the twin's own mention removed, other
    mentions and links made readable, `&lt;` `&gt;` `&amp;` unescaped."""
    if bot_user_id:
        text = re.sub(_BOT_MENTION.format(id=re.escape(bot_user_id)), " ", text)
    text = _USER.sub(lambda m: "@" + (m.group(2) or m.group(1)), text)
    text = _CHANNEL.sub(lambda m: "#" + (m.group(2) or m.group(1)), text)
    text = _SPECIAL.sub(lambda m: "@" + (m.group(2) or m.group(1)).lstrip("@"), text)
    text = _LINK.sub(lambda m: f"{m.group(2)} ({m.group(1)})" if m.group(2) else m.group(1), text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return re.sub(r"[ \t]+", " ", text).strip()


def is_dm(event: Mapping[str, Any]) -> bool:
    return event.get("channel_type") == "im"


def to_question(
    event: Mapping[str, Any], *, team_id: str, bot_user_id: str | None, admins: tuple[str, ...]
) -> Question:
    """The platform-neutral question for an event `ignore_reason` let through."""
    channel, user = str(event["channel"]), str(event["user"])
    thread_ts = event.get("thread_ts")
    if is_dm(event):
        conversation = f"slack:{team_id}:{channel}" + (f":{thread_ts}" if thread_ts else "")
    else:
        conversation = f"slack:{team_id}:{channel}:{thread_ts or event['ts']}"
    return Question(
        text=plain_text(str(event.get("text") or ""), bot_user_id),
        platform="slack",
        user_id=user,
        channel_id=channel,
        conversation=conversation,
        is_dm=is_dm(event),
        is_admin=user in admins,
        attachments=len(event.get("files") or ()),
    )


def reply_target(event: Mapping[str, Any]) -> Target:
    """A channel mention is answered in its thread; a DM in the DM (in a thread if it was)."""
    channel = str(event["channel"])
    if is_dm(event):
        return Target(channel, event.get("thread_ts"))
    return Target(channel, event.get("thread_ts") or event["ts"])


# --- Answer -> Slack calls -------------------------------------------------------------------

Sleep = Callable[[float], Awaitable[None]]


def _slack_error(exc: SlackApiError) -> str:
    try:
        return str(exc.response.get("error") or "")
    except AttributeError:
        return ""


def _retry_after(exc: SlackApiError) -> float:
    try:
        return float(exc.response.headers.get("Retry-After", 1))
    except (AttributeError, TypeError, ValueError):
        return 1.0


class StreamingReply:
    """One answer on Slack: a thinking sign, throttled updates while the text streams, then the
    whole answer: its first piece in that message, the rest as further replies beside it."""

    def __init__(
        self,
        client: AsyncWebClient,
        target: Target,
        *,
        clock: Clock,
        interval: float = UPDATE_INTERVAL_S,
        limit: int = MESSAGE_LIMIT,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._client = client
        self._target = target
        self._clock = clock
        self._interval = interval
        self._limit = limit
        self._sleep = sleep
        self._streamed = ""
        self._ts: str | None = None  # the thinking message, updated in place
        self._first_sent = False
        self._next_update = 0.0
        self.updates = 0  # chat.update calls made while streaming

    async def start(self) -> None:
        """Post the thinking sign."""
        response = await self._post(THINKING)
        self._ts = str(response["ts"])
        self._next_update = self._clock() + self._interval

    async def push(self, delta: str) -> None:
        """Take a streamed piece; show the text so far at most once per interval."""
        self._streamed += delta
        if self._ts is None or not self._streamed.strip():
            return
        now = self._clock()
        if now < self._next_update:
            return
        self._next_update = now + self._interval
        try:
            await self._client.chat_update(
                channel=self._target.channel, ts=self._ts, text=preview(self._streamed, self._limit)
            )
            self.updates += 1
        except SlackApiError as exc:  # a missed preview is harmless: the final text follows
            if _slack_error(exc) == "ratelimited":
                self._next_update = now + max(self._interval, _retry_after(exc))
            log.warning("slack: streaming update skipped (%s)", _slack_error(exc) or "error")

    async def finish(self, text: str) -> None:
        """Show the final answer, split to fit; smaller pieces if Slack says msg_too_long."""
        for piece in answer_pieces(text, self._limit):
            await self._send_piece(piece)

    async def fail(self, text: str) -> None:
        """Show `text` (an apology) in place of the answer; never raises."""
        try:
            await self._send(text)
        except Exception:
            log.exception("slack: could not deliver the apology either")

    async def _send_piece(self, piece: str) -> None:
        try:
            await self._send(piece)
        except SlackApiError as exc:
            if _slack_error(exc) != "msg_too_long" or len(piece) < 200:
                raise
            log.info("slack: msg_too_long at %d characters, splitting smaller", len(piece))
            for smaller in split_message(piece, max(100, len(piece) // 2)):
                await self._send_piece(smaller)

    async def _send(self, text: str) -> None:
        if self._ts is not None and not self._first_sent:
            ts = self._ts
            channel = self._target.channel
            await self._retrying(
                lambda: self._client.chat_update(channel=channel, ts=ts, text=text)
            )
        else:
            await self._post(text)
        self._first_sent = True

    async def _post(self, text: str) -> Any:
        target = self._target
        return await self._retrying(
            lambda: self._client.chat_postMessage(
                channel=target.channel, thread_ts=target.thread_ts, text=text
            )
        )

    async def _retrying(self, call: Callable[[], Awaitable[Any]]) -> Any:
        """Make a Web API call, waiting out Slack's rate limit a few times."""
        for attempt in range(MAX_RATELIMIT_RETRIES + 1):
            try:
                return await call()
            except SlackApiError as exc:
                if _slack_error(exc) != "ratelimited" or attempt == MAX_RATELIMIT_RETRIES:
                    raise
                await self._sleep(_retry_after(exc))
        raise AssertionError("unreachable")


# --- the bot ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Handled:
    """One event or command processed: what it was and what became of it."""

    key: str  # "event:<event_id>" or "command:/twin-usage"
    outcome: str  # "answered", "ignored: ...", "duplicate", "refused", "reported", "failed <id>"
    seconds: float


Observer = Callable[[Handled], Awaitable[None]]
Report = Callable[[], Awaitable[tuple[str, list[dict[str, Any]]]]]


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
        self._reports: dict[str, Report] = {
            "/twin-usage": self._usage,
            "/twin-health": self._health,
            "/twin-gaps": self._gaps,
        }
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
            await reply.finish(answer.text)
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
        user = str(body.get("user_id") or "")
        outcome = "failed"
        try:
            report = self._reports.get(command)
            if report is None:
                outcome = "unknown command"
                await respond(text=f"I don't know `{command}`.", response_type="ephemeral")
            elif user not in self.config.slack.admins:
                outcome = "refused"
                await respond(
                    text=f"Sorry, `{command}` is only for the twin's admins.",
                    response_type="ephemeral",
                )
            else:
                text, blocks = await report()
                await respond(text=text, blocks=blocks, response_type="ephemeral")
                outcome = "reported"
        except Exception:
            error_id = new_error_id()
            log.exception("slack command %s failed [error %s]", command, error_id)
            outcome = f"failed {error_id}"
            try:
                await respond(text=apology(error_id), response_type="ephemeral")
            except Exception:
                log.exception("slack: could not deliver the apology either")
        finally:
            await self._done(f"command:{command}", outcome, started)

    async def _usage(self) -> tuple[str, list[dict[str, Any]]]:
        report = await self.twin.usage_report()
        return usage_text(report), usage_blocks(report)

    async def _health(self) -> tuple[str, list[dict[str, Any]]]:
        report = await self.twin.health_report()
        return health_text(report), health_blocks(report)

    async def _gaps(self) -> tuple[str, list[dict[str, Any]]]:
        report = await self.twin.gaps_report()
        return gaps_text(report), gaps_blocks(report)

    # alerts

    async def post_alert(self, alert: Alert) -> None:
        """Post one alert to the admin channel (the AlertBus logs a failure and carries on)."""
        await self.client.chat_postMessage(
            channel=self.config.slack.admin_channel,
            text=alert_text(alert),
            blocks=alert_blocks(alert),
        )


# --- building and running --------------------------------------------------------------------


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


class SlackHttpServer:
    """HTTP mode: serves POST /slack/events for an AsyncApp with aiohttp."""

    def __init__(self, app: AsyncApp, host: str, port: int, path: str = EVENTS_PATH) -> None:
        self.app = app
        self.host = host
        self.port = port
        self.path = path
        self._runner: web.AppRunner | None = None

    async def _handle(self, request: web.Request) -> web.Response:
        response = await self.app.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(response)

    async def start(self) -> None:
        """Listen; with port 0 the chosen port is in `self.port` afterwards."""
        web_app = web.Application()
        web_app.router.add_post(self.path, self._handle)
        self._runner = web.AppRunner(web_app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()
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
    "socket mode" or the events URL once Slack can reach the twin."""
    bot = build_slack_bot(twin, config, env)
    app_token = env.get("SLACK_APP_TOKEN")
    try:
        if app_token:
            handler = AsyncSocketModeHandler(bot.app, app_token)
            await handler.connect_async()  # type: ignore[no-untyped-call]
            log.info("slack: connected in Socket Mode")
            try:
                if on_ready is not None:
                    on_ready("socket mode")
                await asyncio.Event().wait()
            finally:
                await handler.close_async()  # type: ignore[no-untyped-call]
        else:
            server = SlackHttpServer(bot.app, config.slack.host, config.slack.port)
            await server.start()
            try:
                if on_ready is not None:
                    on_ready(server.url)
                await asyncio.Event().wait()
            finally:
                await server.stop()
    finally:
        await bot.close()
