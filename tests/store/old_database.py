"""A SQLite database as an older twin left it, for the migration tests."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import aiosqlite

from tests.store.old_sqlite_schema import MIGRATIONS, statements


async def old_database(path: Path, version: int, rows: Iterable[str] = ()) -> None:
    """Migrations 1 to `version` applied, `schema_version` set to it, and the `rows` (INSERT
    statements) written: what twin `version` would have left at `path`."""
    async with aiosqlite.connect(path) as db:
        await db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        for step in range(1, version + 1):
            if step == 8:  # as version 8 did: the columns older twins added on open
                await _members_columns(db)
            for sql in statements(MIGRATIONS[step]):
                await db.execute(sql)
        for sql in rows:
            await db.execute(sql)
        await db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(version),))
        await db.commit()


async def _members_columns(db: aiosqlite.Connection) -> None:
    """`turns.platform` and `turns.user_id`, which twins before version 8 added on open."""
    columns = {row[1] for row in await db.execute_fetchall("PRAGMA table_info(turns)")}
    for column in ("platform", "user_id"):
        if column not in columns:
            await db.execute(f"ALTER TABLE turns ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")
