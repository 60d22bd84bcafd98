"""`TwinDiscordClient`: a discord.py `Client` wired to a `Twin`. It answers messages in
background tasks, each written to the store's inbox while it is answered and taken over when
another instance stopped with questions open (`bot.discord.inbox`, issue 32), serves
`/twin-usage`, `/twin-health` and `/twin-gaps` to admins and `/twin-forget` to everyone, and
posts the core's alerts to the admin channel."""

from __future__ import annotations

import contextlib
import logging
import time
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.access import AccessRules
from bot.discord.base import TwinClientBase
from bot.discord.commands import TwinCommandTree, answer_privately, report_command
from bot.discord.conversations import Conversations, with_parent
from bot.discord.convert import ignore_reason, is_admin, to_question
from bot.discord.feedback import handle_click
from bot.discord.forget import forget_command
from bot.discord.inbox import TOO_LATE, Accepted, entry_key, left_replies
from bot.discord.owner import DiscordOwner
from bot.discord.render import alert_embed, health_embeds, usage_embeds
from bot.discord.reply import EDIT_INTERVAL_S, ThrottledReply, no_pings
from bot.discord.user_install import ask_command, ask_menu
from bot.runner import Handled as Handled
from bot.runner import Observer, Runner
from bot.takeover import TakeoverBeat
from core.clock import Clock
from core.config import Config
from core.insight.alerts import Alert
from core.types import Question

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
        self.runner = Runner(
            "discord", twin, config, AccessRules.of(config.discord), log, observer=observer
        )
        self.tree = TwinCommandTree(self)
        self.user_commands: tuple[app_commands.Command[Any, Any, None], app_commands.ContextMenu]
        self.user_commands = (ask_command(self), ask_menu(self))
        for command in self.user_commands:
            self.tree.add_command(command)
        usage = "Spend, budget, tokens and recommendations (admins)"
        health = "Model health: breakers, success rate, latency (admins)"
        self.owner = DiscordOwner(self)
        reports = (  # for admins (and the owner), synced to the configured guilds
            report_command(self, "twin-usage", usage, twin.usage_report, usage_embeds),
            report_command(self, "twin-health", health, twin.health_report, health_embeds),
            self.owner.gaps_command(),
            self.owner.why_command(),
        )
        for command in reports:
            self.tree.add_command(command)
        self.report_names = [command.name for command in reports]
        self.forget_command = forget_command(self)  # /twin-forget: every member, everywhere
        self.tree.add_command(self.forget_command)
        if config.discord.admin_channel:
            twin.alerts.subscribe(self.post_alert)
        self.takeover = TakeoverBeat(  # what dead instances left (issue 32), once logged in
            "discord",
            log,
            twin.live,
            config.instances.lease_s,
            self.take_over,
            clock,
            self.is_ready,
        )
        twin.events.serving.add("discord")  # this process answers Discord's entries

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
        """Let answers in flight finish for up to `[instances] stop_grace_s`, then hand over the
        rest (cancelled, their budget settled by the core, their inbox entries released so
        another instance, or this one restarted, answers them at once in the reply they left),
        then disconnect."""
        self.twin.alerts.unsubscribe(self.post_alert)  # a restarted client subscribes anew
        self.takeover.stop()
        self.twin.events.serving.discard("discord")
        await self.runner.hand_over(self.config.instances.stop_grace_s)
        await super().close()

    # the owner's cards (buttons and the answer modal, by custom id)

    async def _owner_interaction(self, interaction: discord.Interaction[Any]) -> None:
        try:
            await self.owner.handle(interaction)
        except Exception:
            outcome = self.runner.failed("card interaction")
            await self.runner.say_safely(
                lambda text: answer_privately(interaction, text), self.runner.apology(outcome)
            )

    # messages

    async def on_message(self, message: discord.Message) -> None:
        self.runner.spawn(self._handle_message(message))

    async def on_interaction(self, interaction: discord.Interaction[Any]) -> None:
        """The owner's cards (buttons and the answer modal, by custom id) and clicks on the
        feedback buttons (app commands are the command tree's)."""
        if DiscordOwner.handles(interaction):
            self.runner.spawn(self._owner_interaction(interaction))
            return
        if interaction.type is not discord.InteractionType.component:
            return
        started = time.monotonic()
        outcome: str | None = "failed"
        try:
            outcome = await handle_click(self.twin, interaction)
        except Exception:
            outcome = self.runner.failed("storing feedback")
        finally:
            if outcome is not None:
                await self.runner.done(f"component:{interaction.id}", outcome, started)

    async def _handle_message(self, message: discord.Message) -> None:
        ours = False  # the message was for the twin: a failure gets an apology
        accepted = False  # in the store's inbox: closed once something is posted

        async def answer() -> str:
            nonlocal ours, accepted
            reason = ignore_reason(message, self.my_id, self.conversations)
            if reason is not None:
                return f"ignored: {reason}"
            ours = True
            if (refused := await self._refused(message)) is not None:
                return refused
            question = await self._question(message)
            author, payload = str(message.author.id), Accepted.of(message, question).payload()
            if not await self.twin.events.accept(entry_key(message.id), "discord", author, payload):
                return "duplicate"
            accepted = True
            outcome = await self._answer(message, question)
            if outcome != "answered":  # answered: closed as it was posted (`_answer`)
                await self._close_entry(message.id)
            return outcome

        async def sorry(text: str) -> None:
            if ours:
                await ThrottledReply(message, clock=self._clock).fail(text)
            if accepted:
                await self._close_entry(message.id)

        await self.runner.handle(f"message:{message.id}", answer, sorry)

    async def _close_entry(self, message_id: int) -> None:
        """The message's answer or apology was posted: it leaves the inbox."""
        await self.twin.events.answered(entry_key(message_id))

    # what a stopped instance left (issue 32)

    async def take_over(self) -> int:
        """Answer the Discord messages a stopped twin accepted and left unanswered (the store's
        inbox; one instance takes each) as replies to them, through REST: answered as if just
        asked, or, past `[instances] late_after_s`, a short apology; a reply it left half
        streamed is replaced by this one. How many were taken over."""
        taken = await self.twin.events.take_over("discord")
        for t in taken:
            self.runner.spawn(self._answer_taken(Accepted.load(t.entry.payload), late=t.late))
        return len(taken)

    def _reply(self, origin: discord.Message | discord.PartialMessage, key: str) -> ThrottledReply:
        """The reply to `origin`, each message it sends noted as an answer in conversation `key`."""

        def on_sent(sent: discord.Message) -> None:
            self.conversations.answers.add(sent.id, key)

        return ThrottledReply(
            origin, clock=self._clock, interval=self._edit_interval, on_sent=on_sent
        )

    async def _answer_taken(self, saved: Accepted, *, late: bool) -> None:
        channel = self.get_partial_messageable(saved.channel_id, guild_id=saved.guild_id)
        key = saved.question.conversation
        reply = self._reply(channel.get_partial_message(saved.message_id), key)

        async def answer() -> str:
            left = await left_replies(channel, saved.message_id, self.my_id)
            if left:  # its first reply becomes this answer; the rest of it goes
                reply.adopt(left[0])
                self.conversations.answers.add(left[0].id, key)
                for extra in left[1:]:
                    with contextlib.suppress(discord.NotFound):  # gone already: as wanted
                        await extra.delete()
            if late:
                await reply.fail(TOO_LATE)
                outcome = "too late: apologised"
            else:
                outcome = await self.runner.answer(saved.question, reply, channel=str(channel.id))
            await self._close_entry(saved.message_id)
            return outcome

        async def sorry(text: str) -> None:
            await reply.fail(text)
            await self._close_entry(saved.message_id)

        await self.runner.handle(f"message:{saved.message_id}", answer, sorry)

    async def _refused(self, message: discord.Message) -> str | None:
        """None when the access lists let the message through; else the outcome."""
        channel = message.channel
        channels = with_parent(str(channel.id), channel)

        async def say(text: str) -> None:
            reference = message.to_reference(fail_if_not_exists=False)
            await channel.send(text, reference=reference, allowed_mentions=no_pings())

        author, is_dm = str(message.author.id), message.guild is None
        return await self.runner.refused(author, channels, is_dm=is_dm, say=say)

    async def _question(self, message: discord.Message) -> Question:
        key = await self.conversations.key_for(message)
        admin = is_admin(message.author, self.config.discord)
        return to_question(message, my_id=self.my_id, key=key, admin=admin)

    async def _answer(self, message: discord.Message, question: Question) -> str:
        reply = self._reply(message, question.conversation)

        async def posted() -> None:  # out of the inbox, in the trip that links the answer
            await self._close_entry(message.id)

        channel = str(message.channel.id)
        return await self.runner.answer(question, reply, channel=channel, posted=posted)

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
