"""`twin db copy --to postgresql://...`: move a SQLite twin's history to PostgreSQL.

Both backends hold the same tables (`core.store.schema`), so the copy is table-generic: every
table that is not a lease of a running process (open reservations, rate and minute windows,
process presence: they last a minute or two; stop the twin before copying) is copied whole,
its times and flags converted by the column types the schema declares, row ids kept (so order
is kept) and id sequences moved past them. The source is first brought to the current schema,
as on start. The target must be empty of history; everything is written in one transaction, so
a failed copy leaves nothing.
"""

from __future__ import annotations

import asyncio
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiosqlite
import asyncpg

from core.store.dialect import parse_ts
from core.store.pg_schema import Conn, create_pool, describe, server_reason
from core.store.postgres import PostgresStore
from core.store.records import StoreError
from core.store.schema import TABLES, Table
from core.store.sqlite import SqliteStore
from core.store.urls import DatabaseUrl

COPIED = tuple(t for t in TABLES if not t.ephemeral)
REPLACED = ("health",)  # not history: what the target had is replaced


@dataclass(frozen=True)
class CopyReport:
    """Rows copied per table, and where to."""

    target: str  # the server, without the password
    rows: tuple[tuple[str, int], ...]


def _convert(table: Table, names: tuple[str, ...], row: tuple[Any, ...]) -> tuple[Any, ...]:
    kinds = dict(table.columns())
    out = []
    for name, value in zip(names, row, strict=True):
        if value is not None and kinds[name] == "time":
            value = parse_ts(value)
        elif value is not None and kinds[name] == "bool":
            value = bool(value)
        out.append(value)
    return tuple(out)


async def _read(path: Path) -> dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]]:
    """Each copied table's columns and rows, converted for PostgreSQL."""
    out = {}
    async with aiosqlite.connect(f"file:{path}?mode=ro", uri=True) as db:
        for table in COPIED:
            names = tuple(name for name, _ in table.columns())
            rows = await db.execute_fetchall(f"SELECT {', '.join(names)} FROM {table.name}")
            out[table.name] = (names, [_convert(table, names, tuple(r)) for r in rows])
    return out


async def _refuse_history(conn: Conn, where: str) -> None:
    held = [
        (t.name, int(await conn.fetchval(f"SELECT COUNT(*) FROM {t.name}")))
        for t in COPIED
        if t.name not in REPLACED
    ]
    busy = [f"{name} {n}" for name, n in held if n]
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
        tables = await _read(source)
    except (sqlite3.Error, OSError) as exc:
        raise StoreError(f"the database {source} cannot be read ({exc})") from None
    await (await PostgresStore.open(target)).close()  # migrated, as on start
    pool = await create_pool(target, max_size=1)
    where = describe(target)
    counts: list[tuple[str, int]] = []
    try:
        async with pool.acquire() as conn, conn.transaction():
            await _refuse_history(conn, where)
            # the usage rows' spend is copied whole (`spend`): not booked again by the trigger
            await conn.execute("ALTER TABLE usage DISABLE TRIGGER usage_books")
            for table in COPIED:
                names, rows = tables[table.name]
                if table.name in REPLACED:
                    await conn.execute(f"DELETE FROM {table.name}")
                if rows:
                    await conn.copy_records_to_table(table.name, records=rows, columns=names)
                if names[0] == "id":  # a BIGSERIAL id: its sequence follows the copied ids
                    await conn.execute(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'),"
                        f" COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                    )
                counts.append((table.name, len(rows)))
            await conn.execute("ALTER TABLE usage ENABLE TRIGGER usage_books")
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
