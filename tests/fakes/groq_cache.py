"""How the fake Groq emulates Groq's automatic prompt caching (`FakeGroq.prefix_cache`).

What Groq documents (console.groq.com/docs/prompt-caching): a request whose prompt begins with a
prefix of a recent request to the same model reuses that prefix's computation; the reused tokens
are reported as `usage.prompt_tokens_details.cached_tokens` (in a stream, in the last chunk's
`x_groq.usage`) and billed at half the input price; only exact prefix matches count; cached data
expires after a while without use; hits are best effort, never guaranteed.

How this fake approximates it, deterministically:
- a prompt is the request's messages rendered in order as `role\\ncontent\\n` and tokenised as
  the fake counts tokens everywhere: 4 characters a token (`CHARS_PER_TOKEN`);
- the cache keeps, per model, the last `max_prompts` prompts it has seen (`remember`), each for
  `ttl_s` of the fake's own clock (time.monotonic unless a test passes another);
- `cached_tokens` of a request is the longest common prefix (in characters) with any remembered
  prompt of the same model, rounded *down* to whole blocks of `block_tokens` tokens (real
  caches work in blocks; Groq does not publish its block size, so 128 is an assumption shared
  with other prefix caches), and never the whole prompt: the last block is always computed;
- no eviction under memory pressure, no cross-model sharing, no misses by chance.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

CHARS_PER_TOKEN = 4


def render_prompt(messages: Iterable[Mapping[str, Any]]) -> str:
    """The prompt text a request's messages make, in order (what a prefix is a prefix of)."""
    return "".join(f"{m.get('role', '')}\n{m.get('content') or ''}\n" for m in messages)


def common_prefix(a: str, b: str) -> int:
    """Length of the longest common prefix of two strings."""
    size = min(len(a), len(b))
    low, high = 0, size
    while low < high:  # binary search on slices: fast for long prompts
        mid = (low + high + 1) // 2
        if a[:mid] == b[:mid]:
            low = mid
        else:
            high = mid - 1
    return low


@dataclass
class PrefixCache:
    """Per-model memory of recent prompts; see the module docstring."""

    block_tokens: int = 128
    ttl_s: float = 7200.0  # Groq: "expires after 2 hours without use"
    max_prompts: int = 64  # per model, most recent first out last: keeps each lookup cheap
    clock: Callable[[], float] = time.monotonic
    _seen: dict[str, dict[str, float]] = field(default_factory=dict)

    def cached_tokens(self, model: str, prompt: str) -> int:
        """Tokens of `prompt` a previous prompt of `model` could serve (whole blocks only)."""
        now = self.clock()
        seen = self._seen.get(model, {})
        best = 0
        for earlier, used in list(seen.items()):
            if now - used > self.ttl_s:
                del seen[earlier]
                continue
            best = max(best, common_prefix(earlier, prompt))
        block = self.block_tokens * CHARS_PER_TOKEN
        whole = (best // block) * block
        if whole >= len(prompt):
            whole -= block  # the last block is always computed
        return max(0, whole) // CHARS_PER_TOKEN

    def remember(self, model: str, prompt: str) -> None:
        seen = self._seen.setdefault(model, {})
        seen.pop(prompt, None)  # re-inserted: the most recent last
        seen[prompt] = self.clock()
        while len(seen) > self.max_prompts:
            del seen[next(iter(seen))]


__all__ = ["CHARS_PER_TOKEN", "PrefixCache", "common_prefix", "render_prompt"]
