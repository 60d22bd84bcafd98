"""Answer -> Discord: `ThrottledReply` (the runner's `Reply` for a message) shows "typing…",
replies to the question, streams by editing that reply at most about once a second, then shows
the whole answer, split into 2000-character replies, with the sources line and the feedback
buttons under a model's answer (`answer_parts`, shared with `/ask`). Every message goes out
with allowed mentions that ping nobody."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable

import discord

from bot.common import split_message
from bot.discord.feedback import feedback_view
from bot.discord.owner_render import sources_subtext
from bot.pace import Pace
from core.clock import Clock
from core.types import Answer

log = logging.getLogger(__name__)

MESSAGE_LIMIT = 2000  # Discord rejects longer messages
EDIT_INTERVAL_S = 1.0  # edits of one message: about one a second is safe
TYPING_REFRESH_S = 8.0  # Discord shows "typing…" for about 10 s per trigger


def no_pings() -> discord.AllowedMentions:
    """Allowed mentions that ping nobody: @everyone, roles and users stay plain text."""
    return discord.AllowedMentions.none()


def preview(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """What the reply shows while the answer still streams: its first piece, marked unfinished."""
    pieces = split_message(text, limit - 2)
    return (pieces[0].rstrip() if pieces else "") + " …"


def answer_parts(
    answer: Answer, sources: tuple[str, ...], limit: int = MESSAGE_LIMIT
) -> tuple[list[str], discord.ui.View | None]:
    """The answer's messages, the `sources` subtext line under the last piece (alone when it
    does not fit), and the feedback buttons for the last message (a model's answer only)."""
    pieces = split_message(answer.text, limit) or ["…"]
    if sources:
        footer = sources_subtext(sources)
        if len(pieces[-1]) + 1 + len(footer) <= limit:
            pieces[-1] = f"{pieces[-1]}\n{footer}"
        else:
            pieces.append(footer)
    return pieces, feedback_view(answer.answer_id) if answer.from_model else None


class ThrottledReply:
    """One answer on Discord: a reply to the question shown as soon as text streams in, edited
    at most once per `interval` of `clock`, then the whole answer: its first piece in that
    reply, the rest as further replies. `on_sent` hears of every message sent. `origin` may be
    a `PartialMessage` (a channel and an id: an instance taking over answers through REST)."""

    streaming = True

    def __init__(
        self,
        origin: discord.Message | discord.PartialMessage,
        *,
        clock: Clock,
        interval: float = EDIT_INTERVAL_S,
        limit: int = MESSAGE_LIMIT,
        on_sent: Callable[[discord.Message], None] | None = None,
    ) -> None:
        self._channel = origin.channel
        self._reference = origin.to_reference(fail_if_not_exists=False)
        self._pace = Pace(clock, interval)
        self._limit = limit
        self._on_sent = on_sent
        self._streamed = ""
        self._message: discord.Message | None = None
        self._shown = ""
        self._finishing = False
        self.edits = 0
        self.posted: list[str] = []  # ids of every message sent

    def adopt(self, message: discord.Message) -> None:
        """Carry on in a reply that is already there (one a stopped instance left half
        streamed): the answer, or an apology, replaces its text."""
        self._message = message
        self._shown = message.content
        self.posted.append(str(message.id))

    def working(self) -> contextlib.AbstractAsyncContextManager[None]:
        """ "typing…" while the twin answers."""
        return typing_in(self._channel)

    async def push(self, delta: str) -> None:
        """Take a streamed piece; show the text so far at most once per interval."""
        self._streamed += delta
        if not self._streamed.strip():
            return
        if not self._pace.take(now_anyway=self._message is None):  # the first shows at once
            return
        try:
            await self._show(preview(self._streamed, self._limit))
        except discord.HTTPException as exc:  # a missed preview is harmless: the final follows
            log.warning("discord: streaming edit skipped (HTTP %s)", exc.status)

    async def finish(self, answer: Answer, sources: tuple[str, ...]) -> None:
        """Show the final answer, split to fit Discord's 2000 characters (see `answer_parts`)."""
        self._finishing = True
        pieces, view = answer_parts(answer, sources, self._limit)
        await self._show(pieces[0], view if len(pieces) == 1 else None)
        for index, piece in enumerate(pieces[1:], start=2):
            await self._send(piece, view if index == len(pieces) else None)

    async def fail(self, text: str) -> None:
        """Show `text` (an apology) instead of the answer; never raises."""
        try:
            if self._message is not None and not self._finishing:
                await self._edit(self._message, text)
            else:
                await self._send(text)
        except Exception:
            log.exception("discord: could not deliver the apology either")

    async def _show(self, text: str, view: discord.ui.View | None = None) -> None:
        if self._message is None:
            self._message = await self._send(text, view)
        elif text != self._shown or view is not None:
            self._message = await self._edit(self._message, text, view)
        self._shown = text

    async def _send(self, text: str, view: discord.ui.View | None = None) -> discord.Message:
        if view is not None:
            sent = await self._channel.send(
                text, reference=self._reference, allowed_mentions=no_pings(), view=view
            )
        else:
            sent = await self._channel.send(
                text, reference=self._reference, allowed_mentions=no_pings()
            )
        self.posted.append(str(sent.id))
        if self._on_sent is not None:
            self._on_sent(sent)
        return sent

    async def _edit(
        self, message: discord.Message, text: str, view: discord.ui.View | None = None
    ) -> discord.Message:
        if view is not None:
            edited = await message.edit(content=text, allowed_mentions=no_pings(), view=view)
        else:
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
