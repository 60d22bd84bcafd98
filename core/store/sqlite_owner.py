"""SQLite tables of the owner loop (schema step 3): stable gap groups, who asked and where to
reply, the owner's daily card count, which facts each answer was given, and where each answer
was posted. A mixin of `core.store.sqlite.Store`; every write is one autocommit statement, and
every check-and-write (carding a group, closing it, the daily count) is one atomic statement,
so processes sharing the file never both win."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from typing import Any

import aiosqlite

from core.store.owner_records import (
    OPEN,
    AnswerSources,
    GapAsk,
    GapGroupRow,
    PendingReply,
)
from core.store.sqlite_rows import first_row as _first
from core.store.sqlite_rows import ts

MIGRATION_OWNER = """
CREATE TABLE gap_groups (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL DEFAULT 'gap',
    created_at TEXT NOT NULL,
    last_asked TEXT NOT NULL,
    example TEXT NOT NULL,
    terms TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'open',
    carded_at TEXT,
    closed_at TEXT,
    closed_by TEXT NOT NULL DEFAULT '',
    answer TEXT NOT NULL DEFAULT ''
);
CREATE INDEX gap_groups_status ON gap_groups(status, id);
ALTER TABLE gaps ADD COLUMN group_id INTEGER;
ALTER TABLE gaps ADD COLUMN channel_id TEXT NOT NULL DEFAULT '';
ALTER TABLE gaps ADD COLUMN reply_to TEXT NOT NULL DEFAULT '';
ALTER TABLE gaps ADD COLUMN request_id TEXT NOT NULL DEFAULT '';
ALTER TABLE gaps ADD COLUMN replied_at TEXT;
CREATE INDEX gaps_group ON gaps(group_id);
CREATE TABLE owner_card_days (
    day TEXT PRIMARY KEY,
    count INTEGER NOT NULL
);
CREATE TABLE answer_sources (
    request_id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
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
    at TEXT NOT NULL,
    PRIMARY KEY (platform, channel_id, message_id)
);
CREATE INDEX answer_messages_channel ON answer_messages(platform, channel_id, at);
"""

_GROUP_COLUMNS = (
    "g.id, g.kind, g.created_at, g.last_asked, g.example, g.terms, g.status, g.detail,"
    " g.carded_at, g.closed_at, g.closed_by, g.answer,"
    " (SELECT COUNT(*) FROM gaps a WHERE a.group_id = g.id),"
    " (SELECT COUNT(DISTINCT a.platform || ':' || a.user_id) FROM gaps a WHERE a.group_id = g.id)"
)


_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"  # the same sortable text as `core.store.sqlite.ts`


def _ts(at: datetime) -> str:
    return ts(at)


def _parse(text: str | None) -> datetime | None:
    return datetime.strptime(text, _TIME_FORMAT).replace(tzinfo=UTC) if text else None


class OwnerTables:
    """Owner-loop methods of the SQLite store (see the module docstring)."""

    _db: aiosqlite.Connection

    _write: Callable[..., Awaitable[int]]  # SqliteStore's: batched with the loop turn's writes

    # --- gap groups -------------------------------------------------------------------------

    async def open_group_terms(self, kind: str) -> list[tuple[int, frozenset[str]]]:
        """(id, terms) of the open groups of `kind`, newest first: what a new gap is filed by."""
        rows = await self._db.execute_fetchall(
            "SELECT id, terms FROM gap_groups WHERE status = ? AND kind = ? ORDER BY id DESC",
            (OPEN, kind),
        )
        return [(int(r[0]), frozenset(str(r[1]).split())) for r in rows]

    async def waiting_gap_groups(self, limit: int = 1000) -> list[GapGroupRow]:
        """Open groups without a card yet, with counts but without their wordings (one query):
        what the card policy picks from."""
        return await self._groups(
            "WHERE g.status = 'open' AND g.carded_at IS NULL", (), limit, wordings=False
        )

    async def counted_gap_groups(self, status: str, limit: int = 1000) -> list[GapGroupRow]:
        """Groups of one status with their counts but not their wordings (one query): what a
        list is ranked by before the wordings of the rows it shows are read."""
        return await self._groups("WHERE g.status = ?", (status,), limit, wordings=False)

    async def gap_groups(self, status: str | None = None, limit: int = 200) -> list[GapGroupRow]:
        """Groups (of one status, or all), newest first, with their wordings."""
        where, params = ("WHERE g.status = ?", (status,)) if status else ("", ())
        return await self._groups(where, params, limit)

    async def gap_group(self, group_id: int) -> GapGroupRow | None:
        found = await self._groups("WHERE g.id = ?", (group_id,))
        return found[0] if found else None

    async def _groups(
        self, where: str, params: Sequence[Any], limit: int = 200, *, wordings: bool = True
    ) -> list[GapGroupRow]:
        sql = f"SELECT {_GROUP_COLUMNS} FROM gap_groups g {where} ORDER BY g.id DESC LIMIT ?"
        rows = list(await self._db.execute_fetchall(sql, (*params, limit)))
        out = []
        for r in rows:
            said: list[str] = []
            if wordings:
                asked = await self._db.execute_fetchall(
                    "SELECT question FROM gaps WHERE group_id = ? ORDER BY id DESC LIMIT 20",
                    (r[0],),
                )
                said = list(dict.fromkeys(q[0] for q in asked))
            created = _parse(r[2])
            last = _parse(r[3])
            assert created is not None and last is not None
            out.append(
                GapGroupRow(
                    id=r[0],
                    kind=r[1],
                    created_at=created,
                    last_asked=last,
                    example=r[4],
                    terms=frozenset(r[5].split()),
                    status=r[6],
                    detail=r[7],
                    carded_at=_parse(r[8]),
                    closed_at=_parse(r[9]),
                    closed_by=r[10],
                    answer=r[11],
                    count=r[12],
                    askers=r[13],
                    questions=tuple(said) or (r[4],),
                )
            )
        return out

    async def count_gap_groups(self, status: str) -> int:
        row = _first(
            await self._db.execute_fetchall(
                "SELECT COUNT(*) FROM gap_groups WHERE status = ?", (status,)
            )
        )
        return int(row[0]) if row else 0

    async def new_gap_group(
        self, kind: str, at: datetime, example: str, terms: frozenset[str], detail: str = ""
    ) -> int:
        cur = await self._db.execute(
            "INSERT INTO gap_groups (kind, created_at, last_asked, example, terms, detail)"
            " VALUES (?,?,?,?,?,?)",
            (kind, _ts(at), _ts(at), example, " ".join(sorted(terms)), detail),
        )
        assert cur.lastrowid is not None
        return cur.lastrowid

    async def add_gap_ask(self, group_id: int, ask: GapAsk, normalized: str) -> int:
        """Record one ask in a group (the `gaps` row) and move the group's last-asked time."""
        cur = await self._db.execute(
            "INSERT INTO gaps (at, platform, user_id, question, normalized, group_id, channel_id,"
            " reply_to, request_id) VALUES (?,?,?,?,?,?,?,?,?)",
            (
                _ts(ask.at),
                ask.platform,
                ask.user_id,
                ask.question,
                normalized,
                group_id,
                ask.channel_id,
                ask.reply_to,
                ask.request_id,
            ),
        )
        await self._db.execute(
            "UPDATE gap_groups SET last_asked = MAX(last_asked, ?), example = ? WHERE id = ?",
            (_ts(ask.at), ask.question, group_id),
        )
        assert cur.lastrowid is not None
        return cur.lastrowid

    async def mark_carded(self, group_id: int, at: datetime) -> bool:
        """Claim the one card of an open group: True for the first caller only."""
        cur = await self._db.execute(
            "UPDATE gap_groups SET carded_at = ? WHERE id = ? AND carded_at IS NULL"
            " AND status = 'open'",
            (_ts(at), group_id),
        )
        return cur.rowcount == 1

    async def unmark_carded(self, group_id: int) -> None:
        await self._db.execute("UPDATE gap_groups SET carded_at = NULL WHERE id = ?", (group_id,))

    async def close_gap_group(
        self, group_id: int, status: str, at: datetime, by: str, answer: str = ""
    ) -> bool:
        """Close an open group (answered / private / ignored): True for the one caller who did."""
        cur = await self._db.execute(
            "UPDATE gap_groups SET status = ?, closed_at = ?, closed_by = ?, answer = ?"
            " WHERE id = ? AND status = 'open'",
            (status, _ts(at), by, answer, group_id),
        )
        return cur.rowcount == 1

    async def reopen_gap_group(self, group_id: int) -> None:
        """Undo a close whose follow-up failed (e.g. the learned file was not writable)."""
        await self._db.execute(
            "UPDATE gap_groups SET status = 'open', closed_at = NULL, closed_by = '', answer = ''"
            " WHERE id = ?",
            (group_id,),
        )

    # --- the owner's daily cards ------------------------------------------------------------

    async def claim_card_slot(self, day: str, limit: int) -> bool:
        """Count one card for `day` if fewer than `limit` were sent: one atomic statement."""
        if limit <= 0:
            return False
        cur = await self._db.execute(
            "INSERT INTO owner_card_days (day, count) VALUES (?, 1)"
            " ON CONFLICT(day) DO UPDATE SET count = count + 1 WHERE count < ?",
            (day, limit),
        )
        return cur.rowcount == 1

    async def release_card_slot(self, day: str) -> None:
        await self._db.execute(
            "UPDATE owner_card_days SET count = MAX(count - 1, 0) WHERE day = ?", (day,)
        )

    async def cards_sent(self, day: str) -> int:
        row = _first(
            await self._db.execute_fetchall(
                "SELECT count FROM owner_card_days WHERE day = ?", (day,)
            )
        )
        return int(row[0]) if row else 0

    # --- replies to askers ------------------------------------------------------------------

    async def pending_replies(
        self, platform: str | None = None, group_id: int | None = None
    ) -> list[PendingReply]:
        """Askers of answered groups not yet sent the owner's words, oldest first."""
        sql = (
            "SELECT a.id, a.group_id, a.platform, a.user_id, a.channel_id, a.reply_to,"
            " a.question, g.answer FROM gaps a JOIN gap_groups g ON g.id = a.group_id"
            " WHERE g.status = 'answered' AND a.replied_at IS NULL AND a.platform != 'cli'"
        )
        params: list[Any] = []
        if platform is not None:
            sql += " AND a.platform = ?"
            params.append(platform)
        if group_id is not None:
            sql += " AND a.group_id = ?"
            params.append(group_id)
        rows = await self._db.execute_fetchall(sql + " ORDER BY a.id", params)
        return [PendingReply(*r) for r in rows]

    async def claim_reply(self, ask_id: int, at: datetime) -> bool:
        """Mark one asker as being answered: True once, so no one gets the words twice."""
        cur = await self._db.execute(
            "UPDATE gaps SET replied_at = ? WHERE id = ? AND replied_at IS NULL", (_ts(at), ask_id)
        )
        return cur.rowcount == 1

    async def unclaim_reply(self, ask_id: int) -> None:
        await self._db.execute("UPDATE gaps SET replied_at = NULL WHERE id = ?", (ask_id,))

    # --- the answer cache after a profile change --------------------------------------------

    async def cache_rekey(self, old: str, new: str, keys: Sequence[str]) -> int:
        """Move cached answers (by question key) from one fingerprint to another."""
        moved = 0
        for start in range(0, len(keys), 500):
            chunk = list(keys[start : start + 500])
            marks = ",".join("?" for _ in chunk)
            cur = await self._db.execute(
                f"UPDATE OR REPLACE cache SET fingerprint = ? WHERE fingerprint = ?"
                f" AND key IN ({marks})",
                (new, old, *chunk),
            )
            moved += cur.rowcount
        return moved

    # --- sources ----------------------------------------------------------------------------

    async def record_sources(self, sources: AnswerSources) -> None:
        await self._write(
            "INSERT OR REPLACE INTO answer_sources VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                sources.request_id,
                _ts(sources.at),
                sources.platform,
                sources.channel_id,
                sources.conversation,
                sources.model,
                json.dumps([list(f) for f in sources.facts], ensure_ascii=False),
                json.dumps(list(sources.used)),
                sources.user_id,
                sources.reply_to,
            ),
        )

    async def sources_of(self, request_id: str) -> AnswerSources | None:
        row = _first(
            await self._db.execute_fetchall(
                "SELECT * FROM answer_sources WHERE request_id = ?", (request_id,)
            )
        )
        return _sources(row) if row else None

    async def used_chunk_ids(self, since: datetime) -> set[str]:
        """Every chunk id retrieval picked for a question at or after `since`."""
        rows = await self._db.execute_fetchall(
            "SELECT used FROM answer_sources WHERE at >= ?", (_ts(since),)
        )
        return {chunk for r in rows for chunk in json.loads(r[0])}

    async def link_answer_message(
        self, platform: str, channel_id: str, message_id: str, request_id: str, at: datetime
    ) -> None:
        """Remember which request a posted message answers (for /twin-why and votes)."""
        await self._db.execute(
            "INSERT OR REPLACE INTO answer_messages VALUES (?,?,?,?,?)",
            (platform, channel_id, message_id, request_id, _ts(at)),
        )

    async def request_of_message(
        self, platform: str, channel_id: str, message_id: str | None = None
    ) -> str | None:
        """The request a message answers; without `message_id`, the channel's last answer."""
        if message_id is not None:
            sql = (
                "SELECT request_id FROM answer_messages WHERE platform = ? AND channel_id = ?"
                " AND message_id = ?"
            )
            params: tuple[str, ...] = (platform, channel_id, message_id)
        else:
            sql = (
                "SELECT request_id FROM answer_messages WHERE platform = ? AND channel_id = ?"
                " ORDER BY at DESC, rowid DESC LIMIT 1"
            )
            params = (platform, channel_id)
        row = _first(await self._db.execute_fetchall(sql, params))
        return str(row[0]) if row else None


def _sources(row: Any) -> AnswerSources:
    at = _parse(row[1])
    assert at is not None
    return AnswerSources(
        request_id=row[0],
        at=at,
        platform=row[2],
        channel_id=row[3],
        conversation=row[4],
        model=row[5],
        facts=tuple((str(f[0]), str(f[1])) for f in json.loads(row[6])),
        used=tuple(json.loads(row[7])),
        user_id=row[8],
        reply_to=row[9],
    )


class VoteTables:
    """Votes joined with what each answer was given (for quality beside cost)."""

    _db: aiosqlite.Connection

    async def topic_costs(self, since: datetime) -> list[tuple[str, float]]:
        """(topic, cost) of every answer with sources at or after `since` (the topic as in
        `vote_rows`), for cost per topic beside its votes."""
        rows = await self._db.execute_fetchall(
            "SELECT s.facts, s.used, COALESCE(q.cost_usd, 0) FROM answer_sources s"
            " LEFT JOIN questions q ON q.request_id = s.request_id WHERE s.at >= ?",
            (_ts(since),),
        )
        return [(_topic(facts, used), float(cost)) for facts, used, cost in rows]

    async def vote_rows(self, since: datetime) -> list[tuple[bool, str, str]]:
        """(helpful, model, topic) of every standing vote cast at or after `since`; the topic
        is the heading of the fact retrieval picked first for that answer ("" if none)."""
        rows = await self._db.execute_fetchall(
            "SELECT f.helpful, COALESCE(s.model, q.model, ''), s.facts, s.used FROM feedback f"
            " LEFT JOIN answer_sources s ON s.request_id = f.answer_id"
            " LEFT JOIN questions q ON q.request_id = f.answer_id"
            " WHERE f.at >= ?",
            (_ts(since),),
        )
        return [
            (bool(helpful), str(model or ""), _topic(facts, used))
            for helpful, model, facts, used in rows
        ]


def _topic(facts: str | None, used: str | None) -> str:
    """The heading of the fact retrieval picked first ("" when none)."""
    titles = dict(json.loads(facts)) if facts else {}
    picked = json.loads(used) if used else []
    return str(titles.get(picked[0], "")) if picked else ""
