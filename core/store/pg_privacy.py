"""PostgreSQL: members' privacy, as the SQLite store's `privacy` mixin: forget one member, purge
text past its retention. Each runs in one transaction (all of it or none). Text goes; usage rows
stay (budgets must stay right) with the member's id replaced by `FORGOTTEN`."""

from __future__ import annotations

import contextlib
import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from core.store.privacy import FORGOTTEN, Forgotten, Purged
from core.store.records import normalize_question

if TYPE_CHECKING:
    from core.store.pg_schema import Conn

PRIVACY_INDEXES = """
CREATE INDEX turns_user ON turns(platform, user_id);
CREATE INDEX gaps_user ON gaps(platform, user_id);
"""

_ORPHAN_GROUPS = (
    "DELETE FROM gap_groups WHERE status = 'open'"
    " AND NOT EXISTS (SELECT 1 FROM gaps WHERE gaps.group_id = gap_groups.id)"
)
_ORPHAN_DECISION = "NOT EXISTS (SELECT 1 FROM gaps g WHERE g.normalized = gap_status.normalized)"


def _count(status: str) -> int:
    return int(status.split()[-1])


class MemberPrivacy:
    """`forget_member` and `purge_text_before` on PostgreSQL."""

    def _conn(self, what: str) -> contextlib.AbstractAsyncContextManager[Conn]:
        raise NotImplementedError  # PostgresStore's

    async def forget_member(self, platform: str, user_id: str) -> Forgotten:
        """Delete a member's turns, gap entries and the cached answers to their questions (and
        the open gap groups and gap decisions only they had asked); keep their question and
        attempt rows without the user id or text, their votes under an unlinkable id."""
        async with self._conn("forget a member") as conn, conn.transaction():
            asked = await conn.fetch(
                "SELECT DISTINCT text FROM turns WHERE platform = $1 AND user_id = $2"
                " AND role = 'user'",
                platform,
                user_id,
            )
            keys = sorted({k for k in (normalize_question(r[0]) for r in asked) if k})
            cached = _count(
                await conn.execute("DELETE FROM cache WHERE key = ANY($1::text[])", keys)
            )
            turns = _count(
                await conn.execute(
                    "DELETE FROM turns WHERE platform = $1 AND user_id = $2", platform, user_id
                )
            )
            wordings = [
                r[0]
                for r in await conn.fetch(
                    "DELETE FROM gaps WHERE platform = $1 AND user_id = $2 RETURNING normalized",
                    platform,
                    user_id,
                )
            ]
            decisions = _count(
                await conn.execute(
                    "DELETE FROM gap_status WHERE normalized = ANY($1::text[])"
                    f" AND {_ORPHAN_DECISION}",
                    sorted(set(wordings)),
                )
            )
            decisions += _count(await conn.execute(_ORPHAN_GROUPS))
            await conn.execute(
                "UPDATE answer_sources SET user_id = $1, reply_to = ''"
                " WHERE platform = $2 AND user_id = $3",
                FORGOTTEN,
                platform,
                user_id,
            )
            usage = _count(
                await conn.execute(
                    "UPDATE questions SET user_id = $1, question = '', answer = ''"
                    " WHERE platform = $2 AND user_id = $3",
                    FORGOTTEN,
                    platform,
                    user_id,
                )
            )
            usage += _count(
                await conn.execute(
                    "UPDATE usage SET user_id = $1 WHERE platform = $2 AND user_id = $3",
                    FORGOTTEN,
                    platform,
                    user_id,
                )
            )
            votes = _count(
                await conn.execute(
                    "UPDATE feedback SET user_id = $1 WHERE platform = $2 AND user_id = $3",
                    f"{FORGOTTEN}-{uuid.uuid4().hex[:12]}",
                    platform,
                    user_id,
                )
            )
        return Forgotten(
            turns=turns,
            gaps=len(wordings),
            cached=cached,
            cache_keys=tuple(keys),
            usage_rows=usage,
            votes=votes,
            gap_decisions=decisions,
        )

    async def purge_text_before(self, cutoff: datetime) -> Purged:
        """Delete turns, gap entries and cached answers older than `cutoff` (and what only they
        held); blank the question and answer text of older question records."""
        async with self._conn("purge old text") as conn, conn.transaction():
            turns = _count(await conn.execute("DELETE FROM turns WHERE at < $1", cutoff))
            gaps = _count(await conn.execute("DELETE FROM gaps WHERE at < $1", cutoff))
            cached = _count(await conn.execute("DELETE FROM cache WHERE created_at < $1", cutoff))
            decisions = _count(
                await conn.execute(
                    f"DELETE FROM gap_status WHERE at < $1 AND {_ORPHAN_DECISION}", cutoff
                )
            )
            decisions += _count(await conn.execute(_ORPHAN_GROUPS))
            blanked = _count(
                await conn.execute(
                    "UPDATE questions SET question = '', answer = ''"
                    " WHERE at < $1 AND (question <> '' OR answer <> '')",
                    cutoff,
                )
            )
        return Purged(
            turns=turns, gaps=gaps, cached=cached, gap_decisions=decisions, question_texts=blanked
        )
