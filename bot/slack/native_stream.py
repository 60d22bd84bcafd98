"""Slack's native streaming (`chat.startStream` / `appendStream` / `stopStream`) for answers in
threads, with the throttled `chat.update` path (`StreamingReply`) as the fallback.

- the method is missing or not allowed (`unknown_method`, `not_allowed`, `missing_scope`, …):
  the reply falls back before the model is called, and `NativeStreaming.available` turns off
  for the process, so later answers go straight to `chat.update`;
- the stream ended under the answer (`message_not_in_streaming_state` after about 5 minutes,
  or `msg_too_long`, Slack's cap on one streamed message): that message keeps what it shows and
  a new stream in the same thread carries on with exactly the text not shown yet (if no new
  stream opens, a new message updated by `chat.update` does);
- any other stream error: the rest goes to a new message updated by `chat.update`;
- the member pressed stop (`stop`): the open stream is stopped with the session's status and
  nothing else is posted.

The sources of an answer ride on the final `chat.stopStream` as a task card (a `task_update`
chunk) where the workspace takes chunks; else they are the context line under the answer.
Text goes out as markdown (`markdown_text`), escaped so it can never form a mention."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.common import cut_point
from bot.pace import Pace
from bot.slack.convert import Target
from bot.slack.owner_render import sources_block
from bot.slack.render import Block, escape_mrkdwn
from bot.slack.reply import (
    UPDATE_INTERVAL_S,
    OnShown,
    Sleep,
    StreamingReply,
    quietly,
    slack_error,
)
from core.clock import Clock

log = logging.getLogger(__name__)

UNAVAILABLE = frozenset(
    {
        "unknown_method",
        "not_allowed",
        "not_allowed_token_type",
        "missing_scope",
        "feature_not_enabled",
        "method_deprecated",
        "channel_type_not_supported",
    }
)
ENDED = frozenset({"message_not_in_streaming_state", "msg_too_long"})  # carry on in a new one
NATIVE_LIMIT = 12_000  # characters of markdown_text Slack takes in one call
SOURCES_TASK = "twin-sources"
MAX_STREAMS = 8  # streamed messages one answer may open


def _head(text: str, room: int) -> str:
    """The longest prefix of `text` that fits in `room` characters, cut after a paragraph, a
    line or a word when one is near the end (`cut_point`); "" when there is hardly any room."""
    if room < 40:
        return ""
    return text if len(text) <= room else text[: cut_point(text, room)]


@dataclass
class NativeStreaming:
    """What this workspace streams natively; each turned off by the first refusal."""

    available: bool = True
    task_cards: bool = True  # `chunks` (the sources' task card) on chat.stopStream


def sources_card(sources: tuple[str, ...]) -> dict[str, Any]:
    """The task card listing the profile sections an answer drew on (they have no URLs, so
    they are the card's details rather than url `sources`)."""
    return {
        "type": "task_update",
        "id": SOURCES_TASK,
        "title": "Checked my profile",
        "status": "complete",
        "details": " · ".join(sources),
    }


class NativeStreamReply:
    """One answer streamed natively in a thread; same calls as `StreamingReply`."""

    def __init__(
        self,
        client: AsyncWebClient,
        target: Target,
        *,
        recipient_user: str,
        recipient_team: str,
        state: NativeStreaming,
        clock: Clock,
        interval: float = UPDATE_INTERVAL_S,
        sleep: Sleep = asyncio.sleep,
        limit: int = NATIVE_LIMIT,
        on_shown: OnShown | None = None,
    ) -> None:
        assert target.thread_ts is not None, "native streams are thread replies"
        self._client = client
        self._on_shown = on_shown
        self._target = target
        self._user = recipient_user
        self._team = recipient_team
        self._state = state
        self._clock = clock
        self._pace = Pace(clock, interval)
        self._sleep = sleep
        self._limit = limit
        self._fallback = StreamingReply(
            client, target, clock=clock, interval=interval, sleep=sleep, on_shown=on_shown
        )
        self._native = False  # a stream is open
        self._ts: str | None = None  # the open stream's message
        self._streams: list[str] = []  # every streamed message, oldest first
        self._shown = ""  # raw text the streamed messages show, all of them
        self._segment = 0  # characters the open stream shows
        self._pending = ""  # raw text not appended yet
        self._handed = ""  # raw text shown before the fallback took over
        self.appends = 0

    @property
    def native(self) -> bool:
        """True while the answer goes through a native stream."""
        return self._native

    async def start(self) -> None:
        """Open the stream (the thread shows the twin at work), or fall back to a thinking sign."""
        if self._state.available and await self._open():
            return
        await self._fallback.start()

    async def _open(self) -> bool:
        if len(self._streams) >= MAX_STREAMS:  # a stream that keeps ending: chat.update then
            return False
        try:
            response = await self._client.chat_startStream(
                channel=self._target.channel,
                thread_ts=str(self._target.thread_ts),
                recipient_user_id=self._user or None,
                recipient_team_id=self._team or None,
            )
        except SlackApiError as exc:
            error = slack_error(exc) or "error"
            if error in UNAVAILABLE:
                self._state.available = False
                log.info("slack: native streaming unavailable (%s); using chat.update", error)
            else:
                log.warning("slack: chat.startStream failed (%s); using chat.update", error)
            return False
        self._ts = str(response["ts"])
        self._streams.append(self._ts)
        self._segment = 0
        self._native = True
        if self._on_shown is not None:
            self._on_shown(self._ts, True)
        return True

    async def push(self, delta: str) -> None:
        """Take a streamed piece; append what is new at most once per interval."""
        if not self._native:
            await self._fallback.push(delta)
            return
        if not self._shown and not self._pending:
            delta = delta.lstrip()  # a stream never starts with blank lines
        self._pending += delta
        if not self._pending:
            return
        if not self._pace.take():
            return
        chunk, self._pending = self._pending, ""
        await self._append(chunk)

    async def _append(self, chunk: str) -> None:
        if self._segment + len(chunk) > self._limit:  # this message is full: the next one
            head = _head(chunk, self._limit - self._segment)
            rest = chunk[len(head) :]
            if head:
                await self._append(head)  # may carry on by itself
            if not self._native:
                await self._fallback.push(rest)
            elif self._segment + len(rest) > self._limit:
                await self._carry_on("full", rest)
            else:
                self._pending = rest + self._pending
            return
        try:
            await self._client.chat_appendStream(
                channel=self._target.channel, ts=str(self._ts), markdown_text=escape_mrkdwn(chunk)
            )
        except SlackApiError as exc:
            error = slack_error(exc) or "error"
            if error == "ratelimited":
                self._pending = chunk + self._pending
                self._pace.hold(2.0)
                return
            await self._carry_on(error, chunk)
            return
        self._shown += chunk
        self._segment += len(chunk)
        self.appends += 1

    async def _carry_on(self, why: str, unsent: str) -> None:
        """The open stream can take no more: a new stream carries on with `unsent` (or a new
        message updated by chat.update, when no stream opens)."""
        log.info("slack: streamed message ended (%s); carrying on in a new one", why)
        if why in ("msg_too_long", "full"):
            await self._stop_quietly()
        self._native = False
        if (why in ENDED or why == "full") and await self._open():
            if unsent:
                self._pending = unsent + self._pending
                self._pace.wait()
            return
        self._handed = self._shown
        await self._fallback.start()
        await self._fallback.push(unsent + self._pending)
        self._pending = ""

    @property
    def posted_ts(self) -> list[str]:
        """The ts of every message this reply shows (for /twin-why on a message link)."""
        return list(dict.fromkeys([*self._streams, *self._fallback.posted_ts]))

    async def finish(
        self, text: str, footer: list[Block] | None = None, sources: tuple[str, ...] = ()
    ) -> None:
        """Close the stream with the rest of the answer, the sources and the footer."""
        shown = self._shown if text.startswith(self._shown) else self._shown.rstrip()
        if not text.startswith(shown):  # never expected: the core streams what it returns
            log.warning("slack: the final answer differs from the streamed text; posting it whole")
            await self._stop_quietly()
            self._native, self._handed = False, ""
            self._fallback = StreamingReply(
                self._client, self._target, clock=self._clock, on_shown=self._on_shown
            )
        if not self._native:
            rest = text[len(self._handed) :] if text.startswith(self._handed) else text
            with_sources = [sources_block(sources)] if sources else []
            await self._fallback.finish(rest, [*with_sources, *(footer or [])] or None)
            return
        rest = text[len(shown) :]
        self._pending = ""
        while self._native and self._segment + len(rest) > self._limit:
            head = _head(rest, self._limit - self._segment)
            rest = rest[len(head) :]
            if head:
                await self._append(head)
            if self._native and self._segment + len(rest) > self._limit:
                await self._carry_on("full", "")
        if not self._native:  # the fallback took over on the way
            await self.finish(text, footer, sources)
            return
        await self._stop(rest, footer, sources, text)

    async def _stop(
        self, rest: str, footer: list[Block] | None, sources: tuple[str, ...], text: str
    ) -> None:
        card = bool(sources) and self._state.task_cards
        blocks = list(footer or [])
        if sources and not card:
            blocks = [sources_block(sources), *blocks]
        markdown = escape_mrkdwn(rest) if rest else None
        chunks: list[dict[str, Any]] | None = None
        if card:
            chunks = [{"type": "markdown_text", "text": markdown}] if markdown else []
            chunks.append(sources_card(sources))
            markdown = None
        try:
            await self._client.chat_stopStream(
                channel=self._target.channel,
                ts=str(self._ts),
                markdown_text=markdown,
                chunks=chunks,
                blocks=blocks or None,
            )
        except SlackApiError as exc:
            error = slack_error(exc) or "error"
            if card and error in ("invalid_arguments", "invalid_chunks", "unknown_chunk_type"):
                log.info("slack: task cards refused (%s); sources as a context line", error)
                self._state.task_cards = False
                await self._stop(rest, footer, sources, text)
                return
            await self._carry_on(error, rest)
            await self.finish(text, footer, sources)
            return
        self._shown += rest
        self._native = False

    async def stop(self, session_status: str | None) -> bool:
        """The member pressed stop: close the open stream with the session's status; post
        nothing else. False when no stream was closed (Slack had stopped it already), so the
        caller sets the status itself. Never raises."""
        if not self._native:
            return False
        self._native = False
        return await self._stop_quietly("chat.stopStream after stop", session_status=session_status)

    async def interrupt(self, line: str) -> None:
        """The process stops before the answer is done: the open stream is closed with what it
        had not appended yet and `line` under it; never raises."""
        if not self._native:
            await self._fallback.interrupt(line)
            return
        self._native = False
        rest = self._pending if self._shown else self._pending.lstrip()
        text = f"{rest}\n\n{line}" if (self._shown or rest).strip() else line
        await self._stop_quietly(
            "closing the interrupted stream", markdown_text=escape_mrkdwn(text)
        )

    async def fail(self, text: str) -> None:
        """Show `text` (an apology) in the thread; never raises."""
        if self._native:
            await self._stop_quietly()
            self._native = False
        await self._fallback.fail(text)

    async def _stop_quietly(self, what: str = "chat.stopStream", **fields: Any) -> bool:
        """Close the open stream with `fields`; False (and one log line) when Slack refused."""
        stop = self._client.chat_stopStream(
            channel=self._target.channel, ts=str(self._ts), **fields
        )
        return await quietly(what, stop) is None
