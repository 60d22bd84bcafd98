"""Model prices, USD per million tokens, and the cost of a call as Groq bills it."""

from __future__ import annotations

from dataclasses import dataclass

PRICES_READ_ON = "2026-12-01"  # when DEFAULT_PRICES were read from console.groq.com/docs/models
DEFAULT_PRICES: dict[str, tuple[float, float]] = {
    # USD per million tokens (input, output): Groq's list prices for its production chat models,
    # read on PRICES_READ_ON. Cached input tokens cost half the input price (Price.cached).
    "openai/gpt-oss-20b": (0.075, 0.30),
    "openai/gpt-oss-120b": (0.15, 0.60),
}
CACHED_INPUT_SHARE = 0.5
"""Groq bills input tokens served from its prompt cache at half the input price: "a 50% discount
for cached input tokens" (console.groq.com/docs/prompt-caching, Pricing). The default of
`[prices."MODEL"] cached_input`."""


@dataclass(frozen=True)
class Price:
    input: float  # USD per million prompt tokens
    output: float  # USD per million completion tokens (reasoning tokens included)
    cached_input: float | None = None  # per million cached prompt tokens; None = half of input

    @property
    def cached(self) -> float:
        """USD per million prompt tokens served from the provider's prefix cache."""
        return self.input * CACHED_INPUT_SHARE if self.cached_input is None else self.cached_input

    def cost(self, prompt_tokens: int, completion_tokens: int, cached_tokens: int = 0) -> float:
        """USD of one call as Groq bills it: uncached prompt tokens at `input`, cached ones at
        `cached`, completion tokens (reasoning included) at `output`."""
        cached = min(max(0, cached_tokens), max(0, prompt_tokens))
        uncached = max(0, prompt_tokens) - cached
        spent = uncached * self.input + cached * self.cached + completion_tokens * self.output
        return spent / 1e6

    def saved(self, cached_tokens: int) -> float:
        """USD the cache saved on `cached_tokens` prompt tokens."""
        return max(0, cached_tokens) * (self.input - self.cached) / 1e6
