"""The owner loop's queries, written once for both backends: stable gap groups, who asked and
where to reply, the owner's daily card count, which facts each answer was given, where each
answer was posted, and votes beside what answers cost. Every check-and-write (carding a group,
closing it, the daily count, claiming a reply) is one atomic statement, so processes sharing the
database never both win. Part of the one query layer (`core.store.base.Store`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from core.store.executor import Executor, Row
from core.store.owner_records import OPEN, AnswerSources, GapAsk, GapGroupRow, PendingReply

_GROUP_COLUMNS = (
    "g.id, g.kind, g.created_at, g.last_asked, g.example, g.terms, g.status, g.detail,"
    " g.carded_at, g.closed_at, g.closed_by, g.answer,"
    " (SELECT COUNT(*) FROM gaps a WHERE a.group_id = g.id),"
    " (SELECT COUNT(DISTINCT a.platform || ':' || a.user_id) FROM gaps a WHERE a.group_id = g.id)"
)
_SOURCE_COLUMNS = (
    "request_id, at, platform, channel_id, conversation, model, facts, used, user_id, reply_to"
)
_RECORD_SOURCES = (  # written once: it runs on every answer
    f"INSERT INTO answer_sources ({_SOURCE_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)"
    " ON CONFLICT (request_id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _SOURCE_COLUMNS.split(", ")[1:])
)


class OwnerQueries(Executor):
    """Gap groups, cards, replies to askers, answers' sources and messages, votes' topics."""

    # --- gap groups -------------------------------------------------------------------------

    async def open_group_terms(self, kind: str) -> list[tuple[int, frozenset[str]]]:
        """(id, terms) of the open groups of `kind`, newest first: what a new gap is filed by."""
        rows = await self._rows(
            "read gap groups",
            "SELECT id, terms FROM gap_groups WHERE status = ? AND kind = ? ORDER BY id DESC",
            OPEN,
            kind,
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
        out = []
        for r in await self._rows("read gap groups", sql, *params, limit):
            said: list[str] = []
            if wordings:
                asked = await self._rows(
                    "read gap groups",
                    "SELECT question FROM gaps WHERE group_id = ? ORDER BY id DESC LIMIT 20",
                    r[0],
                )
                said = list(dict.fromkeys(q[0] for q in asked))
            out.append(self._group(r, tuple(said)))
        return out

    def _group(self, r: Row, said: tuple[str, ...]) -> GapGroupRow:
        read, opt = self.dialect.read_time, self.dialect.read_opt_time
        return GapGroupRow(
            id=int(r[0]),
            kind=r[1],
            created_at=read(r[2]),
            last_asked=read(r[3]),
            example=r[4],
            terms=frozenset(r[5].split()),
            status=r[6],
            detail=r[7],
            carded_at=opt(r[8]),
            closed_at=opt(r[9]),
            closed_by=r[10],
            answer=r[11],
            count=int(r[12]),
            askers=int(r[13]),
            questions=said or (r[4],),
        )

    async def count_gap_groups(self, status: str) -> int:
        return await self._count(
            "count gap groups", "SELECT COUNT(*) FROM gap_groups WHERE status = ?", status
        )

    async def new_gap_group(
        self, kind: str, at: datetime, example: str, terms: frozenset[str], detail: str = ""
    ) -> int:
        stamp = self.dialect.time(at)
        return await self._count(
            "file a gap group",
            "INSERT INTO gap_groups (kind, created_at, last_asked, example, terms, detail)"
            " VALUES (?,?,?,?,?,?) RETURNING id",
            kind,
            stamp,
            stamp,
            example,
            " ".join(sorted(terms)),
            detail,
        )

    async def add_gap_ask(self, group_id: int, ask: GapAsk, normalized: str) -> int:
        """Record one ask in a group (the `gaps` row) and move the group's last-asked time."""
        stamp = self.dialect.time(ask.at)
        ask_id = await self._count(
            "record a gap",
            "INSERT INTO gaps (at, platform, user_id, question, normalized, group_id, channel_id,"
            " reply_to, request_id) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id",
            stamp,
            ask.platform,
            ask.user_id,
            ask.question,
            normalized,
            group_id,
            ask.channel_id,
            ask.reply_to,
            ask.request_id,
        )
        await self._run(
            "record a gap",
            "UPDATE gap_groups SET last_asked = GREATEST(last_asked, ?), example = ? WHERE id = ?",
            stamp,
            ask.question,
            group_id,
        )
        return ask_id

    async def mark_carded(self, group_id: int, at: datetime) -> bool:
        """Claim the one card of an open group: True for the first caller only."""
        return await self._once(
            "card a gap group",
            "UPDATE gap_groups SET carded_at = ? WHERE id = ? AND carded_at IS NULL"
            " AND status = 'open'",
            self.dialect.time(at),
            group_id,
        )

    async def unmark_carded(self, group_id: int) -> None:
        await self._run(
            "uncard a gap group", "UPDATE gap_groups SET carded_at = NULL WHERE id = ?", group_id
        )

    async def close_gap_group(
        self, group_id: int, status: str, at: datetime, by: str, answer: str = ""
    ) -> bool:
        """Close an open group (answered / private / ignored): True for the one caller who did."""
        return await self._once(
            "close a gap group",
            "UPDATE gap_groups SET status = ?, closed_at = ?, closed_by = ?, answer = ?"
            " WHERE id = ? AND status = 'open'",
            status,
            self.dialect.time(at),
            by,
            answer,
            group_id,
        )

    async def reopen_gap_group(self, group_id: int) -> None:
        """Undo a close whose follow-up failed (e.g. the learned file was not writable)."""
        await self._run(
            "reopen a gap group",
            "UPDATE gap_groups SET status = 'open', closed_at = NULL, closed_by = '', answer = ''"
            " WHERE id = ?",
            group_id,
        )

    # --- the owner's daily cards ------------------------------------------------------------

    async def claim_card_slot(self, day: str, limit: int) -> bool:
        """Count one card for `day` if fewer than `limit` were sent: one atomic statement."""
        if limit <= 0:
            return False
        return await self._once(
            "count a card",
            "INSERT INTO owner_card_days (day, count) VALUES (?, 1)"
            " ON CONFLICT (day) DO UPDATE SET count = owner_card_days.count + 1"
            " WHERE owner_card_days.count < ?",
            day,
            limit,
        )

    async def release_card_slot(self, day: str) -> None:
        await self._run(
            "uncount a card",
            "UPDATE owner_card_days SET count = GREATEST(count - 1, 0) WHERE day = ?",
            day,
        )

    async def cards_sent(self, day: str) -> int:
        return await self._count(
            "count cards", "SELECT count FROM owner_card_days WHERE day = ?", day
        )

    # --- replies to askers ------------------------------------------------------------------

    async def pending_replies(
        self, platform: str | None = None, group_id: int | None = None
    ) -> list[PendingReply]:
        """Askers of answered groups not yet sent the owner's words, oldest first."""
        sql = (
            "SELECT a.id, a.group_id, a.platform, a.user_id, a.channel_id, a.reply_to,"
            " a.question, g.answer FROM gaps a JOIN gap_groups g ON g.id = a.group_id"
            " WHERE g.status = 'answered' AND a.replied_at IS NULL AND a.platform <> 'cli'"
        )
        params: list[Any] = []
        if platform is not None:
            sql += " AND a.platform = ?"
            params.append(platform)
        if group_id is not None:
            sql += " AND a.group_id = ?"
            params.append(group_id)
        rows = await self._rows("read pending replies", sql + " ORDER BY a.id", *params)
        return [PendingReply(int(r[0]), int(r[1]), *r[2:]) for r in rows]

    async def claim_reply(self, ask_id: int, at: datetime) -> bool:
        """Mark one asker as being answered: True once, so no one gets the words twice."""
        return await self._once(
            "claim a reply",
            "UPDATE gaps SET replied_at = ? WHERE id = ? AND replied_at IS NULL",
            self.dialect.time(at),
            ask_id,
        )

    # --- sources and messages ---------------------------------------------------------------

    async def record_sources(self, sources: AnswerSources) -> None:
        await self._run(
            "record an answer's sources",
            _RECORD_SOURCES,
            sources.request_id,
            self.dialect.time(sources.at),
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
        row = await self._one(
            "read an answer's sources",
            f"SELECT {_SOURCE_COLUMNS} FROM answer_sources WHERE request_id = ?",
            request_id,
        )
        if row is None:
            return None
        return AnswerSources(
            request_id=row[0],
            at=self.dialect.read_time(row[1]),
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
        rows = await self._rows(
            "read answers' sources",
            "SELECT used FROM answer_sources WHERE at >= ?",
            self.dialect.time(since),
        )
        return {chunk for r in rows for chunk in json.loads(r[0])}

    async def link_answer_message(
        self, platform: str, channel_id: str, message_id: str, request_id: str, at: datetime
    ) -> None:
        """Remember which request a posted message answers (for /twin-why and votes)."""
        await self._run(
            "link an answer's message",
            "INSERT INTO answer_messages (platform, channel_id, message_id, request_id, at)"
            " VALUES (?,?,?,?,?) ON CONFLICT (platform, channel_id, message_id)"
            " DO UPDATE SET request_id = excluded.request_id, at = excluded.at",
            platform,
            channel_id,
            message_id,
            request_id,
            self.dialect.time(at),
        )

    async def request_of_message(
        self, platform: str, channel_id: str, message_id: str | None = None
    ) -> str | None:
        """The request a message answers; without `message_id`, the channel's last answer."""
        sql = "SELECT request_id FROM answer_messages WHERE platform = ? AND channel_id = ?"
        params: list[Any] = [platform, channel_id]
        if message_id is not None:
            sql += " AND message_id = ?"
            params.append(message_id)
        order = self.dialect.row_order
        row = await self._one(
            "read an answer's message", f"{sql} ORDER BY at DESC, {order} DESC LIMIT 1", *params
        )
        return None if row is None else str(row[0])

    # --- votes beside cost ------------------------------------------------------------------

    async def topic_costs(self, since: datetime) -> list[tuple[str, float]]:
        """(topic, cost) of every answer with sources at or after `since` (the topic as in
        `vote_rows`), for cost per topic beside its votes."""
        rows = await self._rows(
            "read answers' costs",
            "SELECT s.facts, s.used, COALESCE(q.cost_usd, 0) FROM answer_sources s"
            " LEFT JOIN questions q ON q.request_id = s.request_id WHERE s.at >= ?",
            self.dialect.time(since),
        )
        return [(_topic(r[0], r[1]), float(r[2])) for r in rows]

    async def vote_rows(self, since: datetime) -> list[tuple[bool, str, str]]:
        """(helpful, model, topic) of every standing vote cast at or after `since`; the topic
        is the heading of the fact retrieval picked first for that answer ("" if none)."""
        rows = await self._rows(
            "read votes",
            "SELECT f.helpful, COALESCE(s.model, q.model, ''), s.facts, s.used FROM feedback f"
            " LEFT JOIN answer_sources s ON s.request_id = f.answer_id"
            " LEFT JOIN questions q ON q.request_id = f.answer_id WHERE f.at >= ?",
            self.dialect.time(since),
        )
        return [(bool(r[0]), str(r[1] or ""), _topic(r[2], r[3])) for r in rows]


def _topic(facts: str | None, used: str | None) -> str:
    """The heading of the fact retrieval picked first ("" when none)."""
    titles = dict(json.loads(facts)) if facts else {}
    picked = json.loads(used) if used else []
    return str(titles.get(picked[0], "")) if picked else ""
