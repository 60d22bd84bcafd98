"""The `store` fixture: every test in tests/store/ that uses it is backend-neutral.

It yields a fresh, empty store. Backends are listed in STORE_BACKENDS; the fixture is
parametrized over them. PostgreSQL is a real server (tests/pg.py): a fresh database per test,
skipped with the reason when no server can be had."""

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

from core.store.base import Store
from core.store.postgres import PostgresStore
from core.store.sqlite import SqliteStore
from core.store.urls import parse_database_url
from tests.pg import PgTarget


async def _sqlite(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    return await SqliteStore.open(tmp_path / "store.db")


async def _postgres(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    target: PgTarget = request.getfixturevalue("pg_target")
    return await PostgresStore.open(parse_database_url(await target.new_schema()))


STORE_BACKENDS: dict[str, Callable[[pytest.FixtureRequest, Path], Awaitable[Store]]] = {
    "sqlite": _sqlite,
    "postgres": _postgres,
}


@pytest.fixture(params=sorted(STORE_BACKENDS))
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store]:
    opened = await STORE_BACKENDS[request.param](request, tmp_path)
    try:
        yield opened
    finally:
        await opened.close()
