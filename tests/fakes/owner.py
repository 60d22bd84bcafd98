"""Helpers for the owner-loop tests: a profile copy in tmp_path (so the learned file lands
there), a fake Groq reply that knows a fact only once the prompt carries it, and a recording
`OwnerOutlet`."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.owner.digest import WeeklyDigest
from core.owner.owner_cards import OwnerCard, OwnerReply
from tests.conftest import EXAMPLE_PROFILE

NO_ANSWER = (
    "That isn't something I've written down yet - ask me about my work, projects or studies."
)
PET_FACT = "Yes - a border collie called Pip who comes to every hackathon."


def profile_copy(tmp_path: Path, name: str = "maya.json") -> Path:
    target = tmp_path / name
    shutil.copy(EXAMPLE_PROFILE, target)
    return target


def owner_section(slack: str = "", discord: str = "", cards: int = 5) -> str:
    return f'[owner]\nslack_user = "{slack}"\ndiscord_user = "{discord}"\ncards_per_day = {cards}\n'


def facts_sent(body: dict[str, Any]) -> str:
    """Every system message of one request (the rules and the facts, wherever they sit)."""
    return "\n".join(str(m["content"]) for m in body["messages"] if m["role"] == "system")


def knows_only_prompt(body: dict[str, Any]) -> str:
    """The fake model's reply: it answers about pets only when the facts mention Pip."""
    system = facts_sent(body)
    question = json.dumps(body["messages"][-1]["content"]).lower()
    if "pet" in question or "dog" in question:
        return "I have a border collie called Pip." if "Pip" in system else NO_ANSWER
    if "film" in question or "movie" in question or "salsa" in question:
        return NO_ANSWER
    return "I studied computer science."


@dataclass
class RecordingOutlet:
    """An `OwnerOutlet` that keeps what it was asked to send."""

    platform: str = "slack"
    cards: list[OwnerCard] = field(default_factory=list)
    replies: list[OwnerReply] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    digests: list[WeeklyDigest] = field(default_factory=list)
    working: bool = True

    async def send_card(self, card: OwnerCard) -> bool:
        if self.working:
            self.cards.append(card)
        return self.working

    async def send_reply(self, reply: OwnerReply) -> bool:
        self.replies.append(reply)
        return True

    async def send_notice(self, text: str) -> bool:
        self.notices.append(text)
        return True

    async def send_digest(self, digest: WeeklyDigest) -> bool:
        self.digests.append(digest)
        return True
