"""`twin db status`: which backend the twin uses, where it points, its schema and row counts.

Reads only: a SQLite file that does not exist is not created, a PostgreSQL database is neither
migrated nor written. Where it points is shown without the password.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import aiosqlite

from core.config import StorageConfig
from core.store import pg_schema
from core.store.dialect import POSTGRES, SQLITE
from core.store.records import StoreError
from core.store.schema import SCHEMA_VERSION, TABLE_NAMES, read_version
from core.store.urls import DatabaseUrl, DatabaseUrlError, database_url_from_env


@dataclass(frozen=True)
class DbStatus:
    """What `twin db status` shows."""

    backend: str  # "sqlite" | "postgresql"
    where: str  # the file path, or the URL with its password replaced by ***
    schema_version: int  # 0: no schema yet (created on the first start)
    known_version: int  # the newest this twin knows
    counts: tuple[tuple[str, int], ...]  # rows per table
    exists: bool = True
    size_bytes: int | None = None  # the SQLite file (WAL not included)
    server: str = ""  # PostgreSQL server version

    @property
    def state(self) -> str:
        if not self.exists or self.schema_version == 0:
            return "empty: the schema is created on the first start"
        if self.schema_version > self.known_version:
            return "newer than this twin: upgrade twin before using it"
        if self.schema_version < self.known_version:
            return "older: migrated on the next start"
        return "current"


async def db_status(storage: StorageConfig, env: Mapping[str, str]) -> DbStatus:
    """The status of the store the config and environment select. StoreError when the database
    cannot be reached (the message names host and database, never the password)."""
    try:
        url = database_url_from_env(env)
    except DatabaseUrlError as exc:
        raise StoreError(str(exc)) from None
    if url is not None:
        return await postgres_status(url)
    return await sqlite_status(storage.path)


async def sqlite_status(path: Path) -> DbStatus:
    known = SCHEMA_VERSION
    where = str(await asyncio.to_thread(path.absolute))
    if not await asyncio.to_thread(path.exists):
        return DbStatus("sqlite", where, 0, known, (), exists=False)
    try:
        async with aiosqlite.connect(f"file:{path}?mode=ro", uri=True) as db:
            names = {r[0] for r in await db.execute_fetchall("SELECT name FROM sqlite_master")}
            version = await read_version(db.execute_fetchall, SQLITE)
            counts = []
            for table in TABLE_NAMES:
                if table in names:
                    rows = list(await db.execute_fetchall(f"SELECT COUNT(*) FROM {table}"))
                    counts.append((table, int(rows[0][0])))
    except (sqlite3.Error, OSError) as exc:
        raise StoreError(f"the database {path} cannot be read ({exc})") from None
    size = (await asyncio.to_thread(path.stat)).st_size
    return DbStatus("sqlite", where, version, known, tuple(counts), size_bytes=size)


async def postgres_status(url: DatabaseUrl) -> DbStatus:
    pool = await pg_schema.create_pool(url, max_size=1)
    try:
        async with pool.acquire() as conn:
            version = await read_version(conn.fetch, POSTGRES)
            server = str(await conn.fetchval("SHOW server_version"))
            counts = []
            for table in TABLE_NAMES:
                if await conn.fetchval("SELECT to_regclass($1)", table) is not None:
                    counts.append(
                        (table, int(await conn.fetchval(f"SELECT COUNT(*) FROM {table}")))
                    )
    finally:
        await pool.close()
    return DbStatus(
        "postgresql",
        url.redacted(),
        version,
        SCHEMA_VERSION,
        tuple(counts),
        server=server,
    )
