"""`TwinDiscordClient`: a discord.py `Client` wired to a `Twin`. It answers messages in
background tasks, serves `/twin-usage`, `/twin-health` and `/twin-gaps` to admins and
`/twin-forget` to everyone, and posts the core's alerts to the admin channel."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.access import AccessRules, line_key
from bot.discord.base import Handled as Handled
from bot.discord.base import Observer, TwinClientBase
from bot.discord.commands import TwinCommandTree, answer_privately, report_command
from bot.discord.conversations import Conversations, is_thread
from bot.discord.convert import ignore_reason, is_admin, to_question
from bot.discord.feedback import feedback_view, handle_click
from bot.discord.forget import forget_command
from bot.discord.owner import DiscordOwner
from bot.discord.owner_render import sources_subtext
from bot.discord.render import alert_embed, health_embeds, usage_embeds
from bot.discord.reply import (
    EDIT_INTERVAL_S,
    ThrottledReply,
    apology,
    new_error_id,
    no_pings,
    typing_in,
)
from bot.discord.user_install import ask_command, ask_menu
from bot.sources import shown_sources
from core.clock import Clock
from core.config import Config
from core.insight.alerts import Alert

if TYPE_CHECKING:
    from core.twin import Twin

log = logging.getLogger(__name__)


def twin_intents() -> discord.Intents:
    """Servers, server messages and DMs. Not the privileged message-content intent: messages
    that mention the twin and DMs carry their text without it."""
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = True
    intents.dm_messages = True
    return intents


class TwinDiscordClient(TwinClientBase):
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
        **client_options: Any,  # discord.py options: shard_count / shard_ids (bot/discord/shards)
    ) -> None:
        # the twin never joins voice: no "PyNaCl / davey is not installed" warnings at start
        discord.VoiceClient.warn_nacl = False
        discord.VoiceClient.warn_dave = False
        super().__init__(
            intents=twin_intents(),
            allowed_mentions=no_pings(),
            guild_ready_timeout=guild_ready_timeout,
            **client_options,
        )
        self.twin = twin
        self.config = config
        self.conversations = Conversations()
        self._clock = clock
        self._edit_interval = edit_interval
        self._observer = observer
        self._tasks: set[asyncio.Task[None]] = set()
        self.access = AccessRules.of(config.discord)
        self.tree = TwinCommandTree(self)
        self.user_commands: tuple[app_commands.Command[Any, Any, None], app_commands.ContextMenu]
        self.user_commands = (ask_command(self), ask_menu(self))
        for command in self.user_commands:
            self.tree.add_command(command)
        self.report_names: list[str] = []
        for name, description, render in (
            ("twin-usage", "Spend, budget, tokens and recommendations (admins)", self._usage),
            ("twin-health", "Model health: breakers, success rate, latency (admins)", self._health),
        ):
            self.tree.add_command(
                report_command(name, description, render, self._is_admin_interaction, self.done)
            )
            self.report_names.append(name)
        self.forget_command = forget_command(self)  # /twin-forget: every member, everywhere
        self.tree.add_command(self.forget_command)
        self.owner = DiscordOwner(self)
        for command in (self.owner.gaps_command(), self.owner.why_command()):
            self.tree.add_command(command)
            self.report_names.append(command.name)
        if config.discord.admin_channel:
            twin.alerts.subscribe(self.post_alert)

    # lifecycle

    async def setup_hook(self) -> None:
        """Sync the app commands: the admin commands to each configured guild (or globally
        when none is set); `/ask` and the message menu always globally, for user installs."""
        try:
            guild_ids = [int(g) for g in self.config.discord.guilds]
        except ValueError:
            log.error("discord: [discord] guilds must be server IDs (numbers); syncing globally")
            guild_ids = []
        try:
            for guild_id in guild_ids:
                guild = discord.Object(id=guild_id)
                self.tree.copy_global_to(guild=guild)
                for command in (*self.user_commands, self.forget_command):  # global only
                    kind = getattr(command, "type", discord.AppCommandType.chat_input)
                    self.tree.remove_command(command.name, guild=guild, type=kind)
                await self.tree.sync(guild=guild)
            if guild_ids:
                for name in self.report_names:
                    self.tree.remove_command(name)
            await self.tree.sync()
        except discord.DiscordException as exc:
            log.error("discord: could not sync the app commands (%s)", type(exc).__name__)

    async def on_ready(self) -> None:
        log.info("discord: connected as %s (%s)", self.user, self.my_id)

    async def close(self) -> None:
        """Let answers in flight finish (up to 5 s), then disconnect."""
        self.twin.alerts.unsubscribe(self.post_alert)  # a restarted client subscribes anew
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

    # the owner's cards (buttons and the answer modal, by custom id)

    async def _owner_interaction(self, interaction: discord.Interaction[Any]) -> None:
        try:
            await self.owner.handle(interaction)
        except Exception:
            error_id = new_error_id()
            log.exception("discord: a card interaction failed [error %s]", error_id)
            with contextlib.suppress(Exception):
                await answer_privately(interaction, apology(error_id))

    # messages

    async def on_message(self, message: discord.Message) -> None:
        self._spawn(self._handle_message(message))

    async def on_interaction(self, interaction: discord.Interaction[Any]) -> None:
        """The owner's cards (buttons and the answer modal, by custom id) and clicks on the
        feedback buttons (app commands are the command tree's)."""
        if DiscordOwner.handles(interaction):
            self._spawn(self._owner_interaction(interaction))
            return
        if interaction.type is not discord.InteractionType.component:
            return
        started = time.monotonic()
        outcome: str | None = "failed"
        try:
            outcome = await handle_click(self.twin, interaction)
        except Exception:
            error_id = new_error_id()
            log.exception("discord: storing feedback failed [error %s]", error_id)
            outcome = f"failed {error_id}"
        finally:
            if outcome is not None:
                await self.done(f"component:{interaction.id}", outcome, started)

    async def _handle_message(self, message: discord.Message) -> None:
        started = time.monotonic()
        outcome = "failed"
        reason: str | None = "not read yet"
        try:
            reason = ignore_reason(message, self.my_id, self.conversations)
            if reason is not None:
                outcome = f"ignored: {reason}"
            elif (refused := await self._refused(message)) is not None:
                outcome = refused
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

    async def _refused(self, message: discord.Message) -> str | None:
        """None when the access lists let the message through; else the outcome (a DM gets one
        polite line, a channel silence)."""
        channel = message.channel
        channels = [str(channel.id)]
        if is_thread(channel) and getattr(channel, "parent_id", None):
            channels.append(str(getattr(channel, "parent_id", "")))
        verdict = self.access.check(str(message.author.id), channels, is_dm=message.guild is None)
        if verdict.allowed:
            return None
        once = line_key("discord", str(message.author.id))
        if verdict.reply and await self.twin.mark_event_seen(once):
            await message.channel.send(
                verdict.reply,
                reference=message.to_reference(fail_if_not_exists=False),
                allowed_mentions=no_pings(),
            )
        return f"refused: {verdict.reason}"

    async def _answer(self, message: discord.Message) -> str:
        key = await self.conversations.key_for(message)
        question = to_question(
            message,
            my_id=self.my_id,
            key=key,
            admin=is_admin(message.author, self.config.discord),
        )
        posted: list[int] = []

        def on_sent(sent: discord.Message) -> None:
            self.conversations.answers.add(sent.id, key)
            posted.append(sent.id)

        reply = ThrottledReply(
            message, clock=self._clock, interval=self._edit_interval, on_sent=on_sent
        )
        try:
            async with typing_in(message.channel):
                answer = await self.twin.answer(question, on_text=reply.push)
            view = feedback_view(answer.answer_id) if answer.from_model else None
            sources = shown_sources(answer, self.config)
            footer = sources_subtext(sources) if sources else ""
            await reply.finish(answer.text, view, footer)
            for sent_id in posted:
                await self.twin.answers.posted(
                    "discord", str(message.channel.id), str(sent_id), answer.request_id
                )
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
