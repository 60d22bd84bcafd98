"""Open the configured store: the one place that picks a backend."""

from __future__ import annotations

from collections.abc import Mapping

from core.config import StorageConfig
from core.store.base import Store


async def open_store(storage: StorageConfig, env: Mapping[str, str]) -> Store:
    """The SQLite file of `[storage] path` (PostgreSQL via TWIN_DATABASE_URL comes with #15).
    Raises `StoreError` naming the file and the cause."""
    from core.store.sqlite import SqliteStore

    return await SqliteStore.open(
        storage.path, busy_timeout_s=storage.busy_timeout_s, max_size_mb=storage.max_size_mb
    )
