"""Open the configured store: the one place that picks a backend."""

from __future__ import annotations

from collections.abc import Mapping

from core.config import StorageConfig
from core.store.base import Store
from core.store.records import StoreError
from core.store.urls import DatabaseUrlError, database_url_from_env


async def open_store(storage: StorageConfig, env: Mapping[str, str]) -> Store:
    """PostgreSQL when `TWIN_DATABASE_URL` is set, else the SQLite file of `[storage] path`.
    Raises `StoreError` naming the file (or host and database, never the password) and the
    cause."""
    try:
        url = database_url_from_env(env)
    except DatabaseUrlError as exc:
        raise StoreError(str(exc)) from None
    if url is not None:
        from core.store.postgres import PostgresStore

        return await PostgresStore.open(url)
    from core.store.sqlite import SqliteStore

    return await SqliteStore.open(
        storage.path, busy_timeout_s=storage.busy_timeout_s, max_size_mb=storage.max_size_mb
    )
