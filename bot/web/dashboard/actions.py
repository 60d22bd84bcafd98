"""The owner's actions on gap groups, posted from the Questions page.

Each action is a name, a button label and a core call. More actions (answer, keep private)
join by adding an entry here; the form, CSRF check and handler stay the same.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from core.twin import Twin


@dataclass(frozen=True)
class GapAction:
    label: str  # the button's text
    done: str  # the sentence shown after it ran, with {n} for the wordings it covered
    run: Callable[[Twin, str], Awaitable[int]]  # (twin, group key) -> wordings covered


async def _ignore(twin: Twin, key: str) -> int:
    return await twin.ignore_gap_group(key)


GAP_ACTIONS: dict[str, GapAction] = {
    "ignore": GapAction(
        label="Ignore",
        done="Ignored: {n} wording(s) will no longer be listed.",
        run=_ignore,
    ),
}

MISSING = "That question group is no longer open (already handled, or the page was old)."
