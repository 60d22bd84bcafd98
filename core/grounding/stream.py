"""The release of an answer, sentence by sentence: each complete sentence is checked, then
either sent on (to Slack, Discord or the terminal, through the adapter's text sink) or held
back. An unsupported claim is never shown, even for a moment."""

from __future__ import annotations

from core.grounding.check import Checker, Verdict
from core.grounding.sentences import SentenceSplitter
from core.types import TextSink


class GroundedStream:
    """A text sink in front of another: feed it the model's deltas, then `finish()`."""

    def __init__(self, checker: Checker, sink: TextSink | None = None) -> None:
        self.checker = checker
        self.sink = sink
        self._splitter = SentenceSplitter()
        self.released: list[str] = []
        self.held: list[Verdict] = []
        self.claims = 0  # claims checked

    async def feed(self, delta: str) -> None:
        for sentence in self._splitter.feed(delta):
            await self._take(sentence)

    async def finish(self) -> None:
        rest = self._splitter.rest()
        if rest:
            await self._take(rest)

    async def _take(self, sentence: str) -> None:
        verdict = self.checker.check(sentence)
        self.claims += len(verdict.claims)
        if verdict.ok:
            await self.say(sentence)
        else:
            self.held.append(verdict)

    async def say(self, text: str) -> None:
        """Release `text` (unchecked when the twin says it itself, such as the held-back line)."""
        if self.released and not self.released[-1][-1:].isspace() and not text[:1].isspace():
            text = " " + text  # the sentence before ended the stream without a space
        self.released.append(text)
        if self.sink is not None:
            await self.sink(text)

    @property
    def shown(self) -> str:
        """What was released, as one text."""
        return "".join(self.released)
