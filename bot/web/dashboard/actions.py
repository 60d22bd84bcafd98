"""The owner's actions on gap groups, posted from the Questions page.

Each action is a name, a button label and the owner desk's call: the same path as the Slack and
Discord cards and `twin gaps answer|private|ignore ID`. The decision is written to the store; a
running `twin run` (this process or another on the same database) sends the owner's words to
the askers on its next tick when this process has no chat platform to send them from. More
actions join by adding an entry here; the form, CSRF check and handler stay the same.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from core.owner.owner_cards import OwnerOutcome
from core.twin import Twin

DASHBOARD_OWNER = "owner (dashboard)"  # who closed a group, as the store and `twin gaps` say


@dataclass(frozen=True)
class GapAction:
    label: str  # the button's text
    run: Callable[[Twin, int, str], Awaitable[OwnerOutcome]]  # (twin, group id, text)
    takes_text: bool = False  # the form has a text box (the owner's answer)


async def _answer(twin: Twin, group_id: int, text: str) -> OwnerOutcome:
    return await twin.owner.answer(group_id, text, DASHBOARD_OWNER)


async def _keep_private(twin: Twin, group_id: int, _: str) -> OwnerOutcome:
    return await twin.owner.keep_private(group_id, DASHBOARD_OWNER)


async def _ignore(twin: Twin, group_id: int, _: str) -> OwnerOutcome:
    return await twin.owner.ignore(group_id, DASHBOARD_OWNER)


GAP_ACTIONS: dict[str, GapAction] = {
    "answer": GapAction(label="Answer", run=_answer, takes_text=True),
    "private": GapAction(label="Keep private", run=_keep_private),
    "ignore": GapAction(label="Ignore", run=_ignore),
}

STATUS_CODES = {  # how a refused action answers, the page with the reason shown either way
    "empty": 422,
    "too_long": 422,
    "unknown": 404,
    "closed": 409,
    "not_writable": 500,
}


@dataclass(frozen=True)
class Refusal:
    """An action that did not happen: the reason, and the owner's text to put back."""

    group_id: int
    action: str
    message: str
    kept_text: str = ""


class Flashes:
    """The one sentence to show a session after its action redirected back (post/redirect/get).

    Held in this process by session id; read once. Bounded: an old unread one is dropped."""

    def __init__(self, keep: int = 200) -> None:
        self._keep = keep
        self._by_session: dict[str, str] = {}

    def put(self, session_id: str, message: str) -> None:
        self._by_session.pop(session_id, None)
        self._by_session[session_id] = message
        while len(self._by_session) > self._keep:
            del self._by_session[next(iter(self._by_session))]

    def take(self, session_id: str) -> str:
        return self._by_session.pop(session_id, "")
