"""`twin db copy --to postgresql://...`: move a SQLite twin's history to PostgreSQL.

Copies usage (with the day and month spend it booked), questions, conversation turns, gaps, the
answer cache, claimed keys (event dedupe, alerts sent) and model health, keeping row ids so that
order is kept. Open reservations and rate-window hits are not copied: they are leases of the
running process and last a minute or two (stop the twin before copying). The target must be
empty of history; everything is written in one transaction, so a failed copy leaves nothing.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Sequence
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
from core.store.sqlite_rows import opt_parse, parse_ts
from core.store.urls import DatabaseUrl

Convert = Callable[[tuple[Any, ...]], tuple[Any, ...]]


def _when(*columns: int) -> Convert:
    """Row converter: the listed columns from SQLite text timestamps to datetimes."""

    def convert(row: tuple[Any, ...]) -> tuple[Any, ...]:
        out = list(row)
        for i in columns:
            out[i] = opt_parse(out[i])
        return tuple(out)

    return convert


def _usage(row: tuple[Any, ...]) -> tuple[Any, ...]:
    out = list(row)
    out[1] = parse_ts(out[1])
    out[12] = bool(out[12])
    return tuple(out)


def _health(row: tuple[Any, ...]) -> tuple[Any, ...]:
    out = list(_when(1, 4, 7, 10)(row))
    out[5] = bool(out[5])
    return tuple(out)


_USAGE = (
    "id, at, request_id, platform, user_id, channel_id, model, prompt_tokens,"
    " completion_tokens, cost_usd, latency_ms, outcome, estimated, reservation"
)
_HEALTH = (
    "model, updated_at, writer, breaker, breaker_until, in_rotation, last_error, last_error_at,"
    " remaining_requests, remaining_tokens, limits_at"
)

# (SQLite table, PostgreSQL table, columns, row converter, has a bigserial id)
_PLAN: tuple[tuple[str, str, str, Convert, bool], ...] = (
    ("usage", "usage", _USAGE, _usage, True),
    (
        "questions",
        "questions",
        "id, at, request_id, platform, user_id, channel_id, outcome, model, tokens, cost_usd,"
        " saved_usd, latency_ms",
        _when(1),
        True,
    ),
    ("turns", "turns", "id, conversation, at, role, text", _when(2), True),
    ("gaps", "gaps", "id, at, platform, user_id, question, normalized", _when(1), True),
    (
        "cache",
        "cache",
        "key, fingerprint, answer, model, tokens, cost_usd, created_at",
        _when(6),
        False,
    ),
    ("seen", "seen", "key, at", _when(1), False),
    ("model_health", "health", _HEALTH, _health, False),
)
HISTORY_TABLES = ("usage", "questions", "turns", "gaps", "cache", "seen", "health")


@dataclass(frozen=True)
class CopyReport:
    """Rows copied per PostgreSQL table, and where to."""

    target: str  # the server, without the password
    rows: tuple[tuple[str, int], ...]


async def _read(path: Path, sql: str) -> list[tuple[Any, ...]]:
    async with aiosqlite.connect(f"file:{path}?mode=ro", uri=True) as db:
        return [tuple(r) for r in await db.execute_fetchall(sql)]


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
        tables = {t: await _read(source, f"SELECT {c} FROM {t}") for t, _, c, _, _ in _PLAN}
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
            for src, dst, columns, convert, serial in _PLAN:
                rows = [convert(r) for r in tables[src]]
                names = [c.strip() for c in columns.split(",")]
                if dst == "health":
                    await conn.execute("DELETE FROM health")  # health is not history: replace
                await conn.copy_records_to_table(dst, records=rows, columns=names)
                if serial:
                    await conn.execute(
                        f"SELECT setval(pg_get_serial_sequence('{dst}', 'id'),"
                        f" COALESCE((SELECT MAX(id) FROM {dst}), 0) + 1, false)"
                    )
                counts.append((dst, len(rows)))
            for table, rows in (("spend_day", days), ("spend_month", months)):
                await conn.execute(f"DELETE FROM {table}")
                period = "day" if table == "spend_day" else "month"
                await conn.copy_records_to_table(
                    table, records=rows, columns=[period, "tokens", "usd"]
                )
                counts.append((table, len(rows)))
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
