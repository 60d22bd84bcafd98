"""The one place that decides whether the dashboard shows members' message texts.

There is no `[privacy]` setting for the dashboard yet: question texts, and who voted an answer
down, are shown only to a logged-in owner or admin, with e-mail addresses and phone numbers a
member typed replaced.
Privacy settings hook in here, and every page asks this module.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.config import Config
from core.privacy.privacy import scrub

HIDDEN = "(text hidden by the privacy settings)"
HIDDEN_MEMBER = "(a member)"


@dataclass(frozen=True)
class Viewer:
    """Who is looking: the dashboard token's holder is the owner (or an admin they trust)."""

    role: str  # "owner" | "admin" | "anonymous"


def may_show_member_text(config: Config, viewer: Viewer) -> bool:
    """Whether `viewer` may read what members wrote (gap questions, thumbs-down answers)."""
    del config  # the privacy settings will be read from here
    return viewer.role in ("owner", "admin")


def member_text(config: Config, viewer: Viewer, text: str) -> str:
    """`text` (contact details scrubbed) when the viewer may read it, else a placeholder."""
    return scrub(text) if may_show_member_text(config, viewer) else HIDDEN


def member_id(config: Config, viewer: Viewer, platform: str, user_id: str) -> str:
    """Who a member is (their platform and user id) when the viewer may know, else hidden."""
    if not may_show_member_text(config, viewer):
        return HIDDEN_MEMBER
    return f"{platform} {user_id}".strip() or "—"
