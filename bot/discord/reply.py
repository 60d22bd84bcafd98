"""Answer -> Discord: `ThrottledReply` replies to the question, streams by editing that reply
at most about once a second, then shows the whole answer, split into 2000-character replies.
Every message goes out with allowed mentions that ping nobody."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator, Callable

import discord

from bot.common import split_message
from core.clock import Clock

log = logging.getLogger(__name__)

MESSAGE_LIMIT = 2000  # Discord rejects longer messages
EDIT_INTERVAL_S = 1.0  # edits of one message: about one a second is safe
TYPING_REFRESH_S = 8.0  # Discord shows "typing…" for about 10 s per trigger


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

    async def finish(
        self, text: str, view: discord.ui.View | None = None, footer: str = ""
    ) -> None:
        """Show the final answer, split to fit Discord's 2000 characters; a `footer` (the
        sources subtext line) goes under the last piece (alone when it does not fit) and
        `view` (the feedback buttons) on the last message."""
        self._finishing = True
        pieces = split_message(text, self._limit) or ["…"]
        if footer:
            if len(pieces[-1]) + 1 + len(footer) <= self._limit:
                pieces[-1] = f"{pieces[-1]}\n{footer}"
            else:
                pieces.append(footer)
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
