"""Opening a SQLite store safely: path checks, plain causes for every failure, and migrations
that hold when several processes start at once.

Order matters: the schema version is read (a plain read, no write) before the file is switched
to WAL, so a database written by a newer twin is left byte for byte as it was. Migrations run in
one `BEGIN IMMEDIATE` transaction that re-reads the version inside it, so a second process
starting at the same moment waits for the first (busy timeout) and then finds nothing to do.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import aiosqlite

from core.store import schema
from core.store.dialect import SQLITE
from core.store.records import StoreError
from core.store.sqlite_schema import upgrade

SQLITE_MAGIC = b"SQLite format 3\x00"
PAGE_SIZE = 4096


def cause_of(error: BaseException, busy_timeout_s: float) -> str:
    """A plain sentence for a SQLite (or OS) failure: what an operator can act on."""
    text = str(error)
    low = text.lower()
    if "locked" in low or "busy" in low:
        return f"is locked by another program (still busy after {busy_timeout_s:g} s)"
    if "disk is full" in low or "database or disk is full" in low:
        return "cannot be written: the disk is full (or [storage] max_size_mb is reached)"
    if "readonly" in low or "read-only" in low:
        return "is read-only (check the file's and its directory's permissions)"
    if "not a database" in low:
        return "is not a SQLite database"
    if "malformed" in low:
        return "is damaged (database disk image is malformed)"
    if "unable to open" in low:
        return "cannot be opened (unable to open database file)"
    if "disk i/o" in low:
        return "cannot be read or written (disk I/O error)"
    if isinstance(error, OSError) and error.strerror:
        return f"cannot be used ({error.strerror})"
    return f"cannot be used ({text})"


def check_path(path: Path) -> None:
    """Refuse a path that can never hold the database, before SQLite touches anything."""
    if path.is_dir():
        raise StoreError(f"the database path {path} is a directory; set [storage] path to a file")
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise StoreError(
                    f"the database path {path} is under {parent}, which is a file, not a directory"
                )
            break
    directory = path.parent
    if not directory.exists():
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"the directory of the database {path} does not exist and cannot be created "
                f"({exc.strerror or exc})"
            ) from None
    if path.exists():
        try:
            with path.open("rb") as handle:
                head = handle.read(len(SQLITE_MAGIC))
        except OSError as exc:
            raise StoreError(
                f"the database {path} cannot be read ({exc.strerror or exc})"
            ) from None
        if head and head != SQLITE_MAGIC:
            raise StoreError(f"the database {path} is not a SQLite database")
        if not os.access(path, os.W_OK):
            raise StoreError(f"the database {path} is read-only (check its permissions)")
    if not os.access(directory, os.W_OK | os.X_OK):
        raise StoreError(
            f"the directory {directory} of the database {path} is read-only; SQLite needs to "
            "create its -wal and -shm files there"
        )


async def prepare(
    db: aiosqlite.Connection, path: Path, busy_timeout_s: float, max_size_mb: float
) -> None:
    """Check the version, switch to WAL, migrate. Raises StoreError naming `path` and the cause."""
    try:
        await _pragma(db, f"busy_timeout={int(busy_timeout_s * 1000)}")
        version = await schema.read_version(db.execute_fetchall, SQLITE)
        schema.refuse_newer(version, f"the database {path}", "[storage] path at another file")
        if max_size_mb > 0:
            await _pragma(db, f"max_page_count={max(1, int(max_size_mb * 1e6 / PAGE_SIZE))}")
        await _pragma(db, "journal_mode=WAL")
        await _pragma(db, "synchronous=NORMAL")
        if version < schema.SCHEMA_VERSION:
            await _migrate(db)
    except StoreError:
        raise
    except sqlite3.Error as exc:
        raise StoreError(f"the database {path} {cause_of(exc, busy_timeout_s)}") from None


async def _pragma(db: aiosqlite.Connection, text: str) -> None:
    """Run a PRAGMA and read its answer: a statement left unread keeps a read transaction open
    (and WAL mode cannot be entered inside one)."""
    await db.execute_fetchall(f"PRAGMA {text}")


async def _migrate(db: aiosqlite.Connection) -> None:
    """`schema.migrate` in one immediate transaction (the write lock, taken before it reads)."""

    async def run(sql: str, *params: Any) -> None:
        await db.execute(sql, params)

    await db.execute("BEGIN IMMEDIATE")
    try:
        await schema.migrate(db.execute_fetchall, run, SQLITE, upgrade)
        await db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            await db.execute("ROLLBACK")
        raise
