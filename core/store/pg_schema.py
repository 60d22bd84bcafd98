"""PostgreSQL: connect (every refusal turned into a sentence without the password) and migrate
to the one schema (`core.store.schema`).

Migrations run under a session advisory lock, so any number of instances starting at once on one
database migrate it exactly once; the others wait, then find it current. A database whose schema
is newer than this twin is refused before anything is written to it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, TypeAlias

import asyncpg
from asyncpg.pool import PoolConnectionProxy

from core.store import schema
from core.store.dialect import POSTGRES
from core.store.pg_ledger import FUNCTIONS, USAGE_TRIGGER
from core.store.records import StoreError
from core.store.schema import SCHEMA_VERSION, upgrade_statements
from core.store.urls import DATABASE_URL_ENV, DatabaseUrl

Conn: TypeAlias = "asyncpg.Connection[Any] | PoolConnectionProxy[Any]"

MIN_SERVER_VERSION = 13
MIGRATION_LOCK = 0x7477696E_00000001  # "twin" + 1: pg_advisory_lock key of the migrations
CONNECT_TIMEOUT_S = 10.0
COMMAND_TIMEOUT_S = 15.0

# From the PostgreSQL store's own schema 1 or 2 (before the schemas became one; 2 only replaced
# the functions), after `upgrade_statements` has added what the one schema declares: the ledger's
# rows as SQLite keeps them (`spend` per day and month, `spend_seconds` and `rate_seconds` per
# second: one minute window for both), reservations without the unused `open` flag.
_FROM_OWN_SCHEMA = """
UPDATE usage SET second = floor(extract(epoch FROM at))::BIGINT;
INSERT INTO spend (period, tokens, usd)
    SELECT 'd:' || to_char(day, 'YYYY-MM-DD'), tokens, usd FROM spend_day
    UNION ALL SELECT 'm:' || to_char(month, 'YYYY-MM'), tokens, usd FROM spend_month;
DROP TABLE spend_day;
DROP TABLE spend_month;
INSERT INTO spend_seconds (second, tokens)
    SELECT second, SUM(prompt_tokens - cached_input_tokens + completion_tokens) FROM usage
    WHERE at > now() - INTERVAL '1 hour' GROUP BY second;
INSERT INTO rate_seconds (key, second, n, last_at)
    SELECT key, floor(at)::BIGINT, COUNT(*), MAX(at) FROM rate_hits GROUP BY 1, 2;
DROP TABLE rate_hits;
ALTER TABLE reservations DROP COLUMN open;
"""


def _script(existing: Mapping[str, Collection[str]]) -> list[str]:
    """The statements that bring a database holding `existing` (table: its columns) to
    SCHEMA_VERSION: what the schema declares and is missing, the data of the store's own
    versions 1-2 moved, and the ledger functions and the trigger created again."""
    steps = upgrade_statements(POSTGRES, existing)
    steps += [_FROM_OWN_SCHEMA] if "spend_day" in existing else []
    return [";\n".join(steps) + ";\n" + FUNCTIONS + USAGE_TRIGGER]


def describe(url: DatabaseUrl) -> str:
    """How messages name the server: database, host and port, user; never the password."""
    who = f" as {url.user}" if url.user else ""
    return f"PostgreSQL database {url.database!r} on {url.host}:{url.port}{who}"


def connect_error(url: DatabaseUrl, exc: BaseException) -> StoreError:
    """A start-up refusal as one operator sentence (no password, no DSN)."""
    where = describe(url)
    fix = f"check {DATABASE_URL_ENV}"
    if isinstance(exc, asyncpg.InvalidPasswordError):
        why = f"the server refused the password of user {url.user!r}"
    elif isinstance(exc, asyncpg.InvalidCatalogNameError):
        why = "the database does not exist"
        fix = f"create it (createdb {url.database}) or {fix}"
    elif isinstance(exc, asyncpg.InvalidAuthorizationSpecificationError):
        why = f"the server refused user {url.user!r} ({exc.sqlstate})"
    elif isinstance(exc, asyncpg.PostgresError):
        why = (
            f"the server refused the connection ({exc.sqlstate}: {exc.args[0] if exc.args else ''})"
        )
    elif isinstance(exc, TimeoutError):
        why = f"no answer within {CONNECT_TIMEOUT_S:g} s"
    elif isinstance(exc, OSError):
        why = f"cannot connect ({exc.strerror or type(exc).__name__})"
    else:  # client-side errors may echo the DSN: name the type only
        why = f"cannot connect ({type(exc).__name__})"
    return StoreError(f"{where}: {why}; {fix}")


async def _no_reset(conn: Conn) -> None:
    """Released connections need no reset query (a round trip per store call saved): the store
    keeps no session state (no LISTEN, no SET; `migrate` unlocks its session lock itself) and
    asyncpg rolls back a transaction left open before calling this."""


async def create_pool(url: DatabaseUrl, max_size: int = 10) -> asyncpg.Pool:
    """A connection pool, one connection opened now so that a refusal surfaces at start-up.

    No floor of open connections (min_size 0): while the server is away, asyncpg would otherwise
    retry in the background every second and log a traceback each time; connections are opened
    when a store call needs one, and the store says once that it cannot write."""
    try:
        pool = await asyncpg.create_pool(
            url.secret_url,
            min_size=0,
            max_size=max_size,
            timeout=CONNECT_TIMEOUT_S,
            command_timeout=COMMAND_TIMEOUT_S,
            reset=_no_reset,
        )
        assert pool is not None
    except Exception as exc:
        raise connect_error(url, exc) from None
    try:
        async with pool.acquire(timeout=CONNECT_TIMEOUT_S):
            pass  # the connection stays in the pool, idle
    except Exception as exc:
        await pool.close()
        raise connect_error(url, exc) from None
    return pool


async def migrate(pool: asyncpg.Pool, url: DatabaseUrl) -> None:
    """Bring the schema to SCHEMA_VERSION (`core.store.schema.migrate`) in one transaction
    holding the migration lock."""
    async with pool.acquire() as conn:
        server = conn.get_server_version()
        if server.major < MIN_SERVER_VERSION:
            raise StoreError(
                f"{describe(url)}: PostgreSQL {server.major} is too old; twin needs "
                f"{MIN_SERVER_VERSION}+"
            )
        version = await schema.read_version(conn.fetch, POSTGRES)
        schema.refuse_newer(version, describe(url), f"{DATABASE_URL_ENV} at another database")
        if version < SCHEMA_VERSION:
            async with conn.transaction():
                await conn.execute("SELECT pg_advisory_xact_lock($1)", MIGRATION_LOCK)
                await schema.migrate(conn.fetch, conn.execute, POSTGRES, _script)


def server_reason(exc: asyncpg.PostgresError) -> str:
    """SQLSTATE and the server's message (the server never echoes a password)."""
    return f"{exc.sqlstate}: {exc.args[0] if exc.args else type(exc).__name__}"
