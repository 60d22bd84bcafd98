"""`twin gaps answer ID "text"`, `twin gaps private ID`, `twin gaps ignore ID`: the owner's
decisions on a gap group from the terminal, made by `owner_decision` as on every surface (the
cards' buttons on Slack and Discord, the dashboard's forms)."""

from __future__ import annotations

import sys
from typing import TextIO

from core.owner.owner_cards import (
    ACTION_ANSWER,
    ACTION_IGNORE,
    ACTION_PRIVATE,
    ACTIONS,
    OwnerOutcome,
)
from core.twin import Twin

CLI_OWNER = "owner (terminal)"
EXIT_INPUT = 2  # the owner's input is wrong (no such gap, empty or too long an answer)
EXIT_NOT_DONE = 1  # the input was fine but nothing changed (already closed, file not writable)
INPUT_ERRORS = frozenset({"unknown", "empty", "too_long"})


def usage_problem(action: str | None, group: str | None, text: str | None) -> str | None:
    """What is wrong with the arguments, or None."""
    if action is None:
        return None
    if action not in ACTIONS:
        return f"twin gaps: unknown action {action!r} (answer, private or ignore)"
    if group is None or not group.lstrip("#").isdigit():
        return f"twin gaps {action}: give the group ID `twin gaps` shows (a number)"
    if action == ACTION_ANSWER and text is None:
        return 'twin gaps answer: give the answer text, e.g. twin gaps answer 3 "Yes, a cat."'
    if action != ACTION_ANSWER and text is not None:
        return f"twin gaps {action}: takes only the group ID"
    return None


async def owner_decision(
    twin: Twin, action: str, group_id: int, by: str, text: str = ""
) -> OwnerOutcome:
    """The owner's decision on gap group `group_id`: answer it (with `text`), keep it private
    or ignore it; `by` names who decided, as the store keeps it."""
    if action == ACTION_ANSWER:
        return await twin.owner.answer(group_id, text, by)
    if action == ACTION_PRIVATE:
        return await twin.owner.keep_private(group_id, by)
    assert action == ACTION_IGNORE
    return await twin.owner.ignore(group_id, by)


async def decide(
    twin: Twin, action: str, group: str, text: str | None, out: TextIO | None = None
) -> int:
    """Run one decision and print its outcome. Exit code 0 when it was done, 2 when the input
    was wrong (like every other input error of `twin`), 1 when nothing changed for another
    reason (the gap was already closed, the learned file could not be written)."""
    out = out or sys.stdout
    outcome = await owner_decision(twin, action, int(group.lstrip("#")), CLI_OWNER, text or "")
    print(outcome.message, file=out if outcome.ok else sys.stderr)
    if outcome.kept_text:
        print(f"\nYour text:\n{outcome.kept_text}", file=sys.stderr)
    if outcome.ok:
        return 0
    return EXIT_INPUT if outcome.status in INPUT_ERRORS else EXIT_NOT_DONE
