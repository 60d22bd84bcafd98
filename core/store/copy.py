"""`twin db copy --to postgresql://...`: move a SQLite twin's history to PostgreSQL.

Copies usage (with the day and month spend it booked), questions, conversation turns, gaps, the
answer cache, claimed keys (event dedupe, alerts sent), model health, members' votes, the alerts
history and the owner's gap decisions (the tables the file has), keeping row ids so that order
is kept. Open reservations and rate-window counts are not copied: they are leases of the
running process and last a minute or two (stop the twin before copying). The target must be
empty of history; everything is written in one transaction, so a failed copy leaves nothing.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import aiosqlite
import asyncpg

from core.store.pg_schema import Conn, create_pool, describe, server_reason
from core.store.postgres import PostgresStore
from core.store.records import StoreError
from core.store.sqlite import SqliteStore
from core.store.sqlite_rows import opt_parse
from core.store.urls import DatabaseUrl


@dataclass(frozen=True)
class _Table:
    """One table to copy: its columns (PostgreSQL order), which hold times or booleans."""

    source: str
    target: str
    columns: tuple[str, ...]
    times: frozenset[str] = frozenset({"at"})
    flags: frozenset[str] = frozenset()
    serial: bool = True  # a BIGSERIAL id whose sequence must follow the copied ids

    def convert(self, names: Sequence[str], row: Sequence[Any]) -> tuple[Any, ...]:
        out = []
        for name, value in zip(names, row, strict=True):
            if name in self.times:
                value = opt_parse(value)
            elif name in self.flags:
                value = None if value is None else bool(value)
            out.append(value)
        return tuple(out)


def _cols(text: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in text.split(","))


_PLAN = (
    _Table(
        "usage",
        "usage",
        _cols(
            "id, at, request_id, platform, user_id, channel_id, model, prompt_tokens,"
            " completion_tokens, cost_usd, latency_ms, outcome, estimated, reservation,"
            " cached_input_tokens, reasoning_tokens"
        ),
        flags=frozenset({"estimated"}),
    ),
    _Table(
        "questions",
        "questions",
        _cols(
            "id, at, request_id, platform, user_id, channel_id, outcome, model, tokens,"
            " cost_usd, saved_usd, latency_ms, question, answer"
        ),
    ),
    _Table("turns", "turns", _cols("id, conversation, at, role, text, platform, user_id")),
    _Table(
        "gaps",
        "gaps",
        _cols(
            "id, at, platform, user_id, question, normalized, group_id, channel_id, reply_to,"
            " request_id, replied_at"
        ),
        times=frozenset({"at", "replied_at"}),
    ),
    _Table(
        "gap_groups",
        "gap_groups",
        _cols(
            "id, kind, created_at, last_asked, example, terms, detail, status, carded_at,"
            " closed_at, closed_by, answer"
        ),
        times=frozenset({"created_at", "last_asked", "carded_at", "closed_at"}),
    ),
    _Table("owner_card_days", "owner_card_days", ("day", "count"), times=frozenset(), serial=False),
    _Table(
        "answer_sources",
        "answer_sources",
        _cols(
            "request_id, at, platform, channel_id, conversation, model, facts, used, user_id,"
            " reply_to"
        ),
        serial=False,
    ),
    _Table(
        "answer_messages",
        "answer_messages",
        _cols("platform, channel_id, message_id, request_id, at"),
        serial=False,
    ),
    _Table(
        "cache",
        "cache",
        _cols("key, fingerprint, answer, model, tokens, cost_usd, created_at"),
        times=frozenset({"created_at"}),
        serial=False,
    ),
    _Table("seen", "seen", ("key", "at"), serial=False),
    _Table(
        "model_health",
        "health",
        _cols(
            "model, updated_at, writer, breaker, breaker_until, in_rotation, last_error,"
            " last_error_at, remaining_requests, remaining_tokens, limits_at"
        ),
        times=frozenset({"updated_at", "breaker_until", "last_error_at", "limits_at"}),
        flags=frozenset({"in_rotation"}),
        serial=False,
    ),
    _Table(
        "feedback",
        "feedback",
        _cols("platform, answer_id, user_id, helpful, at"),
        flags=frozenset({"helpful"}),
        serial=False,
    ),
    _Table("alerts", "alerts", _cols("id, at, kind, key, severity, title, text, action")),
    _Table("gap_status", "gap_status", ("normalized", "status", "at"), serial=False),
)
HISTORY_TABLES = ("usage", "questions", "turns", "gaps", "cache", "seen", "feedback", "alerts",
                  "gap_groups", "answer_sources")  # fmt: skip


@dataclass(frozen=True)
class CopyReport:
    """Rows copied per PostgreSQL table, and where to."""

    target: str  # the server, without the password
    rows: tuple[tuple[str, int], ...]


async def _read(path: Path, sql: str) -> list[tuple[Any, ...]]:
    async with aiosqlite.connect(f"file:{path}?mode=ro", uri=True) as db:
        return [tuple(r) for r in await db.execute_fetchall(sql)]


async def _read_table(path: Path, table: _Table) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    """The columns of `table` that the SQLite file has (none if it lacks the table) and its
    rows, converted for PostgreSQL."""
    present = {str(r[1]) for r in await _read(path, f"PRAGMA table_info({table.source})")}
    names = tuple(c for c in table.columns if c in present)
    if not names:
        return (), []
    rows = await _read(path, f"SELECT {', '.join(names)} FROM {table.source}")
    return names, [table.convert(names, r) for r in rows]


def _spend(rows: Sequence[tuple[Any, ...]]) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """SQLite's `spend` periods ('d:2026-11-25', 'm:2026-11') as PostgreSQL day/month rows."""
    days, months = [], []
    for period, tokens, usd in rows:
        kind, _, when = str(period).partition(":")
        if kind == "d":
            days.append((date.fromisoformat(when), int(tokens), float(usd)))
        elif kind == "m":
            months.append((date.fromisoformat(f"{when}-01"), int(tokens), float(usd)))
    return days, months


async def _refuse_history(conn: Conn, where: str) -> None:
    held = [(t, int(await conn.fetchval(f"SELECT COUNT(*) FROM {t}"))) for t in HISTORY_TABLES]
    busy = [f"{t} {n}" for t, n in held if n]
    if busy:
        raise StoreError(
            f"{where} already holds history ({', '.join(busy)} rows); copy only into an empty "
            "database, so that nothing is counted twice"
        )


async def copy_sqlite_to_postgres(source: Path, target: DatabaseUrl) -> CopyReport:
    """Copy the history of the SQLite file `source` into `target` (migrated first). Raises
    StoreError naming the file or the server (never the password)."""
    if not await asyncio.to_thread(source.exists):
        raise StoreError(f"there is no SQLite database at {source} to copy")
    await (await SqliteStore.open(source)).close()  # brought to the current schema, as on start
    try:
        tables = {t.target: await _read_table(source, t) for t in _PLAN}
        spend = await _read(source, "SELECT period, tokens, usd FROM spend")
    except (sqlite3.Error, OSError) as exc:
        raise StoreError(f"the database {source} cannot be read ({exc})") from None
    days, months = _spend(spend)
    await (await PostgresStore.open(target)).close()  # migrated, as on start
    pool = await create_pool(target, max_size=1)
    where = describe(target)
    counts: list[tuple[str, int]] = []
    try:
        async with pool.acquire() as conn, conn.transaction():
            await _refuse_history(conn, where)
            for table in _PLAN:
                dst = table.target
                names, rows = tables[dst]
                if dst in ("health", "gap_status"):  # not history: replaced
                    await conn.execute(f"DELETE FROM {dst}")
                if rows:
                    await conn.copy_records_to_table(dst, records=rows, columns=list(names))
                if table.serial:
                    await conn.execute(
                        f"SELECT setval(pg_get_serial_sequence('{dst}', 'id'),"
                        f" COALESCE((SELECT MAX(id) FROM {dst}), 0) + 1, false)"
                    )
                counts.append((dst, len(rows)))
            for name, period, rows in (
                ("spend_day", "day", days),
                ("spend_month", "month", months),
            ):
                await conn.execute(f"DELETE FROM {name}")
                await conn.copy_records_to_table(
                    name, records=rows, columns=[period, "tokens", "usd"]
                )
                counts.append((name, len(rows)))
    except StoreError:
        raise
    except asyncpg.PostgresError as exc:
        reason = server_reason(exc)
        raise StoreError(f"copy to {where} failed, nothing was written ({reason})") from None
    except (OSError, asyncpg.InterfaceError) as exc:
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        raise StoreError(f"copy to {where} failed, nothing was written ({reason})") from None
    finally:
        await pool.close()
    return CopyReport(where, tuple(counts))
