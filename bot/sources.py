"""Which headings the sources line under an answer names (Slack and Discord render it)."""

from __future__ import annotations

from core.config import Config
from core.types import Answer

SOURCES_SHOWN = 3  # headings named in the line


def shown_sources(answer: Answer, config: Config) -> tuple[str, ...]:
    """The first few headings of the facts a model answer drew on; none when
    `[persona] show_sources` is off, for answers without a model, and for gaps."""
    if not config.persona.show_sources or answer.model is None or answer.degraded or answer.gap:
        return ()
    return answer.sources[:SOURCES_SHOWN]
