"""An answer's way onto Slack for the runner (`bot.runner.Reply`): Slack's native stream in a
thread where the workspace has it, else the thinking sign and throttled updates; under a
model's answer the sources line and the feedback buttons."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.convert import Target
from bot.slack.feedback import feedback_blocks
from bot.slack.native_stream import NativeStreaming, NativeStreamReply
from bot.slack.owner_render import sources_block
from bot.slack.reply import OnShown, StreamingReply
from core.clock import Clock
from core.types import Answer, Question


class SlackAnswer:
    """One answer on Slack, driven by the runner."""

    streaming = True

    def __init__(self, reply: StreamingReply | NativeStreamReply) -> None:
        self.reply = reply
        self.finished = False  # the whole answer is posted

    @classmethod
    def to(
        cls,
        client: AsyncWebClient,
        target: Target,
        question: Question,
        *,
        team_id: str,
        native: NativeStreaming,
        clock: Clock,
        on_shown: OnShown | None = None,
    ) -> SlackAnswer:
        """The native stream in a thread when the workspace has it; else chat.update.
        `on_shown` is told each message that starts showing the answer."""
        if target.thread_ts and native.available:
            return cls(
                NativeStreamReply(
                    client,
                    target,
                    recipient_user=question.user_id,
                    recipient_team=team_id,
                    state=native,
                    clock=clock,
                    on_shown=on_shown,
                )
            )
        return cls(StreamingReply(client, target, clock=clock, on_shown=on_shown))

    @contextlib.asynccontextmanager
    async def working(self) -> AsyncIterator[None]:
        await self.reply.start()
        yield

    async def push(self, delta: str) -> None:
        await self.reply.push(delta)

    async def finish(self, answer: Answer, sources: tuple[str, ...]) -> None:
        footer = feedback_blocks(answer.answer_id) if answer.from_model else []
        if isinstance(self.reply, NativeStreamReply):
            await self.reply.finish(answer.text, footer or None, sources)
        else:
            with_sources = [sources_block(sources)] if sources else []
            await self.reply.finish(answer.text, [*with_sources, *footer] or None)
        self.finished = True

    async def fail(self, text: str) -> None:
        await self.reply.fail(text)

    @property
    def posted(self) -> list[str]:
        return self.reply.posted_ts
