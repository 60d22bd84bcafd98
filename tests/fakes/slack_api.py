"""A local fake of the Slack Web API (aiohttp on 127.0.0.1, port 0) that records every call.

Point `slack_sdk.web.async_client.AsyncWebClient(base_url=fake.base_url)` at it. It answers like
Slack: `{"ok": true, ...}` with fresh `ts` values, `{"ok": false, "error": ...}` otherwise, and
keeps each message's current text so tests can read what a channel shows after the updates.
Slash-command `response_url`s point at `fake.response_url(name)`; what the app sends there is
recorded as method "response_url".

    async with FakeSlack() as slack:
        client = AsyncWebClient(token="xoxb-test", base_url=slack.base_url)
        slack.fail_next("chat.update", "msg_too_long")       # or "ratelimited"
        ...
        posts = await slack.wait_for("chat.postMessage", 2)  # waits on a condition, never a sleep

Modals: `views.open` (with a trigger_id) keeps the view in `fake.views`; the interaction payloads
a person's clicks and submissions produce are built by `block_actions` and `view_submission`.

Native streaming (`chat.startStream` / `appendStream` / `stopStream`) answers `unknown_method`,
like a workspace without the AI-app feature, unless `streaming=True` (or `fake.streaming = True`);
`expire_streams()` ends every open stream, as Slack does after about 5 minutes, so the next call
gets `message_not_in_streaming_state`; a streamed message holds at most `stream_max` characters
(more is `msg_too_long`). Appends and stops take `markdown_text` or `chunks` (`markdown_text`,
`task_update`, `plan_update`), kept on the message; `chat.stopStream` takes `session_status`.

The agent messaging experience (`agent=True`): `agents.sessions.setStatus` (only `active`,
`processing`, `suspended`, `closed`; anything else is `invalid_arguments`) and
`agents.sessions.rename` keep each session's status history and title in `fake.sessions`;
without it they answer `feature_not_enabled`. `assistant.threads.setSuggestedPrompts` without a
`thread_ts` pins prompts to a DM's Messages tab (`fake.pinned_prompts`); with one, an agent app's
call is ignored, as Slack does. `press_stop(channel, thread_ts)` is the stop button: it ends the
thread's open streams and returns the `agent_session_stopped` event Slack sends.
`auth.test` answers with the `x-oauth-scopes` header listing `fake.scopes`.
`assistant.threads.setStatus` / `setTitle` (assistant_view apps) are answered ok; the status a
thread shows is kept in `fake.thread_statuses` until an empty status or the app's next reply in
that thread clears it, as Slack does.

What a member still sees the twin working on: `open_streams()` (native streams never stopped)
and `working()` (those, and every thread status or agent session still "processing"), so a test
can assert that nothing was left open.

Socket Mode: `apps.connections.open` (with an `xapp-` token) hands out `ws://…/socket`; once the
app is connected, `await slack.socket_send("events_api", payload)` delivers an envelope and the
app's acknowledgement is recorded as method "socket_ack".
"""

from __future__ import annotations

import asyncio
import itertools
import json
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

DEFAULT_TIMEOUT = 5.0
MAX_TEXT = 4000  # Slack answers msg_too_long above about this many characters
STREAM_MAX = 40_000  # characters one streamed message holds (Slack's cap; msg_too_long after)
SESSION_STATUSES = frozenset({"active", "processing", "suspended", "closed"})
TASK_STATUSES = frozenset({"pending", "in_progress", "complete", "error"})
DEFAULT_SCOPES = ("app_mentions:read", "assistant:write", "chat:write", "commands", "im:history")


@dataclass
class SlackCall:
    """One request the fake received: the API method and its merged arguments."""

    method: str
    args: dict[str, Any]
    token: str | None = None
    response: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return str(self.args.get("text", ""))


@dataclass
class _Fault:
    error: str
    times: int
    retry_after: int


@dataclass
class FakeMessage:
    """A message as the channel shows it now (after every chat.update)."""

    channel: str
    ts: str
    text: str
    thread_ts: str | None
    blocks: list[Any] | None = None
    edits: int = 0
    streaming: bool = False  # a native stream is open on it
    chunks: list[dict[str, Any]] = field(default_factory=list)  # task cards and plans streamed


@dataclass
class FakeSession:
    """One agent session (a DM thread in the agent experience)."""

    statuses: list[str] = field(default_factory=list)
    title: str = ""

    @property
    def status(self) -> str:
        return self.statuses[-1] if self.statuses else ""


class FakeSlack:
    """The fake Web API server; an async context manager."""

    def __init__(
        self,
        *,
        bot_user_id: str = "UBOT",
        bot_id: str = "BBOT",
        team_id: str = "T1",
        max_text: int = MAX_TEXT,
        streaming: bool = False,
        agent: bool = False,
    ) -> None:
        self.bot_user_id = bot_user_id
        self.bot_id = bot_id
        self.team_id = team_id
        self.max_text = max_text
        self.streaming = streaming
        self.agent = agent
        self.stream_max = STREAM_MAX
        self.scopes: list[str] = list(DEFAULT_SCOPES)
        self.sessions: dict[tuple[str, str], FakeSession] = {}
        self.pinned_prompts: dict[str, list[dict[str, str]]] = {}
        self.thread_statuses: dict[tuple[str, str], str] = {}  # assistant.threads.setStatus
        self.calls: list[SlackCall] = []
        self.messages: dict[tuple[str, str], FakeMessage] = {}
        self.views: list[dict[str, Any]] = []  # modals opened with views.open
        self._faults: dict[str, list[_Fault]] = defaultdict(list)
        self._ts = itertools.count(1)
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._sockets: list[web.WebSocketResponse] = []
        self.port = 0

    # --- lifecycle ------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/api/{method}", self._handle_api)
        app.router.add_get("/api/{method}", self._handle_api)
        app.router.add_post("/response/{name}", self._handle_response_url)
        app.router.add_get("/socket", self._handle_socket)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        for socket in list(self._sockets):
            await socket.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeSlack:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, name: str = "cmd") -> str:
        return f"http://127.0.0.1:{self.port}/response/{name}"

    # --- scripting and reading ------------------------------------------------------------

    def fail_next(self, method: str, error: str, *, times: int = 1, retry_after: int = 0) -> None:
        """Answer the next `times` calls of `method` with `error` ("ratelimited" is a 429)."""
        self._faults[method].append(_Fault(error, times, retry_after))

    def expire_streams(self) -> None:
        """End every open native stream (Slack's timeout)."""
        for message in self.messages.values():
            message.streaming = False

    def press_stop(self, channel: str, thread_ts: str, user: str = "U1") -> dict[str, Any]:
        """The stop button: Slack ends the thread's open streams and sends this event."""
        stopped = []
        for message in self.thread(channel, thread_ts):
            if message.streaming:
                message.streaming = False
                stopped.append(message.ts)
        return {
            "type": "agent_session_stopped",
            "channel": channel,
            "thread_ts": thread_ts,
            "user": user,
            "streaming_message_ts": stopped,
            "event_ts": self._next_ts(),
        }

    def open_streams(self) -> list[FakeMessage]:
        """Native streams started and never stopped (nor ended by Slack)."""
        return [m for m in self.messages.values() if m.streaming]

    def working(self) -> list[str]:
        """Everything that still shows the twin at work: open streams, thread statuses, agent
        sessions "processing"."""
        return [
            *(f"stream {m.channel}/{m.ts}" for m in self.open_streams()),
            *(f"status {c}/{t}: {s}" for (c, t), s in self.thread_statuses.items() if s),
            *(
                f"session {c}/{t}"
                for (c, t), s in self.sessions.items()
                if s.status == "processing"
            ),
        ]

    def session(self, channel: str, thread_ts: str) -> FakeSession:
        return self.sessions.setdefault((channel, thread_ts), FakeSession())

    def calls_to(self, method: str) -> list[SlackCall]:
        return [c for c in self.calls if c.method == method]

    def methods(self) -> list[str]:
        return [c.method for c in self.calls]

    def thread(self, channel: str, thread_ts: str) -> list[FakeMessage]:
        """Messages of a thread (root excluded), oldest first, as they read now."""
        return [
            m for m in self.messages.values() if m.channel == channel and m.thread_ts == thread_ts
        ]

    def in_channel(self, channel: str) -> list[FakeMessage]:
        return [m for m in self.messages.values() if m.channel == channel]

    async def wait_for(
        self, method: str, count: int = 1, within: float = DEFAULT_TIMEOUT
    ) -> list[SlackCall]:
        """Wait until `method` was called at least `count` times; return those calls."""

        def enough() -> bool:
            return len(self.calls_to(method)) >= count

        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait_for(enough), within)
            except TimeoutError:
                raise AssertionError(
                    f"expected {count} {method} call(s) within {within}s, "
                    f"got {len(self.calls_to(method))}; calls: {self.methods()}"
                ) from None
        return self.calls_to(method)

    async def wait_until(
        self, predicate: Callable[[], bool], what: str, within: float = DEFAULT_TIMEOUT
    ) -> None:
        """Wait until `predicate()` holds (checked after every call the fake receives)."""
        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait_for(predicate), within)
            except TimeoutError:
                raise AssertionError(f"never saw {what}; calls: {self.methods()}") from None

    def posts_to(self, channel: str) -> list[SlackCall]:
        return [c for c in self.calls_to("chat.postMessage") if c.args.get("channel") == channel]

    async def socket_send(
        self, kind: str, payload: dict[str, Any], within: float = DEFAULT_TIMEOUT
    ) -> str:
        """Deliver one Socket Mode envelope (e.g. "events_api", "slash_commands") to the
        connected app, waiting for it to connect first; returns the envelope id."""
        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait_for(lambda: bool(self._sockets)), within)
            except TimeoutError:
                raise AssertionError(f"no Socket Mode connection within {within}s") from None
        envelope_id = str(uuid.uuid4())
        envelope = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": kind != "events_api",
            "retry_attempt": 0,
            "retry_reason": "",
        }
        await self._sockets[-1].send_str(json.dumps(envelope))
        return envelope_id

    # --- handlers -------------------------------------------------------------------------

    async def _handle_socket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        hello = {"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A1"}}
        await socket.send_str(json.dumps(hello))
        self._sockets.append(socket)
        async with self._changed:
            self._changed.notify_all()
        try:
            async for message in socket:
                if message.type == WSMsgType.TEXT:
                    await self._record(SlackCall("socket_ack", json.loads(message.data)))
        finally:
            self._sockets.remove(socket)
        return socket

    async def _record(self, call: SlackCall) -> None:
        self.calls.append(call)
        async with self._changed:
            self._changed.notify_all()

    async def _handle_response_url(self, request: web.Request) -> web.Response:
        body = await request.json()
        await self._record(SlackCall("response_url", {"name": request.match_info["name"], **body}))
        return web.Response(text="ok")

    async def _handle_api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await _read_args(request)
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else args.get("token")
        call = SlackCall(method, args, token)
        status, body, headers = self._answer(method, args, token)
        if method == "auth.test" and body.get("ok"):
            headers = {**headers, "x-oauth-scopes": ",".join(self.scopes)}
        call.response = body
        await self._record(call)
        return web.json_response(body, status=status, headers=headers)

    def _answer(
        self, method: str, args: dict[str, Any], token: str | None
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        fault = self._take_fault(method)
        if fault is not None:
            if fault.error == "ratelimited":
                headers = {"Retry-After": str(fault.retry_after)}
                return 429, {"ok": False, "error": "ratelimited"}, headers
            return 200, {"ok": False, "error": fault.error}, {}
        needed = "xapp-" if method == "apps.connections.open" else "xoxb-"
        if not token:
            return 200, {"ok": False, "error": "not_authed"}, {}
        if not token.startswith(needed):
            wrong_kind = token.startswith(("xoxb-", "xapp-"))
            error = "not_allowed_token_type" if wrong_kind else "invalid_auth"
            return 200, {"ok": False, "error": error}, {}
        handler = getattr(self, "_api_" + method.replace(".", "_"), None)
        if method.endswith("Stream") and method.startswith("chat.") and not self.streaming:
            handler = None
        if method.startswith("agents.sessions.") and not self.agent:
            return 200, {"ok": False, "error": "feature_not_enabled"}, {}
        if handler is None:
            return 200, {"ok": False, "error": "unknown_method"}, {}
        body: dict[str, Any] = handler(args)
        return 200, body, {}

    def _take_fault(self, method: str) -> _Fault | None:
        queue = self._faults.get(method)
        if not queue:
            return None
        fault = queue[0]
        fault.times -= 1
        if fault.times <= 0:
            queue.pop(0)
        return fault

    def _next_ts(self) -> str:
        return f"1700000000.{next(self._ts):06d}"

    def _too_long(self, args: dict[str, Any]) -> bool:
        return len(str(args.get("text", ""))) > self.max_text

    # Each _api_* answers one Web API method the way Slack does (the fields the app reads).

    def _api_auth_test(self, args: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "url": "https://twin-test.slack.com/",
            "team": "Twin Test",
            "user": "twin",
            "team_id": self.team_id,
            "user_id": self.bot_user_id,
            "bot_id": self.bot_id,
        }

    def _api_apps_connections_open(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket"}

    def _api_chat_postMessage(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args.get("channel", ""))
        if not channel:
            return {"ok": False, "error": "channel_not_found"}
        if not args.get("text") and not args.get("blocks"):
            return {"ok": False, "error": "no_text"}
        if self._too_long(args):
            return {"ok": False, "error": "msg_too_long"}
        ts = self._next_ts()
        thread_ts = args.get("thread_ts") or None
        if thread_ts:  # the app replied: the thread's status goes, as Slack clears it
            self.thread_statuses.pop((channel, str(thread_ts)), None)
        blocks = _json_field(args.get("blocks"))
        self.messages[(channel, ts)] = FakeMessage(
            channel, ts, str(args.get("text", "")), thread_ts, blocks
        )
        message = {
            "type": "message",
            "text": args.get("text", ""),
            "ts": ts,
            "user": self.bot_user_id,
        }
        if thread_ts:
            message["thread_ts"] = thread_ts
        return {"ok": True, "channel": channel, "ts": ts, "message": message}

    def _api_chat_update(self, args: dict[str, Any]) -> dict[str, Any]:
        channel, ts = str(args.get("channel", "")), str(args.get("ts", ""))
        message = self.messages.get((channel, ts))
        if message is None:
            return {"ok": False, "error": "message_not_found"}
        if self._too_long(args):
            return {"ok": False, "error": "msg_too_long"}
        message.text = str(args.get("text", ""))
        message.blocks = _json_field(args.get("blocks"))
        message.edits += 1
        return {"ok": True, "channel": channel, "ts": ts, "text": message.text}

    def _api_chat_startStream(self, args: dict[str, Any]) -> dict[str, Any]:
        channel, thread_ts = str(args.get("channel", "")), args.get("thread_ts")
        if not channel:
            return {"ok": False, "error": "channel_not_found"}
        if not thread_ts:
            return {"ok": False, "error": "invalid_arguments"}
        if not channel.startswith("D") and not (
            args.get("recipient_user_id") and args.get("recipient_team_id")
        ):
            return {"ok": False, "error": "invalid_arguments"}  # required outside DMs
        if args.get("task_display_mode") not in (None, "timeline", "plan"):
            return {"ok": False, "error": "invalid_arguments"}
        ts = self._next_ts()
        self.thread_statuses.pop((channel, str(thread_ts)), None)  # the app replies
        message = FakeMessage(channel, ts, "", str(thread_ts), None, streaming=True)
        error = self._stream_into(message, args)
        if error:
            return {"ok": False, "error": error}
        self.messages[(channel, ts)] = message
        return {"ok": True, "channel": channel, "ts": ts}

    def _stream_into(self, message: FakeMessage, args: dict[str, Any]) -> str | None:
        """Add `markdown_text` or `chunks` to a streamed message; an error code, or None."""
        text = str(args.get("markdown_text") or "")
        chunks = _json_field(args.get("chunks")) or []
        if text and chunks:
            return "invalid_arguments"  # one or the other
        if not isinstance(chunks, list):
            return "invalid_chunks"
        cards = []
        for chunk in chunks:
            kind = chunk.get("type") if isinstance(chunk, dict) else None
            if kind == "markdown_text" and chunk.get("text"):
                text += str(chunk["text"])
            elif kind == "task_update":
                if not chunk.get("id") or not chunk.get("title"):
                    return "invalid_chunks"
                if chunk.get("status") not in TASK_STATUSES:
                    return "invalid_chunks"
                for source in chunk.get("sources") or ():
                    if source.get("type") != "url" or not source.get("url"):
                        return "invalid_chunks"
                cards.append(chunk)
            elif kind == "plan_update" and chunk.get("title"):
                cards.append(chunk)
            else:
                return "invalid_chunks"
        if len(message.text) + len(text) > self.stream_max:
            return "msg_too_long"
        message.text += text
        message.chunks += cards
        return None

    def _streaming_message(self, args: dict[str, Any]) -> FakeMessage | dict[str, Any]:
        message = self.messages.get((str(args.get("channel", "")), str(args.get("ts", ""))))
        if message is None:
            return {"ok": False, "error": "message_not_found"}
        if not message.streaming:
            return {"ok": False, "error": "message_not_in_streaming_state"}
        return message

    def _api_chat_appendStream(self, args: dict[str, Any]) -> dict[str, Any]:
        message = self._streaming_message(args)
        if isinstance(message, dict):
            return message
        if not args.get("markdown_text") and not args.get("chunks"):
            return {"ok": False, "error": "invalid_arguments"}
        if error := self._stream_into(message, args):
            return {"ok": False, "error": error}
        message.edits += 1
        return {"ok": True, "channel": message.channel, "ts": message.ts}

    def _api_chat_stopStream(self, args: dict[str, Any]) -> dict[str, Any]:
        message = self._streaming_message(args)
        if isinstance(message, dict):
            return message
        status = args.get("session_status")
        if status is not None and status not in SESSION_STATUSES:
            return {"ok": False, "error": "invalid_arguments"}
        if error := self._stream_into(message, args):
            return {"ok": False, "error": error}
        message.blocks = _json_field(args.get("blocks"))
        message.streaming = False
        if status is not None and message.thread_ts is not None:
            self.session(message.channel, message.thread_ts).statuses.append(str(status))
        return {"ok": True, "channel": message.channel, "ts": message.ts}

    def _api_agents_sessions_setStatus(self, args: dict[str, Any]) -> dict[str, Any]:
        channel, thread_ts = str(args.get("channel_id") or ""), str(args.get("thread_ts") or "")
        if not channel or not thread_ts:
            return {"ok": False, "error": "invalid_arguments"}
        if args.get("status") not in SESSION_STATUSES:  # free text is refused
            return {"ok": False, "error": "invalid_arguments"}
        session = self.session(channel, thread_ts)
        session.statuses.append(str(args["status"]))
        if args.get("title") and not session.title:
            session.title = str(args["title"])[:200]
        return {"ok": True, "status": session.status, "title": session.title}

    def _api_agents_sessions_rename(self, args: dict[str, Any]) -> dict[str, Any]:
        channel, thread_ts = str(args.get("channel_id") or ""), str(args.get("thread_ts") or "")
        title = str(args.get("title") or "")
        if not channel or not thread_ts or not 1 <= len(title) <= 200:
            return {"ok": False, "error": "invalid_arguments"}
        self.session(channel, thread_ts).title = title
        return {"ok": True, "title": title}

    def _api_assistant_threads_setStatus(self, args: dict[str, Any]) -> dict[str, Any]:
        if not args.get("channel_id") or not args.get("thread_ts") or "status" not in args:
            return {"ok": False, "error": "invalid_arguments"}
        where = (str(args["channel_id"]), str(args["thread_ts"]))
        self.thread_statuses[where] = str(args.get("status") or "")
        return {"ok": True}

    def _api_assistant_threads_setTitle(self, args: dict[str, Any]) -> dict[str, Any]:
        if not args.get("channel_id") or not args.get("thread_ts") or not args.get("title"):
            return {"ok": False, "error": "invalid_arguments"}
        return {"ok": True}

    def _api_assistant_threads_setSuggestedPrompts(self, args: dict[str, Any]) -> dict[str, Any]:
        prompts = _json_field(args.get("prompts"))
        if not args.get("channel_id") or not isinstance(prompts, list) or not prompts:
            return {"ok": False, "error": "invalid_arguments"}
        if len(prompts) > 4 or not all(p.get("title") and p.get("message") for p in prompts):
            return {"ok": False, "error": "invalid_arguments"}
        if not args.get("thread_ts"):
            self.pinned_prompts[str(args["channel_id"])] = prompts
        return {"ok": True}  # an agent app's call with thread_ts fails silently, as Slack's

    def _api_chat_postEphemeral(self, args: dict[str, Any]) -> dict[str, Any]:
        if not args.get("channel") or not args.get("user"):
            return {"ok": False, "error": "invalid_arguments"}
        return {"ok": True, "message_ts": self._next_ts()}

    def _api_views_open(self, args: dict[str, Any]) -> dict[str, Any]:
        if not args.get("trigger_id"):
            return {"ok": False, "error": "invalid_trigger_id"}
        view = _json_field(args.get("view"))
        if not isinstance(view, dict) or view.get("type") != "modal":
            return {"ok": False, "error": "invalid_arguments"}
        self.views.append(view)
        return {"ok": True, "view": {"id": f"V{len(self.views):08d}", **view}}

    def _api_users_info(self, args: dict[str, Any]) -> dict[str, Any]:
        user = str(args.get("user", ""))
        return {
            "ok": True,
            "user": {"id": user, "name": user.lower(), "real_name": f"User {user}"},
        }

    def _api_conversations_info(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args.get("channel", ""))
        return {"ok": True, "channel": {"id": channel, "is_im": channel.startswith("D")}}

    def _api_conversations_replies(self, args: dict[str, Any]) -> dict[str, Any]:
        channel, root = str(args.get("channel", "")), str(args.get("ts", ""))
        found = self.thread(channel, root)
        return {
            "ok": True,
            "messages": [{"ts": m.ts, "text": m.text, "thread_ts": root} for m in found],
            "has_more": False,
        }

    def _api_conversations_history(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args.get("channel", ""))
        found = [m for m in self.in_channel(channel) if m.thread_ts is None]
        return {"ok": True, "messages": [{"ts": m.ts, "text": m.text} for m in found]}


async def _read_args(request: web.Request) -> dict[str, Any]:
    """Merge query string, form fields and a JSON body, as Slack accepts all three."""
    args: dict[str, Any] = dict(request.query)
    if request.can_read_body:
        if request.content_type == "application/json":
            body = await request.json()
            if isinstance(body, dict):
                args.update(body)
        else:
            form = await request.post()
            args.update({k: v for k, v in form.items() if isinstance(v, str)})
    return args


def _json_field(value: Any) -> Any:
    """Blocks arrive as a list (JSON body) or a JSON string (form body)."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def block_actions(
    user: str,
    action_id: str,
    value: str,
    *,
    channel: str,
    message: FakeMessage | None,
    response_url: str,
    team_id: str = "T1",
    trigger_id: str = "13345224609.738474920.8088930838d88f008e0",
) -> dict[str, Any]:
    """The interaction payload Slack posts when `user` clicks a button on `message`."""
    ts = message.ts if message is not None else "1700000000.000001"
    return {
        "type": "block_actions",
        "team": {"id": team_id, "domain": "twin-test"},
        "user": {"id": user, "username": user.lower(), "team_id": team_id},
        "api_app_id": "A1",
        "token": "legacy",
        "container": {"type": "message", "message_ts": ts, "channel_id": channel},
        "trigger_id": trigger_id,
        "channel": {"id": channel, "name": "directmessage"},
        "message": {
            "type": "message",
            "ts": ts,
            "text": message.text if message is not None else "",
            "blocks": (message.blocks if message is not None else None) or [],
        },
        "response_url": response_url,
        "actions": [
            {
                "type": "button",
                "action_id": action_id,
                "block_id": "b1",
                "value": value,
                "action_ts": "1700000001.000001",
            }
        ],
    }


def view_submission(
    user: str, view: dict[str, Any], values: dict[str, dict[str, str]], *, team_id: str = "T1"
) -> dict[str, Any]:
    """The payload Slack posts when `user` submits the modal `view`; `values` maps block id ->
    action id -> the text typed."""
    state = {
        block: {action: {"type": "plain_text_input", "value": text}}
        for block, inputs in values.items()
        for action, text in inputs.items()
    }
    return {
        "type": "view_submission",
        "team": {"id": team_id, "domain": "twin-test"},
        "user": {"id": user, "username": user.lower(), "team_id": team_id},
        "api_app_id": "A1",
        "token": "legacy",
        "trigger_id": "13345224609.738474920.8088930838d88f008e1",
        "view": {
            "id": "V00000001",
            "team_id": team_id,
            "type": "modal",
            "callback_id": view.get("callback_id", ""),
            "private_metadata": view.get("private_metadata", ""),
            "blocks": view.get("blocks", []),
            "state": {"values": state},
            "hash": "1700000002.abc",
        },
        "response_urls": [],
    }
