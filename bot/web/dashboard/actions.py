"""The owner's actions on gap groups, posted from the Questions page.

Each action is a name and a button label; the decision is `bot.cli.gaps.owner_decision`'s, as
for the Slack and Discord cards and `twin gaps answer|private|ignore ID`. It is written to the
store; a running `twin run` (this process or another on the same database) sends the owner's
words to the askers on its next tick when this process has no chat platform to send them from.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.owner.owner_cards import ACTION_ANSWER, ACTION_IGNORE, ACTION_PRIVATE

DASHBOARD_OWNER = "owner (dashboard)"  # who closed a group, as the store and `twin gaps` say


@dataclass(frozen=True)
class GapAction:
    label: str  # the button's text
    takes_text: bool = False  # the form has a text box (the owner's answer)


GAP_ACTIONS: dict[str, GapAction] = {
    ACTION_ANSWER: GapAction(label="Answer", takes_text=True),
    ACTION_PRIVATE: GapAction(label="Keep private"),
    ACTION_IGNORE: GapAction(label="Ignore"),
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
