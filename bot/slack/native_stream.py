"""Slack's native streaming (`chat.startStream` / `appendStream` / `stopStream`) for answers in
threads, with the throttled `chat.update` path (`StreamingReply`) as the fallback.

- the method is missing or not allowed (`unknown_method`, `not_allowed`, `missing_scope`, …):
  the reply falls back before the model is called, and `NativeStreaming.available` turns off
  for the process, so later answers go straight to `chat.update`;
- the stream timed out (`message_not_in_streaming_state`, after about 5 minutes) or another
  stream call failed: the message already there is carried on with `chat.update`.

Text goes out as markdown (`markdown_text`), escaped so it can never form a mention."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.convert import Target
from bot.slack.render import Block, escape_mrkdwn
from bot.slack.reply import UPDATE_INTERVAL_S, Sleep, StreamingReply, slack_error
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
NATIVE_LIMIT = 12_000  # characters of markdown_text Slack takes in one stream


@dataclass
class NativeStreaming:
    """Whether this workspace streams natively; turned off by the first "unavailable" error."""

    available: bool = True


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
    ) -> None:
        assert target.thread_ts is not None, "native streams are thread replies"
        self._client = client
        self._target = target
        self._user = recipient_user
        self._team = recipient_team
        self._state = state
        self._clock = clock
        self._interval = interval
        self._fallback = StreamingReply(client, target, clock=clock, interval=interval, sleep=sleep)
        self._native = False  # a stream is open
        self._ts: str | None = None
        self._appended = ""  # raw text the stream shows
        self._pending = ""  # raw text not appended yet
        self._next_append = 0.0
        self.appends = 0

    @property
    def native(self) -> bool:
        """True while the answer goes through a native stream."""
        return self._native

    async def start(self) -> None:
        """Open the stream (the thread shows the twin at work), or fall back to a thinking sign."""
        if self._state.available:
            try:
                response = await self._client.chat_startStream(
                    channel=self._target.channel,
                    thread_ts=str(self._target.thread_ts),
                    recipient_user_id=self._user or None,
                    recipient_team_id=self._team or None,
                )
                self._ts = str(response["ts"])
                self._native = True
                return
            except SlackApiError as exc:
                error = slack_error(exc) or "error"
                if error in UNAVAILABLE:
                    self._state.available = False
                    log.info("slack: native streaming unavailable (%s); using chat.update", error)
                else:
                    log.warning("slack: chat.startStream failed (%s); using chat.update", error)
        await self._fallback.start()

    async def push(self, delta: str) -> None:
        """Take a streamed piece; append what is new at most once per interval."""
        if not self._native:
            await self._fallback.push(delta)
            return
        if not self._appended and not self._pending:
            delta = delta.lstrip()  # a stream never starts with blank lines
        self._pending += delta
        if not self._pending or len(self._appended) + len(self._pending) > NATIVE_LIMIT:
            return  # the rest goes out with the final text
        now = self._clock()
        if now < self._next_append:
            return
        self._next_append = now + self._interval
        chunk, self._pending = self._pending, ""
        try:
            await self._client.chat_appendStream(
                channel=self._target.channel, ts=str(self._ts), markdown_text=escape_mrkdwn(chunk)
            )
            self._appended += chunk
            self.appends += 1
        except SlackApiError as exc:
            error = slack_error(exc) or "error"
            if error == "ratelimited":
                self._pending = chunk + self._pending
                self._next_append = now + max(self._interval, 2.0)
                return
            self._leave_stream(error, chunk)

    @property
    def posted_ts(self) -> list[str]:
        """The ts of every message this reply shows (for /twin-why on a message link)."""
        own = [self._ts] if self._ts else []
        return list(dict.fromkeys([*own, *self._fallback.posted_ts]))

    async def finish(self, text: str, footer: list[Block] | None = None) -> None:
        """Close the stream with the rest of the answer and the footer (feedback buttons)."""
        if not self._native:
            await self._fallback.finish(text, footer)
            return
        shown = self._appended if text.startswith(self._appended) else self._appended.rstrip()
        if text.startswith(shown) and len(text) <= NATIVE_LIMIT:
            rest = text[len(shown) :]
            try:
                await self._client.chat_stopStream(
                    channel=self._target.channel,
                    ts=str(self._ts),
                    markdown_text=escape_mrkdwn(rest) if rest else None,
                    blocks=footer or None,
                )
                self._native = False
                return
            except SlackApiError as exc:
                self._leave_stream(slack_error(exc) or "error", "")
        else:
            await self._stop_quietly()
        await self._fallback.finish(text, footer)

    async def fail(self, text: str) -> None:
        """Show `text` (an apology) in the thread; never raises."""
        if self._native:
            await self._stop_quietly()
        await self._fallback.fail(text)

    def _leave_stream(self, error: str, unsent: str) -> None:
        """Carry on with chat.update in the message the stream made."""
        log.warning("slack: native stream ended (%s); carrying on with chat.update", error)
        self._native = False
        if self._ts is not None:
            self._fallback.adopt(self._ts, self._appended + unsent + self._pending)
        self._pending = ""

    async def _stop_quietly(self) -> None:
        try:
            await self._client.chat_stopStream(channel=self._target.channel, ts=str(self._ts))
        except SlackApiError as exc:
            log.info("slack: chat.stopStream failed (%s)", slack_error(exc) or "error")
        self._native = False
        if self._ts is not None:
            self._fallback.adopt(self._ts, self._appended)
