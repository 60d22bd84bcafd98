"""The `[owner]` section: who the owner is on each platform and how many gap cards they get a
day (read by `core.config`, kept apart so that module stays small)."""

from __future__ import annotations

from dataclasses import dataclass


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
