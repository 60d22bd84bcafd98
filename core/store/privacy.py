"""Members' privacy, written once for both backends: forget one member, purge text past its
retention. Text goes; usage rows stay (budgets must stay right) with the member's id replaced
by `FORGOTTEN`. Each runs as one transaction where the backend has them across statements
(PostgreSQL); on SQLite each statement commits on its own, as it always has.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from core.store.executor import Executor
from core.store.records import normalize_question

FORGOTTEN = "forgotten"  # the user id usage rows keep once their member is forgotten


@dataclass(frozen=True)
class Forgotten:
    """What `forget_member` deleted (turns, gaps, cached answers) and anonymised (rows)."""

    turns: int = 0
    gaps: int = 0
    cached: int = 0
    cache_keys: tuple[str, ...] = ()  # normalised questions whose cached answers were deleted
    usage_rows: int = 0  # questions and model attempts kept for budgets, now without id or text
    votes: int = 0  # feedback votes kept for the owner's counts, under an unlinkable id
    gap_decisions: int = 0  # the owner's decisions on wordings only this member had asked
    viewing: int = 0  # conversations' viewing contexts (what the member looked at)


@dataclass(frozen=True)
class Purged:
    """What `purge_text_before` deleted."""

    turns: int = 0
    gaps: int = 0
    cached: int = 0
    gap_decisions: int = 0
    question_texts: int = 0  # question records whose question and answer text were blanked
    viewing: int = 0  # viewing contexts last noted before the cutoff

    @property
    def total(self) -> int:
        return (
            self.turns
            + self.gaps
            + self.cached
            + self.gap_decisions
            + self.question_texts
            + self.viewing
        )


_ORPHAN_GROUPS = (
    "DELETE FROM gap_groups WHERE status = 'open'"
    " AND NOT EXISTS (SELECT 1 FROM gaps WHERE gaps.group_id = gap_groups.id)"
)
_ORPHAN_DECISION = "NOT EXISTS (SELECT 1 FROM gaps g WHERE g.normalized = gap_status.normalized)"


def _unlinkable() -> str:
    """A fresh id for a forgotten member's votes: no two forgets share one."""
    return f"{FORGOTTEN}-{uuid.uuid4().hex[:12]}"


async def _each(tx: Executor, what: str, *steps: tuple[str, Sequence[Any]]) -> list[int]:
    """Run each write in turn; the rows each changed."""
    return [await tx._run(what, sql, *params) for sql, params in steps]


class PrivacyQueries(Executor):
    """`forget_member` and `purge_text_before`."""

    async def forget_member(self, platform: str, user_id: str) -> Forgotten:
        """Delete a member's conversation turns (theirs and the answers to them), gap entries,
        viewing contexts and the cached answers to their questions, and the open gap groups
        and gap decisions only they had asked; keep their questions' and attempts' usage rows
        with the user id replaced by `FORGOTTEN` and the question and answer text blanked;
        keep their feedback votes under an id no one can link back (fresh for every forget)."""
        who, what = (platform, user_id), "forget a member"
        member = "WHERE platform = ? AND user_id = ?"
        anonymous = (FORGOTTEN, *who)
        async with self._transaction(what) as tx:
            asked = await tx._rows(
                what, f"SELECT DISTINCT text FROM turns {member} AND role = 'user'", *who
            )
            keys = sorted({k for k in (normalize_question(r[0]) for r in asked) if k})
            cached = await tx._in_chunks(what, "DELETE FROM cache WHERE key IN ({marks})", keys)
            gone = await tx._rows(what, f"DELETE FROM gaps {member} RETURNING normalized", *who)
            gaps, wordings = len(gone), sorted({r[0] for r in gone})
            decisions = await tx._in_chunks(
                what,
                f"DELETE FROM gap_status WHERE normalized IN ({{marks}}) AND {_ORPHAN_DECISION}",
                wordings,
            )
            turns, groups, viewing, _, questions, attempts, _, votes = await _each(
                tx,
                what,
                (f"DELETE FROM turns {member}", who),
                (_ORPHAN_GROUPS, ()),
                (f"DELETE FROM viewing_context {member}", who),
                (f"UPDATE answer_sources SET user_id = ?, reply_to = '' {member}", anonymous),
                (
                    f"UPDATE questions SET user_id = ?, question = '', answer = '' {member}",
                    anonymous,
                ),
                (f"UPDATE usage SET user_id = ? {member}", anonymous),
                (f"DELETE FROM inbox {member}", who),  # their questions still waiting
                (f"UPDATE feedback SET user_id = ? {member}", (_unlinkable(), *who)),
            )
            usage = questions + attempts
            decisions += groups
        return Forgotten(
            turns=turns,
            gaps=gaps,
            cached=cached,
            cache_keys=tuple(keys),
            usage_rows=usage,
            votes=votes,
            gap_decisions=decisions,
            viewing=viewing,
        )

    async def purge_text_before(self, cutoff: datetime) -> Purged:
        """Delete conversation turns, gap entries, viewing contexts and cached answers older
        than `cutoff`, and the owner's gap decisions older than that on wordings no gap holds
        any more; blank the question and answer text of question records older than that (the
        rows stay)."""
        at = (self.dialect.time(cutoff),)
        async with self._transaction("purge old text") as tx:
            turns, gaps, cached, decisions, groups, viewing, blanked = await _each(
                tx,
                "purge old text",
                ("DELETE FROM turns WHERE at < ?", at),
                ("DELETE FROM gaps WHERE at < ?", at),
                ("DELETE FROM cache WHERE created_at < ?", at),
                (f"DELETE FROM gap_status WHERE at < ? AND {_ORPHAN_DECISION}", at),
                (_ORPHAN_GROUPS, ()),
                ("DELETE FROM viewing_context WHERE at < ?", at),
                (
                    "UPDATE questions SET question = '', answer = ''"
                    " WHERE at < ? AND (question <> '' OR answer <> '')",
                    at,
                ),
            )
            decisions += groups
        return Purged(
            turns=turns,
            gaps=gaps,
            cached=cached,
            gap_decisions=decisions,
            question_texts=blanked,
            viewing=viewing,
        )
