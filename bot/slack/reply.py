"""Answer -> Slack calls: `StreamingReply` shows a thinking sign, throttled `chat.update`s while
the answer streams, then the whole answer split into as many messages as it needs, waiting out
`ratelimited` a few times. `apology` / `new_error_id` are what a person sees when it fails.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.common import split_message
from bot.slack.convert import Target
from bot.slack.render import (
    MESSAGE_LIMIT,
    SECTION_LIMIT,
    Block,
    answer_pieces,
    context,
    preview,
    section,
)
from core.clock import Clock

log = logging.getLogger(__name__)

THINKING = ":hourglass_flowing_sand: _thinking…_"
UPDATE_INTERVAL_S = 1.0  # chat.update is rate limited: about one a second per message is safe
MAX_RATELIMIT_RETRIES = 3

Sleep = Callable[[float], Awaitable[None]]


def new_error_id() -> str:
    return uuid.uuid4().hex[:8]


def apology(error_id: str) -> str:
    return (
        ":warning: Sorry, something went wrong on my side. "
        f"If it keeps happening, give an admin this error id: `{error_id}`."
    )


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
        self.posted: list[str] = []  # ts of every message this reply posted

    @property
    def first_ts(self) -> str | None:
        """The thinking message, which becomes the answer's first piece."""
        return self._ts

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

    async def finish(self, text: str, footer: str = "") -> None:
        """Show the final answer, split to fit; smaller pieces if Slack says msg_too_long.
        A `footer` (the sources line) goes under the last piece as a context block."""
        pieces = answer_pieces(text, self._limit)
        for piece in pieces[:-1]:
            await self._send_piece(piece)
        last = pieces[-1]
        if footer and len(last) <= SECTION_LIMIT:
            await self._send(last, [section(last), context(footer)])
            return
        await self._send_piece(last)
        if footer:
            await self._post(footer, [context(footer)])

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

    async def _send(self, text: str, blocks: list[Block] | None = None) -> None:
        if self._ts is not None and not self._first_sent:
            ts = self._ts
            channel = self._target.channel
            await self._retrying(
                lambda: self._client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks)
            )
        else:
            await self._post(text, blocks)
        self._first_sent = True

    async def _post(self, text: str, blocks: list[Block] | None = None) -> Any:
        target = self._target
        response = await self._retrying(
            lambda: self._client.chat_postMessage(
                channel=target.channel, thread_ts=target.thread_ts, text=text, blocks=blocks
            )
        )
        self.posted.append(str(response["ts"]))
        return response

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
