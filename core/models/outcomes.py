"""What a routed call ends with: the answer (`RoutedCompletion`), or why there is none
(`AllModelsFailed`), and the router's own failure kinds beside the provider errors.

A stream that broke after text was shown ends with CUT_NOTE and `truncated=True`; an empty
answer (max_tokens spent on reasoning) is the failure "empty_answer"; a budget that cannot hold
another attempt stops the call with kind "budget". `trim_history` is what a ContextTooLong retry
sends instead of the whole conversation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.models.providers.base import ChatMessage
from core.models.providers.errors import AuthError, ProviderError

CUT_NOTE = "\n\n_(My answer was cut off - please ask again.)_"


@dataclass(frozen=True)
class RoutedCompletion:
    """The answer of the model that answered, with what the whole call cost."""

    text: str
    model: str  # chain id that answered
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float
    latency_ms: float
    attempts: tuple[str, ...]  # chain ids a request was sent to, in order
    truncated: bool = False  # stream broke after text was shown; text ends with CUT_NOTE
    cached_input_tokens: int = 0  # of prompt_tokens, served from the prefix cache
    reasoning_tokens: int = 0  # of completion_tokens, spent reasoning


class AllModelsFailed(Exception):
    """No model answered. `kind`: "auth" if any key was refused, else the last error's kind;
    "no_models" when no model could be tried at all. `str()` is safe to log."""

    def __init__(self, errors: list[ProviderError], kind: str | None = None) -> None:
        self.errors = errors
        self.kind = kind or _telling_kind(errors)
        super().__init__(f"every model failed ({self.kind})")


def _telling_kind(errors: Sequence[ProviderError]) -> str:
    if not errors:
        return "no_models"
    if any(isinstance(e, AuthError) for e in errors):
        return "auth"
    return errors[-1].kind


class BudgetStop(ProviderError):
    """Not a provider answer: the budget cannot hold another attempt for this call."""

    kind = "budget"


class EmptyAnswer(ProviderError):
    """The model answered nothing (a reasoning model spent max_tokens thinking)."""

    kind = "empty_answer"


def trim_history(messages: Sequence[ChatMessage]) -> tuple[ChatMessage, ...] | None:
    """The leading system messages (the rules, and a large profile's facts for the question)
    and the last user message only; None if nothing would go."""
    kept: list[ChatMessage] = []
    for message in messages:
        if message.role != "system":
            break
        kept.append(message)
    last_user = next((m for m in reversed(messages) if m.role == "user"), None)
    if last_user is not None:
        kept.append(last_user)
    if not kept or len(kept) >= len(messages):
        return None
    return tuple(kept)
