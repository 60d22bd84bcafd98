"""Plain values that cross the boundary between platform adapters and the core."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from enum import StrEnum

TextSink = Callable[[str], Awaitable[None]]
"""Receives each new piece of answer text as it streams (a delta, not the whole text)."""


@dataclass(frozen=True)
class Question:
    """Who asked what, where: built by an adapter from a platform event."""

    text: str
    platform: str  # "cli" | "slack" | "discord"
    user_id: str
    channel_id: str
    conversation: str  # memory key: platform + channel + thread / reply chain / DM
    is_dm: bool = False
    is_admin: bool = False
    is_owner: bool = False  # the CLI speaks as the owner: no per-user/channel limits
    attachments: int = 0  # files attached to the message (the twin reads text only)
    reply_to: str = ""  # where a later reply goes: Slack thread ts / Discord message id


class RefusalKind(StrEnum):
    """Why the twin declined to call a model for a question."""

    RATE_LIMITED = "rate_limited"
    BUDGET = "budget"
    EMPTY = "empty"
    PRIVATE = "private"  # the question asks for a private fact (declined without a model)
    STORAGE = "storage"  # the store cannot write: no model call whose spend cannot be recorded


@dataclass(frozen=True)
class Refusal:
    """A polite, specific no: data for the adapter plus a sentence a person can read."""

    kind: RefusalKind
    message: str
    retry_after: float | None = None  # seconds


@dataclass(frozen=True)
class Answer:
    """What the core returns for a question; adapters only render it."""

    text: str
    request_id: str
    model: str | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    latency_ms: float = 0.0
    degraded: bool = False  # answered from the profile alone, without a model
    cached: bool = False
    truncated: bool = False  # a stream broke after text was shown; the text ends with a note
    gap: bool = False  # the profile did not cover the question
    refusal: Refusal | None = None
    error: str | None = None  # error kind of the last failed attempt, never raw provider text
    attempts: tuple[str, ...] = field(default_factory=tuple)  # models tried, in order
    cached_input_tokens: int = 0  # of prompt_tokens, served from the provider's prefix cache
    reasoning_tokens: int = 0  # of completion_tokens, spent reasoning (billed as output)
    sources: tuple[str, ...] = ()  # titles of the profile sections the answer drew on
    held_claims: tuple[str, ...] = ()  # claims held back as not in what the model was given

    @property
    def tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    @property
    def answer_id(self) -> str:
        """The id feedback refers to: one answer is one request, so it is the request id
        (stored as `questions.request_id` with the question and answer text)."""
        return self.request_id

    @property
    def from_model(self) -> bool:
        """A model wrote this answer (now or, when cached, before): it gets feedback buttons."""
        return self.model is not None and self.refusal is None and not self.degraded
