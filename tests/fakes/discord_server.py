"""A local fake of Discord (aiohttp on 127.0.0.1, port 0): the REST API and the gateway.

The real discord.py client works against it once pointed there (what `DISCORD_API_URL` and
`DISCORD_GATEWAY_URL` do in production):

    async with FakeDiscord() as fake:
        discord.http.Route.BASE = fake.api_url
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
        ...client.start("test-token")...
        await fake.dispatch("MESSAGE_CREATE", fake.user_message("hi", mention=True))
        await fake.wait_for(lambda calls: any(c.method == "POST" for c in calls))

Gateway: HELLO (op 10) on connect; HEARTBEAT (op 1) gets HEARTBEAT_ACK (op 11); IDENTIFY (op 2)
with the right token gets READY (op 0, with user, session_id, resume_gateway_url, application)
then one GUILD_CREATE per guild; a wrong token closes with 4004 like Discord. Frames are sent as
text JSON whatever `compress` the client asks for (discord.py decompresses only binary frames).

REST (under `/api/v10`): every call is kept in `calls` as (method, path, json body, query).
A channel's history (`GET /channels/{id}/messages` with `after` / `before` / `limit`, newest
first) and deleting a message work on every message seen or sent. Bodies are
answered as Discord does, with `Content-Type: application/json` exactly (discord.py parses JSON
only then). Messages the bot posts are echoed back over the gateway as MESSAGE_CREATE, as
Discord does, so the client sees its own messages too.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import WSMsgType, web

TOKEN = "test-discord-token"
API_PREFIX = "/api/v10"

BOT_ID = 900000000000000001
APP_ID = 900000000000000002
OWNER_ID = 900000000000000003
GUILD_ID = 910000000000000001
CHANNEL_ID = 920000000000000001  # #general
ADMIN_CHANNEL_ID = 920000000000000002  # #twin-admin
THREAD_ID = 920000000000000003  # a thread in #general
DM_CHANNEL_ID = 920000000000000009
ADMIN_ROLE_ID = 930000000000000001
BOT_ROLE_ID = 930000000000000002  # the bot's managed role (people sometimes mention it)
EPHEMERAL = 64


def _now() -> str:
    return datetime.now(UTC).isoformat()


def user(user_id: int, name: str, *, bot: bool = False) -> dict[str, Any]:
    """A Discord user object."""
    return {
        "id": str(user_id),
        "username": name,
        "global_name": name.title(),
        "discriminator": "0",
        "avatar": None,
        "bot": bot,
        "public_flags": 0,
        "flags": 0,
    }


BOT_USER = user(BOT_ID, "twin", bot=True)


def member(user_obj: dict[str, Any], roles: Iterable[int] = ()) -> dict[str, Any]:
    """A guild member object (the user inside it, as GUILD_CREATE and interactions carry it)."""
    return {
        "user": user_obj,
        "roles": [str(r) for r in roles],
        "joined_at": "2024-01-01T00:00:00+00:00",
        "deaf": False,
        "mute": False,
        "flags": 0,
        "nick": None,
        "avatar": None,
        "pending": False,
    }


def _role(role_id: int, name: str, position: int, **extra: Any) -> dict[str, Any]:
    return {
        "id": str(role_id),
        "name": name,
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
        "hoist": False,
        "icon": None,
        "unicode_emoji": None,
        "position": position,
        "permissions": "0",
        "managed": False,
        "mentionable": True,
        "flags": 0,
        **extra,
    }


def _text_channel(channel_id: int, name: str, position: int) -> dict[str, Any]:
    return {
        "id": str(channel_id),
        "type": 0,
        "guild_id": str(GUILD_ID),
        "name": name,
        "position": position,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
        "topic": None,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "flags": 0,
    }


def default_guild() -> dict[str, Any]:
    """One server: #general with a thread, #twin-admin, an admin role, the bot as a member."""
    thread = {
        "id": str(THREAD_ID),
        "type": 11,
        "guild_id": str(GUILD_ID),
        "parent_id": str(CHANNEL_ID),
        "owner_id": str(OWNER_ID),
        "name": "a thread",
        "last_message_id": None,
        "message_count": 0,
        "member_count": 1,
        "rate_limit_per_user": 0,
        "flags": 0,
        "thread_metadata": {
            "archived": False,
            "auto_archive_duration": 1440,
            "archive_timestamp": "2024-01-01T00:00:00+00:00",
            "locked": False,
        },
    }
    return {
        "id": str(GUILD_ID),
        "name": "Test server",
        "unavailable": False,
        "owner_id": str(OWNER_ID),
        "member_count": 3,
        "large": False,
        "features": [],
        "roles": [
            _role(GUILD_ID, "@everyone", 0),
            _role(ADMIN_ROLE_ID, "Twin admins", 1),
            _role(BOT_ROLE_ID, "twin", 2, managed=True, tags={"bot_id": str(BOT_ID)}),
        ],
        "emojis": [],
        "stickers": [],
        "channels": [
            _text_channel(CHANNEL_ID, "general", 0),
            _text_channel(ADMIN_CHANNEL_ID, "twin-admin", 1),
        ],
        "threads": [thread],
        "members": [member(BOT_USER, [BOT_ROLE_ID])],
        "voice_states": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "joined_at": "2024-01-01T00:00:00+00:00",
    }


@dataclass
class RestCall:
    """One REST request the fake received: method, path (after /api/v10), JSON body."""

    method: str
    path: str
    json: Any = None
    query: dict[str, str] = field(default_factory=dict)
    at: float = field(default_factory=time.monotonic)


@dataclass
class _Fault:
    method: str
    path: re.Pattern[str]
    status: int
    body: dict[str, Any]
    remaining: int


Predicate = Callable[[list[RestCall]], bool]


class FakeDiscord:
    """The fake server; an async context manager (or start() / stop())."""

    def __init__(
        self,
        *,
        token: str = TOKEN,
        guilds: list[dict[str, Any]] | None = None,
        echo: bool = True,
    ) -> None:
        self.token = token
        self.guilds = guilds if guilds is not None else [default_guild()]
        self.echo = echo  # send the bot's own messages back over the gateway
        self.calls: list[RestCall] = []
        self.identifies: list[dict[str, Any]] = []  # IDENTIFY payloads, the token left out
        self.gateway_queries: list[dict[str, str]] = []
        self.dispatched: dict[str, float] = {}  # interaction id -> when it was sent
        self.messages: dict[str, dict[str, Any]] = {}  # every message seen or sent, by id
        self.commands: dict[str, list[dict[str, Any]]] = {}  # "global" or guild id -> commands
        self.users: dict[str, dict[str, Any]] = {}  # user objects GET /users/{id} answers with
        self.dm_channels: dict[str, str] = {}  # user id -> the DM channel the bot opened
        self.api_url = ""
        self.gateway_url = ""
        self.port = 0
        self._ids = itertools.count(1_200_000_000_000_000_000)
        self._seq = itertools.count(1)
        self._sockets: list[web.WebSocketResponse] = []
        self.shards: dict[int, tuple[int, int]] = {}  # id(socket) -> [shard_id, shard_count]
        self._faults: list[_Fault] = []
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None

    # --- lifecycle ---------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.port = int(self._runner.addresses[0][1])
        self.api_url = f"http://127.0.0.1:{self.port}{API_PREFIX}"
        self.gateway_url = f"ws://127.0.0.1:{self.port}/gateway"

    async def stop(self) -> None:
        for ws in list(self._sockets):
            with contextlib.suppress(Exception):
                await ws.close(code=1001)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # --- what tests use ----------------------------------------------------------------

    def new_id(self) -> str:
        return str(next(self._ids))

    def fail(
        self,
        method: str,
        path: str,
        *,
        status: int = 400,
        body: dict[str, Any] | None = None,
        times: int = 1,
    ) -> None:
        """The next `times` calls of `method` to a path matching the regex `path` get an error."""
        error = body or {"code": 50035, "message": "Invalid Form Body"}
        self._faults.append(_Fault(method, re.compile(path), status, error, times))

    async def wait_for(self, predicate: Predicate, timeout: float = 5.0) -> list[RestCall]:  # noqa: ASYNC109
        """Wait until `predicate(calls)` is true; fail with the calls so far if it never is."""
        async with self._changed:
            try:
                await asyncio.wait_for(
                    self._changed.wait_for(lambda: predicate(self.calls)), timeout
                )
            except TimeoutError:
                seen = "\n".join(f"  {c.method} {c.path} {c.json!r:.200}" for c in self.calls)
                raise AssertionError(
                    f"condition not met within {timeout}s; calls:\n{seen}"
                ) from None
        return self.calls

    async def wait_identified(self, count: int = 1, timeout: float = 5.0) -> dict[str, Any]:  # noqa: ASYNC109
        """Wait for the `count`-th IDENTIFY and return it."""
        async with self._changed:
            try:
                await asyncio.wait_for(
                    self._changed.wait_for(lambda: len(self.identifies) >= count), timeout
                )
            except TimeoutError:
                raise AssertionError("the client never identified") from None
        return self.identifies[count - 1]

    def calls_to(self, method: str, pattern: str) -> list[RestCall]:
        """Calls of `method` whose path matches the regex `pattern` in full."""
        regex = re.compile(pattern)
        return [c for c in self.calls if c.method == method and regex.fullmatch(c.path)]

    def sent_messages(self, channel_id: int | str | None = None) -> list[RestCall]:
        """POST /channels/{id}/messages calls (to one channel, or any)."""
        channel = r"\d+" if channel_id is None else str(channel_id)
        return self.calls_to("POST", rf"/channels/{channel}/messages")

    def edits(self, channel_id: int | str | None = None) -> list[RestCall]:
        channel = r"\d+" if channel_id is None else str(channel_id)
        return self.calls_to("PATCH", rf"/channels/{channel}/messages/\d+")

    async def dispatch(self, event: str, payload: dict[str, Any]) -> None:
        """Send a gateway DISPATCH (op 0) to every connected client."""
        if event == "MESSAGE_CREATE":
            self.messages[str(payload["id"])] = payload
        frame = {"op": 0, "t": event, "s": next(self._seq), "d": payload}
        for ws in list(self._sockets):
            if self._on_shard(ws, payload.get("guild_id")):
                await ws.send_str(json.dumps(frame))

    def _on_shard(self, ws: web.WebSocketResponse, guild_id: Any) -> bool:
        """Whether a sharded connection gets a server's events, as Discord routes them:
        shard (guild_id >> 22) % shard_count; direct messages on shard 0."""
        shard = self.shards.get(id(ws))
        if shard is None:
            return True
        if guild_id is None:
            return shard[0] == 0
        return (int(guild_id) >> 22) % shard[1] == shard[0]

    async def interaction(self, payload: dict[str, Any]) -> None:
        """Send an INTERACTION_CREATE (see `command_interaction` for a payload)."""
        self.dispatched[str(payload["id"])] = time.monotonic()
        await self.dispatch("INTERACTION_CREATE", payload)

    # --- payload builders ----------------------------------------------------------------

    def user_message(
        self,
        content: str,
        *,
        author: dict[str, Any] | None = None,
        roles: Iterable[int] = (),
        channel_id: int | str = CHANNEL_ID,
        dm: bool = False,
        mention: bool = False,
        mentions: Iterable[dict[str, Any]] = (),
        mention_roles: Iterable[int] = (),
        reply_to: dict[str, Any] | None = None,
        attachments: int = 0,
    ) -> dict[str, Any]:
        """A MESSAGE_CREATE payload from a person (or `author`), in #general unless told.

        `mention=True` puts `<@bot>` in front of the text, as Discord's client writes it;
        `reply_to` (a message payload) makes it a reply that carries `referenced_message`."""
        author = author or user(800000000000000001, "alice")
        if dm:
            channel_id = DM_CHANNEL_ID
        mentioned = list(mentions)
        if mention:
            content = f"<@{BOT_ID}> {content}"
            mentioned.append(BOT_USER)
        message: dict[str, Any] = {
            "id": self.new_id(),
            "channel_id": str(channel_id),
            "type": 19 if reply_to else 0,
            "content": content,
            "author": author,
            "timestamp": _now(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": mentioned,
            "mention_roles": [str(r) for r in mention_roles],
            "attachments": [
                {
                    "id": self.new_id(),
                    "filename": f"file{i}.png",
                    "size": 10,
                    "url": "http://127.0.0.1/x.png",
                    "proxy_url": "http://127.0.0.1/x.png",
                }
                for i in range(attachments)
            ],
            "embeds": [],
            "pinned": False,
            "flags": 0,
            "components": [],
        }
        if not dm:
            message["guild_id"] = str(GUILD_ID)
            message["member"] = {k: v for k, v in member(author, roles).items() if k != "user"}
        if reply_to is not None:
            message["message_reference"] = {
                "type": 0,
                "message_id": str(reply_to["id"]),
                "channel_id": str(reply_to["channel_id"]),
                **({"guild_id": str(GUILD_ID)} if not dm else {}),
            }
            message["referenced_message"] = {
                k: v for k, v in reply_to.items() if k != "referenced_message"
            }
            if reply_to["author"]["id"] == BOT_USER["id"] and BOT_USER not in mentioned:
                mentioned.append(BOT_USER)  # Discord's client pings the replied-to author
        return message

    def left_reply(self, question: dict[str, Any], content: str) -> dict[str, Any]:
        """A reply of the bot to `question` already in the channel (one an instance posted before
        it stopped): in the channel's history, no REST call recorded."""
        body = {"content": content, "message_reference": {"message_id": question["id"]}}
        message = self._bot_message(str(question["channel_id"]), body)
        self.messages[message["id"]] = message
        return message

    def command_interaction(
        self,
        name: str,
        *,
        author: dict[str, Any] | None = None,
        roles: Iterable[int] = (),
        dm: bool = False,
        channel_id: int = CHANNEL_ID,
        users: dict[str, dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """An INTERACTION_CREATE payload for the slash command `name`; `users` gives user
        options (option name -> user object), resolved as Discord resolves them."""
        author = author or user(800000000000000001, "alice")
        synced = [c for cmds in self.commands.values() for c in cmds if c["name"] == name]
        command_id = synced[0]["id"] if synced else self.new_id()
        payload: dict[str, Any] = {
            "id": self.new_id(),
            "application_id": str(APP_ID),
            "type": 2,
            "data": {"id": command_id, "name": name, "type": 1},
            "token": f"itoken-{self.new_id()}",
            "version": 1,
            "app_permissions": "0",
            "locale": "en-US",
            "attachment_size_limit": 8388608,
            "entitlements": [],
        }
        if dm:
            payload["channel"] = {"id": str(DM_CHANNEL_ID), "type": 1, "recipients": [author]}
            payload["channel_id"] = str(DM_CHANNEL_ID)
            payload["user"] = author
            payload["context"] = 1
        else:
            payload["guild_id"] = str(GUILD_ID)
            payload["guild_locale"] = "en-US"
            payload["channel"] = _text_channel(channel_id, "general", 0)
            payload["channel_id"] = str(channel_id)
            payload["member"] = {**member(author, roles), "permissions": "0"}
            payload["context"] = 0
        if users:
            data = payload["data"]
            data["options"] = [
                {"name": k, "type": 6, "value": str(u["id"])} for k, u in users.items()
            ]
            data["resolved"] = {"users": {str(u["id"]): u for u in users.values()}}
        return payload

    def user_install_interaction(
        self,
        data: dict[str, Any],
        *,
        author: dict[str, Any] | None = None,
        context: int = 1,
        channel_id: int | str = DM_CHANNEL_ID,
        guild_id: int | str | None = None,
    ) -> dict[str, Any]:
        """An INTERACTION_CREATE from a member who installed the app on their account, as
        Discord sends it: `authorizing_integration_owners` names the user install ("1"), and
        `context` says where: 0 a server the app is not in (`guild_id` set), 1 the bot's DM,
        2 a DM or group DM between people (a private channel)."""
        author = author or user(800000000000000001, "alice")
        payload: dict[str, Any] = {
            "id": self.new_id(),
            "application_id": str(APP_ID),
            "type": 2,
            "data": data,
            "token": f"itoken-{self.new_id()}",
            "version": 1,
            "app_permissions": "0",
            "locale": "en-US",
            "attachment_size_limit": 8388608,
            "entitlements": [],
            "authorizing_integration_owners": {"1": author["id"]},
            "context": context,
            "channel_id": str(channel_id),
        }
        if guild_id is not None:
            payload["guild_id"] = str(guild_id)
            payload["guild_locale"] = "en-US"
            payload["channel"] = {**_text_channel(int(channel_id), "elsewhere", 0)}
            payload["channel"]["guild_id"] = str(guild_id)
            payload["member"] = {**member(author), "permissions": "0"}
        else:
            kind = 1 if context == 1 else 3
            channel: dict[str, Any] = {"id": str(channel_id), "type": kind, "recipients": [author]}
            if kind == 3:
                channel.update({"name": None, "owner_id": author["id"], "icon": None})
            payload["channel"] = channel
            payload["user"] = author
        return payload

    def slash_data(self, name: str, **options: str) -> dict[str, Any]:
        """`data` of a chat-input command with string options."""
        synced = [c for cmds in self.commands.values() for c in cmds if c["name"] == name]
        return {
            "id": synced[0]["id"] if synced else self.new_id(),
            "name": name,
            "type": 1,
            "options": [{"name": k, "type": 3, "value": v} for k, v in options.items()],
        }

    def message_menu_data(self, name: str, message: dict[str, Any]) -> dict[str, Any]:
        """`data` of a message context menu on `message` (carried in `resolved`)."""
        synced = [c for cmds in self.commands.values() for c in cmds if c["name"] == name]
        return {
            "id": synced[0]["id"] if synced else self.new_id(),
            "name": name,
            "type": 3,
            "target_id": str(message["id"]),
            "resolved": {"messages": {str(message["id"]): message}},
        }

    def button_click(
        self, message: dict[str, Any], custom_id: str, *, author: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """An INTERACTION_CREATE (type 3) for a click on a button of the bot's `message`."""
        author = author or user(800000000000000001, "alice")
        payload: dict[str, Any] = {
            "id": self.new_id(),
            "application_id": str(APP_ID),
            "type": 3,
            "data": {"component_type": 2, "custom_id": custom_id},
            "token": f"itoken-{self.new_id()}",
            "version": 1,
            "app_permissions": "0",
            "locale": "en-US",
            "attachment_size_limit": 8388608,
            "entitlements": [],
            "message": message,
            "channel_id": message["channel_id"],
            "authorizing_integration_owners": {"0": str(GUILD_ID)},
        }
        if message.get("guild_id"):
            payload["guild_id"] = message["guild_id"]
            payload["channel"] = _text_channel(int(message["channel_id"]), "general", 0)
            payload["member"] = {**member(author), "permissions": "0"}
            payload["context"] = 0
        else:
            payload["channel"] = {"id": message["channel_id"], "type": 1, "recipients": [author]}
            payload["user"] = author
            payload["context"] = 1
        return payload

    def custom_ids(self, message: dict[str, Any]) -> list[str]:
        """The custom ids of the buttons on a message, as it reads now."""
        current = self.messages.get(str(message["id"]), message)
        return [
            c["custom_id"]
            for row in current.get("components") or ()
            for c in row.get("components") or ()
            if "custom_id" in c
        ]

    def component_interaction(
        self, message: dict[str, Any], custom_id: str, *, author: dict[str, Any]
    ) -> dict[str, Any]:
        """A click on a button (`custom_id`) of `message` (see `button_click`)."""
        return self.button_click(message, custom_id, author=author)

    def modal_submit(
        self,
        custom_id: str,
        values: dict[str, str],
        *,
        author: dict[str, Any],
        message: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """An INTERACTION_CREATE (type 5) for a submitted modal, in a DM: `values` maps input
        custom id -> text; `message` is the message whose button opened the modal."""
        rows = [
            {"type": 1, "components": [{"type": 4, "custom_id": key, "value": value}]}
            for key, value in values.items()
        ]
        channel_id = (message or {}).get("channel_id") or str(DM_CHANNEL_ID)
        payload: dict[str, Any] = {
            "id": self.new_id(),
            "application_id": str(APP_ID),
            "type": 5,
            "data": {"custom_id": custom_id, "components": rows},
            "token": f"itoken-{self.new_id()}",
            "version": 1,
            "app_permissions": "0",
            "locale": "en-US",
            "attachment_size_limit": 8388608,
            "entitlements": [],
            "channel": {"id": channel_id, "type": 1, "recipients": [author]},
            "channel_id": channel_id,
            "user": author,
            "context": 1,
        }
        if message is not None:
            payload["message"] = message
        return payload

    def callbacks(self, payload: dict[str, Any]) -> list[RestCall]:
        """The interaction callbacks the bot made for one interaction payload."""
        return self.calls_to("POST", rf"/interactions/{payload['id']}/{payload['token']}/callback")

    def followups_of(self, payload: dict[str, Any]) -> list[RestCall]:
        return self.calls_to("POST", rf"/webhooks/{APP_ID}/{payload['token']}")

    # --- gateway -----------------------------------------------------------------------

    async def _send(self, ws: web.WebSocketResponse, op: int, d: Any, t: str | None = None) -> None:
        frame: dict[str, Any] = {"op": op, "d": d, "s": None, "t": t}
        if op == 0:
            frame["s"] = next(self._seq)
        await ws.send_str(json.dumps(frame))

    async def _gateway(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self.gateway_queries.append(dict(request.query))
        await self._send(ws, 10, {"heartbeat_interval": 41250})
        try:
            async for msg in ws:
                if msg.type is not WSMsgType.TEXT:
                    continue
                frame = json.loads(msg.data)
                op = frame.get("op")
                if op == 1:
                    await self._send(ws, 11, None)
                elif op == 2:
                    await self._identify(ws, frame.get("d") or {})
                elif op == 6:
                    self._sockets.append(ws)
                    await self._send(ws, 0, {}, "RESUMED")
        finally:
            if ws in self._sockets:
                self._sockets.remove(ws)
        return ws

    async def _identify(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> None:
        token_ok = data.get("token") == self.token
        async with self._changed:
            self.identifies.append({k: v for k, v in data.items() if k != "token"})
            self._changed.notify_all()
        if not token_ok:
            await ws.close(code=4004, message=b"Authentication failed.")
            return
        self._sockets.append(ws)
        if isinstance(data.get("shard"), list):
            self.shards[id(ws)] = (int(data["shard"][0]), int(data["shard"][1]))
        ready = {
            "v": 10,
            "user": BOT_USER,
            "guilds": [
                {"id": g["id"], "unavailable": True}
                for g in self.guilds
                if self._on_shard(ws, g["id"])
            ],
            "session_id": f"session-{self.new_id()}",
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(APP_ID), "flags": 0},
            "private_channels": [],
            "relationships": [],
        }
        if id(ws) in self.shards:
            ready["shard"] = list(self.shards[id(ws)])
        await self._send(ws, 0, ready, "READY")
        for guild in self.guilds:
            if self._on_shard(ws, guild["id"]):
                await self._send(ws, 0, guild, "GUILD_CREATE")

    # --- REST --------------------------------------------------------------------------

    @staticmethod
    def _json(data: Any, status: int = 200) -> web.Response:
        return web.Response(
            body=json.dumps(data).encode(),
            status=status,
            headers={"Content-Type": "application/json"},
        )

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        body: Any = None
        raw = await request.read()
        if raw and request.content_type == "application/json":
            body = json.loads(raw)
        elif raw and request.content_type.startswith("multipart/"):
            body = {"multipart": True}
        call = RestCall(request.method, path, body, dict(request.query))
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()
        if request.headers.get("Authorization") != f"Bot {self.token}" and not (
            path.startswith("/webhooks/") or path.startswith("/interactions/")
        ):
            return self._json({"message": "401: Unauthorized", "code": 0}, 401)
        for fault in self._faults:
            if (
                fault.remaining > 0
                and fault.method == request.method
                and fault.path.fullmatch(path)
            ):
                fault.remaining -= 1
                return self._json(fault.body, fault.status)
        return await self._route(request.method, path, body, call.query)

    async def _route(
        self, method: str, path: str, body: Any, query: dict[str, str]
    ) -> web.Response:
        parts = path.strip("/").split("/")
        if method == "GET" and path == "/users/@me":
            return self._json(BOT_USER)
        if method == "GET" and path in ("/oauth2/applications/@me", "/applications/@me"):
            return self._json(self._application())
        if method == "GET" and path in ("/gateway", "/gateway/bot"):
            return self._json(
                {
                    "url": self.gateway_url,
                    "shards": 1,
                    "session_start_limit": {
                        "total": 1000,
                        "remaining": 999,
                        "reset_after": 0,
                        "max_concurrency": 1,
                    },
                }
            )
        if method == "POST" and path == "/users/@me/channels":
            return self._json(self._dm_channel(str((body or {}).get("recipient_id", ""))))
        if method == "GET" and parts[0] == "users" and len(parts) == 2 and parts[1].isdigit():
            return self._json(self.users.get(parts[1]) or user(int(parts[1]), f"user{parts[1]}"))
        if parts[0] == "channels" and len(parts) >= 2:
            return await self._channels(method, parts, body, query)
        if parts[0] == "interactions" and len(parts) == 4 and method == "POST":
            return self._callback(parts[1], body or {})
        if parts[0] == "webhooks" and len(parts) >= 3:
            return self._webhook(method, parts, body or {})
        if parts[0] == "applications" and method == "PUT" and parts[-1] == "commands":
            scope = parts[3] if len(parts) == 5 else "global"
            return self._json(self._store_commands(scope, body or []))
        if parts[0] == "applications" and method == "GET" and parts[-1] == "commands":
            scope = parts[3] if len(parts) == 5 else "global"
            return self._json(self.commands.get(scope, []))
        return self._json({"message": "404: Not Found", "code": 0}, 404)

    def _application(self) -> dict[str, Any]:
        return {
            "id": str(APP_ID),
            "name": "twin",
            "icon": None,
            "description": "",
            "bot_public": False,
            "bot_require_code_grant": False,
            "owner": user(OWNER_ID, "owner"),
            "verify_key": "0" * 64,
            "flags": 0,
            "team": None,
        }

    async def _channels(
        self, method: str, parts: list[str], body: Any, query: dict[str, str]
    ) -> web.Response:
        channel_id = parts[1]
        if method == "POST" and parts[2:] == ["typing"]:
            return web.Response(status=204)
        if method == "POST" and parts[2:] == ["messages"]:
            message = self._bot_message(channel_id, body or {})
            self.messages[message["id"]] = message
            if self.echo:
                await self.dispatch("MESSAGE_CREATE", message)
            return self._json(message)
        if method == "GET" and parts[2:] == ["messages"]:
            return self._json(self._history(channel_id, query))
        if len(parts) == 4 and parts[2] == "messages":
            known = self.messages.get(parts[3])
            if known is None or known["channel_id"] != channel_id:
                return self._json({"message": "Unknown Message", "code": 10008}, 404)
            if method == "GET":
                return self._json(known)
            if method == "DELETE":
                del self.messages[parts[3]]
                return web.Response(status=204)
            if method == "PATCH":
                for key in ("content", "embeds", "flags", "components"):
                    if key in (body or {}):
                        known[key] = body[key]
                known["edited_timestamp"] = _now()
                return self._json(known)
        return self._json({"message": "404: Not Found", "code": 0}, 404)

    def _history(self, channel_id: str, query: dict[str, str]) -> list[dict[str, Any]]:
        """GET /channels/{id}/messages as Discord answers it: up to `limit` (default 50, at
        most 100) messages, the ones right after `after` (or the newest before `before`, or
        the newest), newest first."""
        limit = max(1, min(100, int(query.get("limit", 50))))
        here = sorted(
            (m for m in self.messages.values() if m["channel_id"] == channel_id),
            key=lambda m: int(m["id"]),
        )
        if "after" in query:
            picked = [m for m in here if int(m["id"]) > int(query["after"])][:limit]
        else:
            if "before" in query:
                here = [m for m in here if int(m["id"]) < int(query["before"])]
            picked = here[-limit:]
        return list(reversed(picked))

    def _dm_channel(self, recipient_id: str) -> dict[str, Any]:
        """The DM channel with a user (one per user, as Discord keeps it)."""
        channel_id = self.dm_channels.setdefault(recipient_id, self.new_id())
        recipient = self.users.get(recipient_id) or user(int(recipient_id), f"user{recipient_id}")
        return {"id": channel_id, "type": 1, "last_message_id": None, "recipients": [recipient]}

    def dm_with(self, user_id: int | str) -> str | None:
        """The DM channel id the bot opened with a user, if any."""
        return self.dm_channels.get(str(user_id))

    def _bot_message(self, channel_id: str, body: dict[str, Any]) -> dict[str, Any]:
        message: dict[str, Any] = {
            "id": self.new_id(),
            "channel_id": channel_id,
            "type": 0,
            "content": body.get("content") or "",
            "author": BOT_USER,
            "timestamp": _now(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": body.get("embeds") or [],
            "pinned": False,
            "flags": body.get("flags") or 0,
            "components": body.get("components") or [],
        }
        if channel_id != str(DM_CHANNEL_ID) and channel_id not in self.dm_channels.values():
            message["guild_id"] = str(GUILD_ID)
        reference = body.get("message_reference")
        if reference:
            message["type"] = 19
            message["message_reference"] = {
                "type": 0,
                "message_id": str(reference["message_id"]),
                "channel_id": channel_id,
            }
            parent = self.messages.get(str(reference["message_id"]))
            if parent is not None:
                message["referenced_message"] = {
                    k: v for k, v in parent.items() if k != "referenced_message"
                }
        return message

    def _callback(self, interaction_id: str, body: dict[str, Any]) -> web.Response:
        kind = int(body.get("type", 0))
        data = body.get("data") or {}
        flags = int(data.get("flags") or 0)
        message = self._bot_message(str(CHANNEL_ID), data)
        message["interaction_metadata"] = {
            "id": interaction_id,
            "type": 2,
            "user": user(800000000000000001, "alice"),
            "authorizing_integration_owners": {},
        }
        return self._json(
            {
                "interaction": {
                    "id": interaction_id,
                    "type": 2,
                    "response_message_id": message["id"],
                    "response_message_loading": kind == 5,
                    "response_message_ephemeral": bool(flags & EPHEMERAL),
                },
                "resource": {"type": kind, "message": message},
            }
        )

    def _webhook(self, method: str, parts: list[str], body: dict[str, Any]) -> web.Response:
        # /webhooks/{app}/{token}[/messages/{id | @original}]
        message = self._bot_message(str(CHANNEL_ID), body)
        message["webhook_id"] = parts[1]
        message["application_id"] = parts[1]
        if method == "DELETE":
            return web.Response(status=204)
        return self._json(message)

    def _store_commands(self, scope: str, payload: list[dict[str, Any]]) -> list[dict[str, Any]]:
        stored = []
        for command in payload:
            stored.append(
                {
                    "id": self.new_id(),
                    "application_id": str(APP_ID),
                    "version": self.new_id(),
                    "type": 1,
                    "description": "",
                    "options": [],
                    **command,
                    **({"guild_id": scope} if scope != "global" else {}),
                }
            )
        self.commands[scope] = stored
        return stored
