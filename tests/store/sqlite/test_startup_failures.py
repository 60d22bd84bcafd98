"""Every start-up storage failure, through the real `twin` command: a message naming the file
and the cause, exit 2, no traceback; a newer database is left byte for byte as it was."""

from __future__ import annotations

import asyncio
import hashlib
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.store.schema import SCHEMA_VERSION
from core.store.sqlite import SqliteStore
from tests.cli.test_cli import base_env, run_twin
from tests.conftest import write_config


def _config(tmp_path: Path, db: Path, storage: str = "") -> Path:
    return write_config(
        tmp_path, f'[storage]\npath = "{db.as_posix()}"\nbusy_timeout_s = 0.2\n{storage}'
    )


async def _health(tmp_path: Path, db: Path, storage: str = "") -> tuple[int, str]:
    code, _, err = await run_twin(
        "health", "--config", str(_config(tmp_path, db, storage)), env=base_env(None)
    )
    assert "Traceback" not in err and "unexpected error" not in err
    return code, err


@pytest.fixture
def immutable() -> Iterator[list[Path]]:
    """Paths made immutable with chattr +i (root ignores permission bits); undone afterwards."""
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not available")
    made: list[Path] = []
    yield made
    for path in made:
        subprocess.run(["chattr", "-i", str(path)], check=False)


def _chattr(path: Path, made: list[Path]) -> None:
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"chattr +i does not work here: {done.stderr.decode().strip()}")
    made.append(path)


async def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    db = tmp_path / "twin.db"
    db.write_text("these are my notes, not a database\n")
    code, err = await _health(tmp_path, db)
    assert code == 2 and f"the database {db} is not a SQLite database" in err


async def test_a_path_that_is_a_directory(tmp_path: Path) -> None:
    db = tmp_path / "twin.db"
    db.mkdir()
    code, err = await _health(tmp_path, db)
    assert code == 2 and f"the database path {db} is a directory" in err


async def test_a_path_under_a_file(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("a file, not a folder")
    db = tmp_path / "data" / "twin.db"
    code, err = await _health(tmp_path, db)
    assert code == 2 and f"is under {tmp_path / 'data'}, which is a file" in err


async def test_a_directory_that_cannot_be_created(tmp_path: Path) -> None:
    db = Path("/proc/twin-no-such-dir/twin.db")  # nobody, not even root, can create it
    code, err = await _health(tmp_path, db)
    assert code == 2 and f"the directory of the database {db} does not exist and cannot" in err


async def test_a_read_only_database_file(tmp_path: Path, immutable: list[Path]) -> None:
    db = tmp_path / "twin.db"
    store = await SqliteStore.open(db)
    await store.close()
    _chattr(db, immutable)
    code, err = await _health(tmp_path, db)
    assert code == 2 and f"the database {db} is read-only" in err


async def test_a_read_only_directory(tmp_path: Path, immutable: list[Path]) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    db = folder / "twin.db"
    _chattr(folder, immutable)
    code, err = await _health(tmp_path, db)
    assert code == 2 and f"the directory {folder} of the database {db} is read-only" in err


async def test_a_full_disk(tmp_path: Path) -> None:
    db = tmp_path / "twin.db"
    code, err = await _health(tmp_path, db, "max_size_mb = 0.004\n")  # one page: no room
    assert code == 2 and f"the database {db} cannot be written: the disk is full" in err


async def test_a_database_locked_by_another_program(tmp_path: Path) -> None:
    db = tmp_path / "twin.db"
    holder = sqlite3.connect(db, isolation_level=None)
    try:
        holder.execute("CREATE TABLE notes (x)")
        holder.execute("BEGIN EXCLUSIVE")
        code, err = await _health(tmp_path, db)
    finally:
        holder.close()
    assert code == 2 and f"the database {db} is locked by another program" in err


async def test_a_newer_schema_is_refused_and_the_file_left_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "twin.db"
    store = await SqliteStore.open(db)
    await store.close()
    with sqlite3.connect(db) as raw:
        raw.execute("PRAGMA journal_mode=DELETE")  # as an older tool might leave it
        raw.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    raw.close()
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    code, err = await _health(tmp_path, db)
    assert code == 2 and f"the database {db} has schema version 99" in err
    assert "left unchanged" in err
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert not (tmp_path / "twin.db-wal").exists()


async def test_several_processes_creating_a_new_database_at_once_all_start(
    tmp_path: Path,
) -> None:
    db = tmp_path / "new" / "twin.db"
    config = write_config(tmp_path, f'[storage]\npath = "{db.as_posix()}"\n')
    results = await asyncio.gather(
        *(run_twin("usage", "--config", str(config), env=base_env(None)) for _ in range(4))
    )
    for code, _, err in results:
        assert code == 0, err
    store = await SqliteStore.open(db)
    try:
        assert await store.schema_version() == SCHEMA_VERSION
        assert (await store.fetch("PRAGMA integrity_check"))[0][0] == "ok"
    finally:
        await store.close()
