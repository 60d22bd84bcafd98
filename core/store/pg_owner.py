"""PostgreSQL tables of the owner loop: stable gap groups, who asked and where to reply, the
owner's daily card count, which facts each answer was given, where each answer was posted, and
votes beside what answers cost. A mixin of `PostgresStore` with the same methods and meaning as
the SQLite store's `sqlite_owner` (`OwnerTables`, `VoteTables`); every check-and-write (carding
a group, closing it, the daily count, claiming a reply) is one atomic statement, so instances on
several machines never both win."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from core.store.owner_records import OPEN, AnswerSources, GapAsk, GapGroupRow, PendingReply

if TYPE_CHECKING:
    from core.store.pg_schema import Conn

OWNER_TABLES = """
CREATE TABLE gap_groups (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT NOT NULL DEFAULT 'gap',
    created_at TIMESTAMPTZ NOT NULL,
    last_asked TIMESTAMPTZ NOT NULL,
    example TEXT NOT NULL,
    terms TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'open',
    carded_at TIMESTAMPTZ,
    closed_at TIMESTAMPTZ,
    closed_by TEXT NOT NULL DEFAULT '',
    answer TEXT NOT NULL DEFAULT ''
);
CREATE INDEX gap_groups_status ON gap_groups(status, id);
ALTER TABLE gaps ADD COLUMN group_id BIGINT;
ALTER TABLE gaps ADD COLUMN channel_id TEXT NOT NULL DEFAULT '';
ALTER TABLE gaps ADD COLUMN reply_to TEXT NOT NULL DEFAULT '';
ALTER TABLE gaps ADD COLUMN request_id TEXT NOT NULL DEFAULT '';
ALTER TABLE gaps ADD COLUMN replied_at TIMESTAMPTZ;
CREATE INDEX gaps_group ON gaps(group_id);
CREATE TABLE owner_card_days (
    day TEXT PRIMARY KEY,
    count INTEGER NOT NULL
);
CREATE TABLE answer_sources (
    request_id TEXT PRIMARY KEY,
    at TIMESTAMPTZ NOT NULL,
    platform TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    conversation TEXT NOT NULL,
    model TEXT,
    facts TEXT NOT NULL,
    used TEXT NOT NULL,
    user_id TEXT NOT NULL DEFAULT '',
    reply_to TEXT NOT NULL DEFAULT ''
);
CREATE INDEX answer_sources_at ON answer_sources(at);
CREATE TABLE answer_messages (
    platform TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    request_id TEXT NOT NULL,
    at TIMESTAMPTZ NOT NULL,
    seq BIGSERIAL,
    PRIMARY KEY (platform, channel_id, message_id)
);
CREATE INDEX answer_messages_channel ON answer_messages(platform, channel_id, at);
"""
OWNER_TABLE_NAMES = ("gap_groups", "owner_card_days", "answer_sources", "answer_messages")

_GROUP_COLUMNS = (
    "g.id, g.kind, g.created_at, g.last_asked, g.example, g.terms, g.status, g.detail,"
    " g.carded_at, g.closed_at, g.closed_by, g.answer,"
    " (SELECT COUNT(*) FROM gaps a WHERE a.group_id = g.id),"
    " (SELECT COUNT(DISTINCT a.platform || ':' || a.user_id) FROM gaps a WHERE a.group_id = g.id)"
)


def _changed(status: str) -> bool:
    """Whether a command tag ("UPDATE 1", "INSERT 0 1") says one row was written."""
    return status.split()[-1] == "1"


class OwnerAndVotes:
    """The owner-loop and vote-topic methods on PostgreSQL (see the module docstring)."""

    def _conn(self, what: str) -> contextlib.AbstractAsyncContextManager[Conn]:
        raise NotImplementedError  # PostgresStore's

    async def _run(self, what: str, sql: str, *args: Any) -> str:
        async with self._conn(what) as conn:
            return str(await conn.execute(sql, *args))

    # --- gap groups ---------------------------------------------------------------------------

    async def open_group_terms(self, kind: str) -> list[tuple[int, frozenset[str]]]:
        """(id, terms) of the open groups of `kind`, newest first: what a new gap is filed by."""
        async with self._conn("read gap groups") as conn:
            rows = await conn.fetch(
                "SELECT id, terms FROM gap_groups WHERE status = $1 AND kind = $2 ORDER BY id DESC",
                OPEN,
                kind,
            )
        return [(int(r[0]), frozenset(str(r[1]).split())) for r in rows]

    async def waiting_gap_groups(self, limit: int = 1000) -> list[GapGroupRow]:
        """Open groups without a card yet, with counts but without their wordings."""
        return await self._groups(
            "WHERE g.status = 'open' AND g.carded_at IS NULL", (), limit, wordings=False
        )

    async def counted_gap_groups(self, status: str, limit: int = 1000) -> list[GapGroupRow]:
        """Groups of one status with their counts but not their wordings (one query)."""
        return await self._groups("WHERE g.status = $1", (status,), limit, wordings=False)

    async def gap_groups(self, status: str | None = None, limit: int = 200) -> list[GapGroupRow]:
        """Groups (of one status, or all), newest first, with their wordings."""
        where, params = ("WHERE g.status = $1", (status,)) if status else ("", ())
        return await self._groups(where, params, limit)

    async def gap_group(self, group_id: int) -> GapGroupRow | None:
        found = await self._groups("WHERE g.id = $1", (group_id,))
        return found[0] if found else None

    async def _groups(
        self, where: str, params: Sequence[Any], limit: int = 200, *, wordings: bool = True
    ) -> list[GapGroupRow]:
        n = len(params) + 1
        sql = f"SELECT {_GROUP_COLUMNS} FROM gap_groups g {where} ORDER BY g.id DESC LIMIT ${n}"
        out = []
        async with self._conn("read gap groups") as conn:
            for r in await conn.fetch(sql, *params, limit):
                said: list[str] = []
                if wordings:
                    asked = await conn.fetch(
                        "SELECT question FROM gaps WHERE group_id = $1 ORDER BY id DESC LIMIT 20",
                        r[0],
                    )
                    said = list(dict.fromkeys(q[0] for q in asked))
                out.append(
                    GapGroupRow(
                        id=int(r[0]),
                        kind=r[1],
                        created_at=r[2],
                        last_asked=r[3],
                        example=r[4],
                        terms=frozenset(r[5].split()),
                        status=r[6],
                        detail=r[7],
                        carded_at=r[8],
                        closed_at=r[9],
                        closed_by=r[10],
                        answer=r[11],
                        count=int(r[12]),
                        askers=int(r[13]),
                        questions=tuple(said) or (r[4],),
                    )
                )
        return out

    async def count_gap_groups(self, status: str) -> int:
        async with self._conn("count gap groups") as conn:
            found = await conn.fetchval("SELECT COUNT(*) FROM gap_groups WHERE status = $1", status)
        return int(found or 0)

    async def new_gap_group(
        self, kind: str, at: datetime, example: str, terms: frozenset[str], detail: str = ""
    ) -> int:
        async with self._conn("file a gap group") as conn:
            found = await conn.fetchval(
                "INSERT INTO gap_groups (kind, created_at, last_asked, example, terms, detail)"
                " VALUES ($1, $2, $2, $3, $4, $5) RETURNING id",
                kind,
                at,
                example,
                " ".join(sorted(terms)),
                detail,
            )
        return int(found)

    async def add_gap_ask(self, group_id: int, ask: GapAsk, normalized: str) -> int:
        """Record one ask in a group (the `gaps` row) and move the group's last-asked time."""
        async with self._conn("record a gap") as conn:
            found = await conn.fetchval(
                "WITH ask AS (INSERT INTO gaps (at, platform, user_id, question, normalized,"
                "  group_id, channel_id, reply_to, request_id)"
                "  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id),"
                " moved AS (UPDATE gap_groups SET last_asked = GREATEST(last_asked, $1),"
                "  example = $4 WHERE id = $6)"
                " SELECT id FROM ask",
                ask.at,
                ask.platform,
                ask.user_id,
                ask.question,
                normalized,
                group_id,
                ask.channel_id,
                ask.reply_to,
                ask.request_id,
            )
        return int(found)

    async def mark_carded(self, group_id: int, at: datetime) -> bool:
        """Claim the one card of an open group: True for the first caller only."""
        status = await self._run(
            "card a gap group",
            "UPDATE gap_groups SET carded_at = $1 WHERE id = $2 AND carded_at IS NULL"
            " AND status = 'open'",
            at,
            group_id,
        )
        return _changed(status)

    async def unmark_carded(self, group_id: int) -> None:
        await self._run(
            "uncard a gap group", "UPDATE gap_groups SET carded_at = NULL WHERE id = $1", group_id
        )

    async def close_gap_group(
        self, group_id: int, status: str, at: datetime, by: str, answer: str = ""
    ) -> bool:
        """Close an open group (answered / private / ignored): True for the one caller who did."""
        done = await self._run(
            "close a gap group",
            "UPDATE gap_groups SET status = $1, closed_at = $2, closed_by = $3, answer = $4"
            " WHERE id = $5 AND status = 'open'",
            status,
            at,
            by,
            answer,
            group_id,
        )
        return _changed(done)

    async def reopen_gap_group(self, group_id: int) -> None:
        """Undo a close whose follow-up failed (e.g. the learned file was not writable)."""
        await self._run(
            "reopen a gap group",
            "UPDATE gap_groups SET status = 'open', closed_at = NULL, closed_by = '', answer = ''"
            " WHERE id = $1",
            group_id,
        )

    async def clear_gap_status(self, normalized: Sequence[str]) -> None:
        """Undo the dashboard's per-wording decision (a close that had to be undone)."""
        wordings = list(dict.fromkeys(normalized))
        if wordings:
            await self._run(
                "clear gap decisions",
                "DELETE FROM gap_status WHERE normalized = ANY($1::text[])",
                wordings,
            )

    # --- the owner's daily cards --------------------------------------------------------------

    async def claim_card_slot(self, day: str, limit: int) -> bool:
        """Count one card for `day` if fewer than `limit` were sent: one atomic statement."""
        if limit <= 0:
            return False
        status = await self._run(
            "count a card",
            "INSERT INTO owner_card_days AS d (day, count) VALUES ($1, 1)"
            " ON CONFLICT (day) DO UPDATE SET count = d.count + 1 WHERE d.count < $2",
            day,
            limit,
        )
        return _changed(status)

    async def release_card_slot(self, day: str) -> None:
        await self._run(
            "uncount a card",
            "UPDATE owner_card_days SET count = GREATEST(count - 1, 0) WHERE day = $1",
            day,
        )

    async def cards_sent(self, day: str) -> int:
        async with self._conn("count cards") as conn:
            found = await conn.fetchval("SELECT count FROM owner_card_days WHERE day = $1", day)
        return int(found or 0)

    # --- replies to askers --------------------------------------------------------------------

    async def pending_replies(
        self, platform: str | None = None, group_id: int | None = None
    ) -> list[PendingReply]:
        """Askers of answered groups not yet sent the owner's words, oldest first."""
        async with self._conn("read pending replies") as conn:
            rows = await conn.fetch(
                "SELECT a.id, a.group_id, a.platform, a.user_id, a.channel_id, a.reply_to,"
                " a.question, g.answer FROM gaps a JOIN gap_groups g ON g.id = a.group_id"
                " WHERE g.status = 'answered' AND a.replied_at IS NULL AND a.platform <> 'cli'"
                " AND ($1::text IS NULL OR a.platform = $1)"
                " AND ($2::bigint IS NULL OR a.group_id = $2) ORDER BY a.id",
                platform,
                group_id,
            )
        return [PendingReply(int(r[0]), int(r[1]), *r[2:]) for r in rows]

    async def claim_reply(self, ask_id: int, at: datetime) -> bool:
        """Mark one asker as being answered: True once, so no one gets the words twice."""
        status = await self._run(
            "claim a reply",
            "UPDATE gaps SET replied_at = $1 WHERE id = $2 AND replied_at IS NULL",
            at,
            ask_id,
        )
        return _changed(status)

    async def unclaim_reply(self, ask_id: int) -> None:
        await self._run(
            "unclaim a reply", "UPDATE gaps SET replied_at = NULL WHERE id = $1", ask_id
        )

    # --- the answer cache after a profile change ----------------------------------------------

    async def cache_rekey(self, old: str, new: str, keys: Sequence[str]) -> int:
        """Move cached answers (by question key) from one fingerprint to another."""
        if not keys:
            return 0
        status = await self._run(
            "move cached answers",
            "UPDATE cache SET fingerprint = $1 WHERE fingerprint = $2 AND key = ANY($3::text[])",
            new,
            old,
            list(keys),
        )
        return int(status.split()[-1])

    # --- sources ------------------------------------------------------------------------------

    async def record_sources(self, sources: AnswerSources) -> None:
        await self._run(
            "record an answer's sources",
            "INSERT INTO answer_sources VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
            " ON CONFLICT (request_id) DO UPDATE SET at = EXCLUDED.at,"
            " platform = EXCLUDED.platform, channel_id = EXCLUDED.channel_id,"
            " conversation = EXCLUDED.conversation, model = EXCLUDED.model,"
            " facts = EXCLUDED.facts, used = EXCLUDED.used, user_id = EXCLUDED.user_id,"
            " reply_to = EXCLUDED.reply_to",
            sources.request_id,
            sources.at,
            sources.platform,
            sources.channel_id,
            sources.conversation,
            sources.model,
            json.dumps([list(f) for f in sources.facts], ensure_ascii=False),
            json.dumps(list(sources.used)),
            sources.user_id,
            sources.reply_to,
        )

    async def sources_of(self, request_id: str) -> AnswerSources | None:
        async with self._conn("read an answer's sources") as conn:
            row = await conn.fetchrow(
                "SELECT request_id, at, platform, channel_id, conversation, model, facts, used,"
                " user_id, reply_to FROM answer_sources WHERE request_id = $1",
                request_id,
            )
        if row is None:
            return None
        return AnswerSources(
            request_id=row[0],
            at=row[1],
            platform=row[2],
            channel_id=row[3],
            conversation=row[4],
            model=row[5],
            facts=tuple((str(f[0]), str(f[1])) for f in json.loads(row[6])),
            used=tuple(json.loads(row[7])),
            user_id=row[8],
            reply_to=row[9],
        )

    async def used_chunk_ids(self, since: datetime) -> set[str]:
        """Every chunk id retrieval picked for a question at or after `since`."""
        async with self._conn("read answers' sources") as conn:
            rows = await conn.fetch("SELECT used FROM answer_sources WHERE at >= $1", since)
        return {chunk for r in rows for chunk in json.loads(r[0])}

    async def link_answer_message(
        self, platform: str, channel_id: str, message_id: str, request_id: str, at: datetime
    ) -> None:
        """Remember which request a posted message answers (for /twin-why and votes)."""
        await self._run(
            "link an answer's message",
            "INSERT INTO answer_messages (platform, channel_id, message_id, request_id, at)"
            " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (platform, channel_id, message_id)"
            " DO UPDATE SET request_id = EXCLUDED.request_id, at = EXCLUDED.at, seq = DEFAULT",
            platform,
            channel_id,
            message_id,
            request_id,
            at,
        )

    async def request_of_message(
        self, platform: str, channel_id: str, message_id: str | None = None
    ) -> str | None:
        """The request a message answers; without `message_id`, the channel's last answer."""
        async with self._conn("read an answer's message") as conn:
            found = await conn.fetchval(
                "SELECT request_id FROM answer_messages WHERE platform = $1 AND channel_id = $2"
                " AND ($3::text IS NULL OR message_id = $3) ORDER BY at DESC, seq DESC LIMIT 1",
                platform,
                channel_id,
                message_id,
            )
        return None if found is None else str(found)

    # --- votes beside cost ----------------------------------------------------------------------

    async def topic_costs(self, since: datetime) -> list[tuple[str, float]]:
        """(topic, cost) of every answer with sources at or after `since`."""
        async with self._conn("read answers' costs") as conn:
            rows = await conn.fetch(
                "SELECT s.facts, s.used, COALESCE(q.cost_usd, 0) FROM answer_sources s"
                " LEFT JOIN questions q ON q.request_id = s.request_id WHERE s.at >= $1",
                since,
            )
        return [(_topic(r[0], r[1]), float(r[2])) for r in rows]

    async def vote_rows(self, since: datetime) -> list[tuple[bool, str, str]]:
        """(helpful, model, topic) of every standing vote cast at or after `since`."""
        async with self._conn("read votes") as conn:
            rows = await conn.fetch(
                "SELECT f.helpful, COALESCE(s.model, q.model, ''), s.facts, s.used FROM feedback f"
                " LEFT JOIN answer_sources s ON s.request_id = f.answer_id"
                " LEFT JOIN questions q ON q.request_id = f.answer_id WHERE f.at >= $1",
                since,
            )
        return [(bool(r[0]), str(r[1] or ""), _topic(r[2], r[3])) for r in rows]


def _topic(facts: str | None, used: str | None) -> str:
    """The heading of the fact retrieval picked first ("" when none)."""
    titles = dict(json.loads(facts)) if facts else {}
    picked = json.loads(used) if used else []
    return str(titles.get(picked[0], "")) if picked else ""
