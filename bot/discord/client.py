"""The Discord adapter: a discord.py `Client` wired to a `Twin`.

Two converters and a runner:
- message → Question: `ignore_reason` says why a message is not for the twin (bots, itself,
  system messages, channel talk that does not mention it); `question_text` strips the twin's
  own mention; `Conversations` gives the memory key (a DM channel, a thread, or the root of a
  reply chain) and remembers which of the twin's answers belong to which conversation.
- Answer → Discord: `ThrottledReply` replies to the question, streams by editing that reply
  at most about once a second, then shows the whole answer, split into 2000-character replies.
  Every message goes out with allowed mentions that ping nobody.
- `TwinDiscordClient` answers messages in background tasks, serves `/twin-usage`,
  `/twin-health` and `/twin-gaps` to admins (deferred at once, answered in a followup), and
  posts the core's alerts to the admin channel. `serve_discord` runs it until cancelled.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
import uuid
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import discord
import yarl
from discord import app_commands
from discord.gateway import DiscordWebSocket

from bot.common import SetupError, split_message
from bot.discord.render import alert_embed, gaps_embeds, health_embeds, usage_embeds
from core.clock import Clock
from core.config import Config, DiscordConfig
from core.insight.alerts import Alert
from core.types import Question

if TYPE_CHECKING:
    from core.twin import Twin

log = logging.getLogger(__name__)

MESSAGE_LIMIT = 2000  # Discord rejects longer messages
EDIT_INTERVAL_S = 1.0  # edits of one message: about one a second is safe
TYPING_REFRESH_S = 8.0  # Discord shows "typing…" for about 10 s per trigger
MAX_CHAIN_HOPS = 10  # how far up a reply chain to look for its root
KNOWN_ANSWERS = 10_000  # answer message ids remembered (oldest forgotten first)
ANSWERED_TYPES = frozenset({discord.MessageType.default, discord.MessageType.reply})
THREAD_TYPES = frozenset(
    {
        discord.ChannelType.public_thread,
        discord.ChannelType.private_thread,
        discord.ChannelType.news_thread,
    }
)


class DiscordSetupError(SetupError):
    """Discord cannot start: the message names the variable to fix."""


def missing_discord_env(env: Mapping[str, str]) -> list[str]:
    """The variables still needed to start Discord."""
    return [name for name in ("DISCORD_TOKEN",) if not env.get(name)]


def use_discord_endpoints(env: Mapping[str, str]) -> None:
    """Point discord.py at DISCORD_API_URL (REST base, e.g. https://discord.com/api/v10) and
    DISCORD_GATEWAY_URL (e.g. wss://gateway.discord.gg/) when set: proxies, tests. These two
    class attributes are discord.py's own override points; nothing else is changed."""
    api = env.get("DISCORD_API_URL")
    if api:
        discord.http.Route.BASE = api.rstrip("/")
    gateway = env.get("DISCORD_GATEWAY_URL")
    if gateway:
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)


def twin_intents() -> discord.Intents:
    """Servers, server messages and DMs. Not the privileged message-content intent: messages
    that mention the twin and DMs carry their text without it."""
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = True
    intents.dm_messages = True
    return intents


def no_pings() -> discord.AllowedMentions:
    """Allowed mentions that ping nobody: @everyone, roles and users stay plain text."""
    return discord.AllowedMentions.none()


def new_error_id() -> str:
    return uuid.uuid4().hex[:8]


def apology(error_id: str) -> str:
    return (
        "⚠️ Sorry, something went wrong on my side. "
        f"If it keeps happening, give an admin this error id: `{error_id}`."
    )


def is_admin(person: discord.abc.User, settings: DiscordConfig) -> bool:
    """An admin by user ID, or by one of their roles (server members only)."""
    if str(person.id) in settings.admins:
        return True
    roles = getattr(person, "roles", None) or ()
    return any(str(role.id) in settings.admin_roles for role in roles)


# --- message -> Question ---------------------------------------------------------------------


def _my_role_ids(message: discord.Message, my_id: int) -> set[int]:
    """The twin's own managed role(s) mentioned in the message (Discord sometimes inserts the
    bot's role instead of its user when someone picks it from the @ list)."""
    return {
        role.id
        for role in message.role_mentions
        if role.tags is not None and role.tags.bot_id == my_id
    }


def mentions_me(message: discord.Message, my_id: int) -> bool:
    return any(u.id == my_id for u in message.mentions) or bool(_my_role_ids(message, my_id))


_USER_MENTION = re.compile(r"<@!?(\d+)>")
_ROLE_MENTION = re.compile(r"<@&(\d+)>")
_CHANNEL_MENTION = re.compile(r"<#(\d+)>")


def question_text(message: discord.Message, my_id: int) -> str:
    """The message as its author meant it: the twin's own mention removed, other mentions
    shown as @name / #channel."""
    users = {u.id: u.display_name for u in message.mentions}
    roles = {r.id: r.name for r in message.role_mentions}
    mine = _my_role_ids(message, my_id)

    def user(match: re.Match[str]) -> str:
        uid = int(match.group(1))
        if uid == my_id:
            return " "
        return f"@{users[uid]}" if uid in users else match.group(0)

    def role(match: re.Match[str]) -> str:
        rid = int(match.group(1))
        if rid in mine:
            return " "
        return f"@{roles[rid]}" if rid in roles else match.group(0)

    def channel(match: re.Match[str]) -> str:
        found = message.guild.get_channel(int(match.group(1))) if message.guild else None
        return f"#{found.name}" if found is not None else match.group(0)

    text = _USER_MENTION.sub(user, message.content)
    text = _ROLE_MENTION.sub(role, text)
    text = _CHANNEL_MENTION.sub(channel, text)
    return re.sub(r"[ \t]+", " ", text).strip()


class AnswerIndex:
    """Which conversation each of the twin's answer messages belongs to (bounded, LRU)."""

    def __init__(self, size: int = KNOWN_ANSWERS) -> None:
        self._size = size
        self._keys: OrderedDict[int, str] = OrderedDict()

    def add(self, message_id: int, key: str) -> None:
        self._keys[message_id] = key
        self._keys.move_to_end(message_id)
        while len(self._keys) > self._size:
            self._keys.popitem(last=False)

    def get(self, message_id: int) -> str | None:
        return self._keys.get(message_id)

    def __contains__(self, message_id: object) -> bool:
        return message_id in self._keys


def is_thread(channel: object) -> bool:
    return isinstance(channel, discord.Thread) or getattr(channel, "type", None) in THREAD_TYPES


class Conversations:
    """Memory keys. A DM channel and a thread are one conversation each; elsewhere the key is
    the root of the reply chain, so replying to the twin's answer continues the conversation.
    Keys come from Discord ids only, so the core's memory still matches them after a restart
    (the chain is then walked through Discord instead of the in-memory index)."""

    def __init__(self, answers: AnswerIndex | None = None) -> None:
        self.answers = answers or AnswerIndex()

    @staticmethod
    def chain_key(channel_id: int, root_id: int) -> str:
        return f"discord:{channel_id}:{root_id}"

    async def key_for(self, message: discord.Message) -> str:
        channel = message.channel
        if message.guild is None:
            return f"discord:dm:{channel.id}"
        if is_thread(channel):
            return f"discord:thread:{channel.id}"
        root = message.id
        current = message
        for _ in range(MAX_CHAIN_HOPS):
            ref = current.reference
            if (
                ref is None
                or ref.message_id is None
                or ref.channel_id != channel.id
                or ref.type is discord.MessageReferenceType.forward
            ):
                break
            known = self.answers.get(ref.message_id)
            if known is not None:
                return known
            root = ref.message_id
            parent = await self._parent(ref, channel)
            if parent is None:
                break
            current = parent
        return self.chain_key(channel.id, root)

    @staticmethod
    async def _parent(ref: discord.MessageReference, channel: Any) -> discord.Message | None:
        if isinstance(ref.resolved, discord.Message):
            return ref.resolved
        if isinstance(ref.resolved, discord.DeletedReferencedMessage) or ref.message_id is None:
            return None
        if ref.cached_message is not None:
            return ref.cached_message
        try:
            fetched: discord.Message = await channel.fetch_message(ref.message_id)
        except (discord.HTTPException, AttributeError):
            return None
        return fetched

    def replies_to_me(self, message: discord.Message, my_id: int) -> bool:
        ref = message.reference
        if ref is None or ref.message_id is None:
            return False
        if ref.message_id in self.answers:
            return True
        resolved = ref.resolved
        return isinstance(resolved, discord.Message) and resolved.author.id == my_id


def ignore_reason(message: discord.Message, my_id: int, conversations: Conversations) -> str | None:
    """Why this message gets no answer, or None when someone is talking to the twin."""
    if message.author.id == my_id:
        return "from the twin itself"
    if message.author.bot or message.webhook_id is not None:
        return "from a bot"
    if message.type not in ANSWERED_TYPES:
        return f"message type {message.type.name}"
    if message.guild is None:
        return None
    if mentions_me(message, my_id):
        return None
    if conversations.replies_to_me(message, my_id):
        if not message.content and not message.attachments:
            # a reply that does not ping the twin: its text is hidden without the
            # message-content intent
            return "reply without a mention (text not visible)"
        return None
    return "not addressed to the twin"


def to_question(message: discord.Message, *, my_id: int, key: str, admin: bool) -> Question:
    """The platform-neutral question for a message `ignore_reason` let through."""
    return Question(
        text=question_text(message, my_id),
        platform="discord",
        user_id=str(message.author.id),
        channel_id=str(message.channel.id),
        conversation=key,
        user_name=message.author.display_name,
        is_dm=message.guild is None,
        is_admin=admin,
        attachments=len(message.attachments),
    )


# --- Answer -> Discord calls -----------------------------------------------------------------


def preview(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """What the reply shows while the answer still streams: its first piece, marked unfinished."""
    pieces = split_message(text, limit - 2)
    return (pieces[0].rstrip() if pieces else "") + " …"


class ThrottledReply:
    """One answer on Discord: a reply to the question shown as soon as text streams in, edited
    at most once per `interval` of `clock`, then the whole answer: its first piece in that
    reply, the rest as further replies. `on_sent` hears of every message sent."""

    def __init__(
        self,
        origin: discord.Message,
        *,
        clock: Clock,
        interval: float = EDIT_INTERVAL_S,
        limit: int = MESSAGE_LIMIT,
        on_sent: Callable[[discord.Message], None] | None = None,
    ) -> None:
        self._channel = origin.channel
        self._reference = origin.to_reference(fail_if_not_exists=False)
        self._clock = clock
        self._interval = interval
        self._limit = limit
        self._on_sent = on_sent
        self._streamed = ""
        self._message: discord.Message | None = None
        self._shown = ""
        self._next_edit = 0.0
        self._finishing = False
        self.edits = 0

    async def push(self, delta: str) -> None:
        """Take a streamed piece; show the text so far at most once per interval."""
        self._streamed += delta
        if not self._streamed.strip():
            return
        now = self._clock()
        if self._message is not None and now < self._next_edit:
            return
        self._next_edit = now + self._interval
        try:
            await self._show(preview(self._streamed, self._limit))
        except discord.HTTPException as exc:  # a missed preview is harmless: the final follows
            log.warning("discord: streaming edit skipped (HTTP %s)", exc.status)

    async def finish(self, text: str) -> None:
        """Show the final answer, split to fit Discord's 2000 characters."""
        self._finishing = True
        pieces = split_message(text, self._limit) or ["…"]
        await self._show(pieces[0])
        for piece in pieces[1:]:
            await self._send(piece)

    async def fail(self, text: str) -> None:
        """Show `text` (an apology) instead of the answer; never raises."""
        try:
            if self._message is not None and not self._finishing:
                await self._edit(self._message, text)
            else:
                await self._send(text)
        except Exception:
            log.exception("discord: could not deliver the apology either")

    async def _show(self, text: str) -> None:
        if self._message is None:
            self._message = await self._send(text)
        elif text != self._shown:
            self._message = await self._edit(self._message, text)
        self._shown = text

    async def _send(self, text: str) -> discord.Message:
        sent = await self._channel.send(
            text, reference=self._reference, allowed_mentions=no_pings()
        )
        if self._on_sent is not None:
            self._on_sent(sent)
        return sent

    async def _edit(self, message: discord.Message, text: str) -> discord.Message:
        edited = await message.edit(content=text, allowed_mentions=no_pings())
        self.edits += 1
        return edited


@contextlib.asynccontextmanager
async def typing_in(channel: discord.abc.Messageable) -> AsyncIterator[None]:
    """Show "typing…" now and keep it up until the block ends (a refusal to type is ignored)."""

    async def trigger() -> bool:
        try:
            await channel.typing()
        except discord.HTTPException as exc:
            log.info("discord: no typing indicator (HTTP %s)", exc.status)
            return False
        return True

    async def keep_up() -> None:
        while True:
            await asyncio.sleep(TYPING_REFRESH_S)
            if not await trigger():
                return

    refresher = asyncio.create_task(keep_up()) if await trigger() else None
    try:
        yield
    finally:
        if refresher is not None:
            refresher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await refresher


# --- app commands ----------------------------------------------------------------------------


class NotAdmin(app_commands.CheckFailure):
    """Someone who is not a configured admin ran an admin command."""


Render = Callable[[], Awaitable[list[discord.Embed]]]


async def answer_privately(interaction: discord.Interaction[Any], text: str) -> None:
    """An ephemeral answer, whether or not the interaction was already deferred."""
    if interaction.response.is_done():
        await interaction.followup.send(text, ephemeral=True, allowed_mentions=no_pings())
    else:
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=no_pings())


class TwinCommandTree(app_commands.CommandTree["TwinDiscordClient"]):
    """Every failed command gets an answer: a refusal for non-admins, else an apology with an
    error id (discord.py's default `on_error` only logs)."""

    async def on_error(
        self,
        interaction: discord.Interaction[TwinDiscordClient],
        error: app_commands.AppCommandError,
    ) -> None:
        name = interaction.command.name if interaction.command else "command"
        if isinstance(error, NotAdmin):
            text = f"Sorry, `/{name}` is only for the twin's admins."
            outcome = "refused"
        elif isinstance(error, app_commands.CommandNotFound):
            name = error.name
            text = f"`/{name}` is not one of my commands any more."
            outcome = "unknown command"
        else:
            error_id = new_error_id()
            log.error("discord /%s failed [error %s]", name, error_id, exc_info=error)
            text = apology(error_id)
            outcome = f"failed {error_id}"
        try:
            await answer_privately(interaction, text)
        except Exception:
            log.exception("discord: could not answer /%s at all", name)
        await self.client.done(f"command:/{name}", outcome, time.monotonic())


def report_command(
    name: str,
    description: str,
    render: Render,
    admin_only: Callable[[discord.Interaction[Any]], bool],
    done: Callable[[str, str, float], Awaitable[None]],
) -> app_commands.Command[Any, Any, None]:
    """An admin-only slash command: defer at once (Discord allows 3 s), then send embeds."""

    async def run(interaction: discord.Interaction) -> None:
        started = time.monotonic()
        await interaction.response.defer(ephemeral=True, thinking=True)
        embeds = await render()
        await interaction.followup.send(embeds=embeds, ephemeral=True, allowed_mentions=no_pings())
        await done(f"command:/{name}", "reported", started)

    def check(interaction: discord.Interaction[Any]) -> bool:
        if not admin_only(interaction):
            raise NotAdmin(f"/{name} is for admins")
        return True

    run = app_commands.default_permissions(administrator=True)(run)  # a hint: checked below too
    run = app_commands.check(check)(run)
    return app_commands.Command(name=name, description=description, callback=run)


# --- the client ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Handled:
    """One message or command processed: what it was and what became of it."""

    key: str  # "message:<id>" or "command:/twin-usage"
    outcome: str  # "answered", "ignored: ...", "refused", "reported", "failed <error id>"
    seconds: float


Observer = Callable[[Handled], Awaitable[None]]


class TwinDiscordClient(discord.Client):
    """The twin on Discord: answers mentions, reply chains, threads and DMs; serves the admin
    commands; posts alerts. `clock` paces streaming edits (inject a fake one in tests)."""

    def __init__(
        self,
        twin: Twin,
        config: Config,
        *,
        clock: Clock = time.monotonic,
        observer: Observer | None = None,
        guild_ready_timeout: float = 2.0,
        edit_interval: float = EDIT_INTERVAL_S,
    ) -> None:
        super().__init__(
            intents=twin_intents(),
            allowed_mentions=no_pings(),
            guild_ready_timeout=guild_ready_timeout,
        )
        self.twin = twin
        self.config = config
        self.conversations = Conversations()
        self._clock = clock
        self._edit_interval = edit_interval
        self._observer = observer
        self._tasks: set[asyncio.Task[None]] = set()
        self.tree = TwinCommandTree(self)
        for name, description, render in (
            ("twin-usage", "Spend, budget, tokens and recommendations (admins)", self._usage),
            ("twin-health", "Model health: breakers, success rate, latency (admins)", self._health),
            ("twin-gaps", "Questions the profile could not answer (admins)", self._gaps),
        ):
            self.tree.add_command(
                report_command(name, description, render, self._is_admin_interaction, self.done)
            )
        if config.discord.admin_channel:
            twin.alerts.subscribe(self.post_alert)

    @property
    def my_id(self) -> int:
        return self.user.id if self.user is not None else 0

    # lifecycle

    async def setup_hook(self) -> None:
        """Sync the app commands: to each configured guild, or globally when none is set."""
        try:
            guild_ids = [int(g) for g in self.config.discord.guilds]
        except ValueError:
            log.error("discord: [discord] guilds must be server IDs (numbers); syncing globally")
            guild_ids = []
        try:
            if not guild_ids:
                await self.tree.sync()
            for guild_id in guild_ids:
                guild = discord.Object(id=guild_id)
                self.tree.copy_global_to(guild=guild)
                await self.tree.sync(guild=guild)
        except discord.DiscordException as exc:
            log.error("discord: could not sync the app commands (%s)", type(exc).__name__)

    async def on_ready(self) -> None:
        log.info("discord: connected as %s (%s)", self.user, self.my_id)

    async def close(self) -> None:
        """Let answers in flight finish (up to 5 s), then disconnect."""
        await self.drain(5.0)
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await super().close()

    async def drain(self, within: float | None = None) -> None:
        """Wait until every answer in flight has finished (or `within` seconds passed)."""
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=within)

    def _spawn(self, job: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(job)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def done(self, key: str, outcome: str, started: float) -> None:
        seconds = time.monotonic() - started
        level = logging.DEBUG if outcome.startswith("ignored") else logging.INFO
        log.log(level, "discord %s: %s in %.2fs", key, outcome, seconds)
        if self._observer is not None:
            await self._observer(Handled(key, outcome, seconds))

    # messages

    async def on_message(self, message: discord.Message) -> None:
        self._spawn(self._handle_message(message))

    async def _handle_message(self, message: discord.Message) -> None:
        started = time.monotonic()
        outcome = "failed"
        reason: str | None = "not read yet"
        try:
            reason = ignore_reason(message, self.my_id, self.conversations)
            if reason is not None:
                outcome = f"ignored: {reason}"
            else:
                outcome = await self._answer(message)
        except Exception:
            error_id = new_error_id()
            log.exception("discord message %s failed [error %s]", message.id, error_id)
            outcome = f"failed {error_id}"
            if reason is None:
                await ThrottledReply(message, clock=self._clock).fail(apology(error_id))
        finally:
            await self.done(f"message:{message.id}", outcome, started)

    async def _answer(self, message: discord.Message) -> str:
        key = await self.conversations.key_for(message)
        question = to_question(
            message,
            my_id=self.my_id,
            key=key,
            admin=is_admin(message.author, self.config.discord),
        )
        reply = ThrottledReply(
            message,
            clock=self._clock,
            interval=self._edit_interval,
            on_sent=lambda sent: self.conversations.answers.add(sent.id, key),
        )
        try:
            async with typing_in(message.channel):
                answer = await self.twin.answer(question, on_text=reply.push)
            await reply.finish(answer.text)
        except Exception:
            error_id = new_error_id()
            log.exception("discord: answering %s failed [error %s]", key, error_id)
            await reply.fail(apology(error_id))
            return f"failed {error_id}"
        return "answered"

    # commands

    def _is_admin_interaction(self, interaction: discord.Interaction[Any]) -> bool:
        return is_admin(interaction.user, self.config.discord)

    async def _usage(self) -> list[discord.Embed]:
        return usage_embeds(await self.twin.usage_report())

    async def _health(self) -> list[discord.Embed]:
        return health_embeds(await self.twin.health_report())

    async def _gaps(self) -> list[discord.Embed]:
        return gaps_embeds(await self.twin.gaps_report())

    # alerts

    async def post_alert(self, alert: Alert) -> None:
        """Post one alert to the admin channel (the AlertBus logs a failure and carries on)."""
        if self.is_closed() or self.user is None:
            log.warning("discord: alert %s not posted (not connected)", alert.key)
            return
        try:
            channel_id = int(self.config.discord.admin_channel)
        except ValueError:
            log.error("discord: [discord] admin_channel must be a channel ID (a number)")
            return
        channel = self.get_channel(channel_id)
        target = (
            channel
            if isinstance(channel, discord.abc.Messageable)
            else self.get_partial_messageable(channel_id)
        )
        await target.send(embed=alert_embed(alert), allowed_mentions=no_pings())


async def serve_discord(twin: Twin, config: Config, env: Mapping[str, str]) -> None:
    """Run Discord until cancelled: DISCORD_TOKEN, endpoints from DISCORD_API_URL and
    DISCORD_GATEWAY_URL when set. Raises DiscordSetupError naming missing variables."""
    missing = missing_discord_env(env)
    if missing:
        raise DiscordSetupError("Discord needs " + ", ".join(missing) + " in the environment")
    use_discord_endpoints(env)
    client = TwinDiscordClient(twin, config)
    try:
        await client.start(env["DISCORD_TOKEN"])
    except discord.LoginFailure:
        raise DiscordSetupError(
            "Discord refused DISCORD_TOKEN: copy the bot token again from the Developer Portal"
        ) from None
    finally:
        await client.close()
