"""The `store` fixture: every test in tests/store/ that uses it is backend-neutral.

It yields a fresh, empty store. Backends are listed in STORE_BACKENDS; the PostgreSQL helper
adds its own (the fixture is parametrized over them)."""

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

from core.store.base import Store
from core.store.sqlite import SqliteStore


async def _sqlite(tmp_path: Path) -> Store:
    return await SqliteStore.open(tmp_path / "store.db")


STORE_BACKENDS: dict[str, Callable[[Path], Awaitable[Store]]] = {"sqlite": _sqlite}


@pytest.fixture(params=sorted(STORE_BACKENDS))
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store]:
    opened = await STORE_BACKENDS[request.param](tmp_path)
    try:
        yield opened
    finally:
        await opened.close()
