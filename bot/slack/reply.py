"""Answer -> Slack calls: `StreamingReply` shows a thinking sign, throttled `chat.update`s while
the answer streams, then the whole answer split into as many messages as it needs, waiting out
`ratelimited` a few times.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.common import split_message
from bot.pace import Pace
from bot.slack.convert import Target
from bot.slack.render import (
    MESSAGE_LIMIT,
    SECTION_LIMIT,
    Block,
    answer_pieces,
    preview,
    section,
)
from core.clock import Clock

log = logging.getLogger(__name__)

THINKING = ":hourglass_flowing_sand: _thinking…_"
UPDATE_INTERVAL_S = 1.0  # chat.update is rate limited: about one a second per message is safe
MAX_RATELIMIT_RETRIES = 3
SIGN = ":warning:"  # what an apology starts with (`bot.runner.apology`)

Sleep = Callable[[float], Awaitable[None]]
OnShown = Callable[[str, bool], None]  # a message now shows the answer: its ts, natively streamed


def slack_error(exc: SlackApiError) -> str:
    """The `error` code of a failed Web API call ("ratelimited", "msg_too_long", …), or ""."""
    try:
        return str(exc.response.get("error") or "")
    except AttributeError:
        return ""


async def quietly(what: str, call: Awaitable[Any]) -> str | None:
    """Make a Web API call whose failure changes nothing for the member (a status, a title, a
    stream closed): a failure is one log line, and its error code is returned."""
    try:
        await call
    except SlackApiError as exc:
        error = slack_error(exc) or "error"
        log.info("slack: %s failed (%s)", what, error)
        return error
    return None


def _retry_after(exc: SlackApiError) -> float:
    try:
        return float(exc.response.headers.get("Retry-After", 1))
    except (AttributeError, TypeError, ValueError):
        return 1.0


def with_footer(text: str, footer: list[Block] | None) -> list[Block] | None:
    """Blocks showing `text` (sections of at most 3000 characters) with `footer` under it;
    None without a footer (the message is then plain text)."""
    if not footer:
        return None
    sections = [section(part) for part in split_message(text, SECTION_LIMIT)]
    return [*sections, *footer]


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
        on_shown: OnShown | None = None,
    ) -> None:
        self._client = client
        self._target = target
        self._on_shown = on_shown
        self._pace = Pace(clock, interval)
        self._limit = limit
        self._sleep = sleep
        self._streamed = ""
        self._ts: str | None = None  # the thinking message, updated in place
        self._first_sent = False
        self._posted: list[str] = []  # ts of every message posted
        self.updates = 0  # chat.update calls made while streaming

    async def start(self) -> None:
        """Post the thinking sign."""
        response = await self._post(THINKING)
        self._ts = str(response["ts"])
        self._pace.wait(self._pace.interval)
        if self._on_shown is not None:
            self._on_shown(self._ts, False)

    async def push(self, delta: str) -> None:
        """Take a streamed piece; show the text so far at most once per interval."""
        self._streamed += delta
        if self._ts is None or not self._streamed.strip():
            return
        if not self._pace.take():
            return
        try:
            await self._client.chat_update(
                channel=self._target.channel, ts=self._ts, text=preview(self._streamed, self._limit)
            )
            self.updates += 1
        except SlackApiError as exc:  # a missed preview is harmless: the final text follows
            if slack_error(exc) == "ratelimited":
                self._pace.hold(_retry_after(exc))
            log.warning("slack: streaming update skipped (%s)", slack_error(exc) or "error")

    async def finish(self, text: str, footer: list[Block] | None = None) -> None:
        """Show the final answer, split to fit; smaller pieces if Slack says msg_too_long.
        `footer` blocks (feedback buttons) go under the last piece."""
        pieces = answer_pieces(text, self._limit)
        for index, piece in enumerate(pieces):
            await self._send_piece(piece, footer if index == len(pieces) - 1 else None)

    async def fail(self, text: str) -> None:
        """Show `text` (an apology) in place of the answer; never raises."""
        try:
            await self._send(text)
        except Exception:
            log.exception("slack: could not deliver the apology either")

    async def interrupt(self, line: str) -> None:
        """The process stops before the answer is done: the thinking message keeps what it
        showed, with `line` under it; never raises."""
        if self._ts is None or self._first_sent:
            return
        shown, room = self._streamed.strip(), self._limit - len(line) - 3
        if len(shown) > room:
            shown = shown[: max(0, room - 1)] + "…"
        text = f"{shown}\n\n{line}" if shown else line
        try:
            await self._client.chat_update(channel=self._target.channel, ts=self._ts, text=text)
        except SlackApiError as exc:
            log.info("slack: closing the interrupted answer failed (%s)", slack_error(exc))

    async def _send_piece(self, piece: str, footer: list[Block] | None = None) -> None:
        try:
            await self._send(piece, footer)
        except SlackApiError as exc:
            if slack_error(exc) != "msg_too_long" or len(piece) < 200:
                raise
            log.info("slack: msg_too_long at %d characters, splitting smaller", len(piece))
            smaller = split_message(piece, max(100, len(piece) // 2))
            for index, part in enumerate(smaller):
                await self._send_piece(part, footer if index == len(smaller) - 1 else None)

    async def _send(self, text: str, footer: list[Block] | None = None) -> None:
        blocks = with_footer(text, footer)
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
        self._posted.append(str(response["ts"]))
        return response

    @property
    def posted_ts(self) -> list[str]:
        """The ts of every message this reply shows (for /twin-why on a message link)."""
        return list(dict.fromkeys([*([self._ts] if self._ts else []), *self._posted]))

    async def _retrying(self, call: Callable[[], Awaitable[Any]]) -> Any:
        """Make a Web API call, waiting out Slack's rate limit a few times."""
        for attempt in range(MAX_RATELIMIT_RETRIES + 1):
            try:
                return await call()
            except SlackApiError as exc:
                if slack_error(exc) != "ratelimited" or attempt == MAX_RATELIMIT_RETRIES:
                    raise
                await self._sleep(_retry_after(exc))
        raise AssertionError("unreachable")
