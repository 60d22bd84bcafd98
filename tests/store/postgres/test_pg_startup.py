"""PostgreSQL at start-up: refusals named by host and database (never the password), concurrent
migrations, a newer schema left untouched; all against a real server."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from urllib.parse import urlsplit

import asyncpg
import pytest

from core.config import StorageConfig
from core.store.opening import open_store
from core.store.postgres import PostgresStore
from core.store.records import StoreError
from core.store.schema import SCHEMA_VERSION
from core.store.schema import TABLE_NAMES as TABLES
from core.store.urls import parse_database_url
from tests.pg import PASSWORD, PgTarget, free_port

WRONG = "not-the-password-xyz"


def _with(url: str, *, password: str | None = None, database: str | None = None) -> str:
    parsed = parse_database_url(url)
    user = parsed.user
    pw = urlsplit(url).password if password is None else password
    db = parsed.database if database is None else database
    return f"postgresql://{user}:{pw}@{parsed.host}:{parsed.port}/{db}"


async def _refusal(url: str) -> str:
    with pytest.raises(StoreError) as raised:
        await open_store(StorageConfig(), {"TWIN_DATABASE_URL": url})
    return str(raised.value)


async def test_a_wrong_password_names_host_database_and_user_but_not_the_password(
    pg_url: str,
) -> None:
    url = parse_database_url(pg_url)
    message = await _refusal(_with(pg_url, password=WRONG))
    assert f"{url.host}:{url.port}" in message and url.database in message
    assert "refused the password" in message and "TWIN_DATABASE_URL" in message
    assert WRONG not in message and PASSWORD not in message


async def test_a_missing_database_says_so_and_how_to_create_it(pg_url: str) -> None:
    url = parse_database_url(pg_url)
    message = await _refusal(_with(pg_url, database="no_such_twin_db"))
    assert "'no_such_twin_db'" in message and f"{url.host}:{url.port}" in message
    assert "does not exist" in message and "createdb no_such_twin_db" in message
    assert PASSWORD not in message


async def test_an_unreachable_server_names_where_it_looked() -> None:
    port = free_port()  # nothing listens there
    message = await _refusal(f"postgresql://twin:{WRONG}@127.0.0.1:{port}/twin")
    assert f"127.0.0.1:{port}" in message and "'twin'" in message
    assert "cannot connect" in message and WRONG not in message


async def test_a_url_of_another_database_kind_is_refused() -> None:
    message = await _refusal(f"mysql://twin:{WRONG}@127.0.0.1/twin")
    assert "postgresql://" in message and WRONG not in message


async def test_several_instances_starting_at_once_migrate_once(pg_url: str) -> None:
    url = parse_database_url(pg_url)
    stores = await asyncio.gather(*(PostgresStore.open(url, max_connections=2) for _ in range(6)))
    try:
        assert {await s.schema_version() for s in stores} == {SCHEMA_VERSION}
        conn = await asyncpg.connect(pg_url)
        try:
            tables = {
                r[0]
                for r in await conn.fetch(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                )
            }
            assert await conn.fetchval("SELECT COUNT(*) FROM meta") == 1
        finally:
            await conn.close()
        assert tables == {*TABLES, "meta"}
    finally:
        for store in stores:
            await store.close()


async def _snapshot(pg_url: str) -> tuple[object, ...]:
    conn = await asyncpg.connect(pg_url)
    try:
        tables = sorted(
            r[0]
            for r in await conn.fetch("SELECT tablename FROM pg_tables WHERE schemaname='public'")
        )
        meta = sorted(tuple(r) for r in await conn.fetch("SELECT key, value FROM meta"))
        counts = [await conn.fetchval(f'SELECT COUNT(*) FROM "{t}"') for t in tables]
        return (tables, meta, counts)
    finally:
        await conn.close()


async def test_a_newer_schema_is_refused_and_nothing_is_changed(pg_url: str) -> None:
    store = await PostgresStore.open(parse_database_url(pg_url))
    await store.claim("event:E1", datetime.now(UTC))
    await store.close()
    conn = await asyncpg.connect(pg_url)
    await conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    await conn.close()
    before = await _snapshot(pg_url)
    message = await _refusal(pg_url)
    assert "schema version 99" in message and f"up to {SCHEMA_VERSION}" in message
    assert "Nothing was changed" in message and PASSWORD not in message
    assert await _snapshot(pg_url) == before


async def test_the_store_names_its_server_without_the_password(pg_target: PgTarget) -> None:
    url = await pg_target.new_database()
    store = await open_store(StorageConfig(), {"TWIN_DATABASE_URL": url})
    try:
        assert isinstance(store, PostgresStore)
        assert "PostgreSQL database" in store.location and PASSWORD not in store.location
    finally:
        await store.close()


async def test_a_user_without_the_right_to_create_tables_is_told_what_to_grant(
    pg_url: str,
) -> None:
    conn = await asyncpg.connect(pg_url)
    try:
        try:
            await conn.execute("DROP ROLE IF EXISTS twin_reader")
            await conn.execute("CREATE ROLE twin_reader LOGIN PASSWORD 'reader-pw-1'")
        except asyncpg.InsufficientPrivilegeError:
            pytest.skip("the test server's user may not create roles")
        await conn.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")  # PostgreSQL 15+ default
    finally:
        await conn.close()
    url = urlsplit(pg_url)
    reader = url._replace(netloc=f"twin_reader:reader-pw-1@{url.hostname}:{url.port}").geturl()
    message = await _refusal(reader)
    assert "cannot create or upgrade the twin's tables" in message and "42501" in message
    assert "owner" in message and "reader-pw-1" not in message
