"""The `[owner]` section: who the owner is on each platform and how many gap cards they get a
day (read by `core.config`, kept apart so that module stays small)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class OwnerConfig:
    """Who the owner is on each platform, and how many gap cards they get a day."""

    slack_user: str = ""  # Slack user ID of the owner (cards and notices are DMed there)
    discord_user: str = ""  # Discord user ID of the owner
    cards_per_day: int = 5  # owner cards a UTC day; the rest wait in /twin-gaps
    digest: bool = True  # the weekly digest card (once per ISO week)

    @property
    def configured(self) -> bool:
        return bool(self.slack_user or self.discord_user)


def owner_config(raw: dict[str, Any], problems: list[str]) -> OwnerConfig:
    """`[owner]` from its type-checked keys; a negative card count is a problem."""
    if raw.get("cards_per_day", 0) < 0:
        problems.append("[owner] cards_per_day: must not be negative (0 = no cards)")
    return OwnerConfig(**raw)
