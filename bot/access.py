"""Access lists, like llmcord's: which channels the twin answers in, who it never answers, and
whether it takes direct messages. Defaults are open. Outside the lists a channel gets silence and
a DM one polite line (never a model call)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

NO_DMS = "Sorry, I don't answer direct messages here - ask me in one of the channels I'm in."
NOT_FOR_YOU = "Sorry, I can't answer you here."


class AccessSettings(Protocol):
    """The three keys of `[slack]` and `[discord]` this reads."""

    @property
    def allowed_channels(self) -> tuple[str, ...]: ...

    @property
    def blocked_users(self) -> tuple[str, ...]: ...

    @property
    def allow_dms(self) -> bool: ...


@dataclass(frozen=True)
class Verdict:
    """Whether to answer; when not, the line to send (None: stay silent)."""

    allowed: bool
    reason: str = ""
    reply: str | None = None


ALLOWED = Verdict(True)


@dataclass(frozen=True)
class AccessRules:
    """One platform's access lists."""

    allowed_channels: frozenset[str] = frozenset()  # empty: every channel
    blocked_users: frozenset[str] = frozenset()
    allow_dms: bool = True

    @classmethod
    def of(cls, settings: AccessSettings) -> AccessRules:
        return cls(
            frozenset(settings.allowed_channels),
            frozenset(settings.blocked_users),
            settings.allow_dms,
        )

    def check(self, user_id: str, channels: Iterable[str], *, is_dm: bool) -> Verdict:
        """`channels`: the channel and, for a thread, its parent (either may be listed)."""
        if user_id in self.blocked_users:
            return Verdict(False, "blocked user", NOT_FOR_YOU if is_dm else None)
        if is_dm:
            if not self.allow_dms:
                return Verdict(False, "DMs are off", NO_DMS)
            return ALLOWED
        if self.allowed_channels and not self.allowed_channels.intersection(channels):
            return Verdict(False, "channel not allowed")
        return ALLOWED


def line_key(platform: str, user_id: str, now: datetime | None = None) -> str:
    """The once-a-day key of the polite line to one person (a repeated DM gets silence, so the
    line cannot be used to make the twin spam)."""
    day = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%d")
    return f"access-line:{platform}:{user_id}:{day}"
