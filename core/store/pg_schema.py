"""PostgreSQL: connect (every refusal turned into a sentence without the password) and migrate.

Migrations run under a session advisory lock, so any number of instances starting at once on one
database migrate it exactly once; the others wait, then find it current. A database whose schema
is newer than this twin is refused before anything is written to it.
"""

from __future__ import annotations

from typing import Any, TypeAlias

import asyncpg
from asyncpg.pool import PoolConnectionProxy

from core.store.pg_compat import TS_FUNCTION
from core.store.pg_extras import EXTRA_TABLE_NAMES, EXTRA_TABLES
from core.store.pg_owner import OWNER_TABLE_NAMES, OWNER_TABLES
from core.store.pg_privacy import PRIVACY_INDEXES
from core.store.records import StoreError
from core.store.urls import DATABASE_URL_ENV, DatabaseUrl

Conn: TypeAlias = "asyncpg.Connection[Any] | PoolConnectionProxy[Any]"

SCHEMA_VERSION = 2
MIN_SERVER_VERSION = 13
MIGRATION_LOCK = 0x7477696E_00000001  # "twin" + 1: pg_advisory_lock key of the migrations
LEDGER_LOCK = 0x7477696E_00000002  # pg_advisory_xact_lock keys: reserve / top_up
RATE_LOCK = 0x7477696E_00000003  # rate_hit
CONNECT_TIMEOUT_S = 10.0
COMMAND_TIMEOUT_S = 15.0

# `reserve` and `rate_hit` as functions: the lock, the check and the write in ONE round trip and
# one transaction. Each statement of a plpgsql function sees a fresh snapshot (READ COMMITTED),
# so what is read after the lock includes every write committed before it.
_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION twin_reserve(
    p_now TIMESTAMPTZ, p_day DATE, p_month DATE, p_prompt BIGINT, p_max BIGINT, p_min BIGINT,
    p_in DOUBLE PRECISION, p_out DOUBLE PRECISION, p_daily BIGINT, p_monthly DOUBLE PRECISION,
    p_tpm BIGINT, p_expires TIMESTAMPTZ, p_owner TEXT,
    OUT granted BIGINT, OUT answer BIGINT, OUT day_tokens BIGINT, OUT month_usd DOUBLE PRECISION,
    OUT held_tokens BIGINT, OUT held_usd DOUBLE PRECISION, OUT open_count BIGINT,
    OUT minute_tokens BIGINT
) LANGUAGE plpgsql AS $$
DECLARE
    left_usd DOUBLE PRECISION;
    busy BIGINT;
BEGIN
    PERFORM pg_advisory_xact_lock({LEDGER_LOCK});
    SELECT COALESCE((SELECT tokens FROM spend_day WHERE day = p_day), 0),
           COALESCE((SELECT usd FROM spend_month WHERE month = p_month), 0),
           COALESCE(SUM(r.tokens), 0), COALESCE(SUM(r.usd), 0), COUNT(r.id),
           (SELECT COALESCE(SUM(u.prompt_tokens - u.cached_input_tokens + u.completion_tokens),
                            0) FROM usage u
             WHERE u.at > p_now - INTERVAL '60 seconds')
      INTO day_tokens, month_usd, held_tokens, held_usd, open_count, minute_tokens
      FROM reservations r WHERE r.expires_at > p_now;
    answer := p_max;
    IF p_daily > 0 THEN
        answer := LEAST(answer, p_daily - day_tokens - held_tokens - p_prompt);
    END IF;
    IF p_monthly > 0 THEN
        left_usd := p_monthly + 1e-9 - month_usd - held_usd - p_prompt * p_in;
        IF p_out > 0 THEN
            answer := LEAST(answer::DOUBLE PRECISION, floor(left_usd / p_out))::BIGINT;
        ELSIF left_usd < 0 THEN
            answer := -1;
        END IF;
    END IF;
    busy := minute_tokens + held_tokens;
    IF p_tpm > 0 AND busy > 0 THEN
        answer := LEAST(answer, p_tpm - busy - p_prompt);
    END IF;
    IF answer >= p_min THEN
        INSERT INTO reservations (created_at, expires_at, owner, tokens, usd)
            VALUES (p_now, p_expires, p_owner, p_prompt + answer, p_prompt * p_in + answer * p_out)
            RETURNING id INTO granted;
    END IF;
END $$;

CREATE OR REPLACE FUNCTION twin_rate_hit(
    p_keys TEXT[], p_limits INT[], p_now DOUBLE PRECISION, p_window DOUBLE PRECISION,
    OUT full_key TEXT, OUT wait DOUBLE PRECISION
) LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock({RATE_LOCK});
    SELECT k.key, x.at + p_window - p_now INTO full_key, wait
      FROM unnest(p_keys, p_limits) WITH ORDINALITY AS k(key, lim, n)
      CROSS JOIN LATERAL (
          SELECT h.at FROM rate_hits h WHERE h.key = k.key AND h.at > p_now - p_window
          ORDER BY h.at DESC OFFSET k.lim - 1 LIMIT 1
      ) x
      ORDER BY 2 DESC, k.n LIMIT 1;
    IF full_key IS NULL THEN
        INSERT INTO rate_hits (key, at) SELECT unnest(p_keys), p_now;
    END IF;
END $$;
"""

_MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE usage (
        id BIGSERIAL PRIMARY KEY,
        at TIMESTAMPTZ NOT NULL,
        request_id TEXT NOT NULL,
        platform TEXT NOT NULL,
        user_id TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        model TEXT NOT NULL,
        prompt_tokens BIGINT NOT NULL,
        completion_tokens BIGINT NOT NULL,
        cost_usd DOUBLE PRECISION NOT NULL,
        latency_ms DOUBLE PRECISION NOT NULL,
        outcome TEXT NOT NULL,
        estimated BOOLEAN NOT NULL DEFAULT FALSE,
        reservation BIGINT,
        cached_input_tokens BIGINT NOT NULL DEFAULT 0,
        reasoning_tokens BIGINT NOT NULL DEFAULT 0
    );
    CREATE INDEX usage_at ON usage(at);
    CREATE INDEX usage_model ON usage(model, id);
    CREATE TABLE spend_day (
        day DATE PRIMARY KEY,
        tokens BIGINT NOT NULL DEFAULT 0,
        usd DOUBLE PRECISION NOT NULL DEFAULT 0
    );
    CREATE TABLE spend_month (
        month DATE PRIMARY KEY,
        tokens BIGINT NOT NULL DEFAULT 0,
        usd DOUBLE PRECISION NOT NULL DEFAULT 0
    );
    CREATE TABLE reservations (
        id BIGSERIAL PRIMARY KEY,
        created_at TIMESTAMPTZ NOT NULL,
        expires_at TIMESTAMPTZ NOT NULL,
        owner TEXT NOT NULL DEFAULT '',
        tokens BIGINT NOT NULL,
        usd DOUBLE PRECISION NOT NULL,
        open BOOLEAN NOT NULL DEFAULT TRUE
    );
    CREATE INDEX reservations_open ON reservations(expires_at) WHERE open;
    CREATE TABLE rate_hits (
        id BIGSERIAL PRIMARY KEY,
        key TEXT NOT NULL,
        at DOUBLE PRECISION NOT NULL
    );
    CREATE INDEX rate_hits_key ON rate_hits(key, at);
    CREATE TABLE questions (
        id BIGSERIAL PRIMARY KEY,
        at TIMESTAMPTZ NOT NULL,
        request_id TEXT NOT NULL,
        platform TEXT NOT NULL,
        user_id TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        outcome TEXT NOT NULL,
        model TEXT,
        tokens BIGINT NOT NULL DEFAULT 0,
        cost_usd DOUBLE PRECISION NOT NULL DEFAULT 0,
        saved_usd DOUBLE PRECISION NOT NULL DEFAULT 0,
        latency_ms DOUBLE PRECISION NOT NULL DEFAULT 0
    );
    CREATE INDEX questions_at ON questions(at);
    CREATE TABLE turns (
        id BIGSERIAL PRIMARY KEY,
        conversation TEXT NOT NULL,
        at TIMESTAMPTZ NOT NULL,
        role TEXT NOT NULL,
        text TEXT NOT NULL,
        platform TEXT NOT NULL DEFAULT '',
        user_id TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX turns_conversation ON turns(conversation, id);
    CREATE INDEX turns_at ON turns(at);
    CREATE TABLE gaps (
        id BIGSERIAL PRIMARY KEY,
        at TIMESTAMPTZ NOT NULL,
        platform TEXT NOT NULL,
        user_id TEXT NOT NULL,
        question TEXT NOT NULL,
        normalized TEXT NOT NULL
    );
    CREATE INDEX gaps_at ON gaps(at);
    CREATE TABLE cache (
        key TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        answer TEXT NOT NULL,
        model TEXT NOT NULL,
        tokens BIGINT NOT NULL,
        cost_usd DOUBLE PRECISION NOT NULL,
        created_at TIMESTAMPTZ NOT NULL
    );
    CREATE INDEX cache_fingerprint ON cache(fingerprint, created_at);
    CREATE TABLE seen (
        key TEXT PRIMARY KEY,
        at TIMESTAMPTZ NOT NULL
    );
    CREATE TABLE processes (
        writer TEXT PRIMARY KEY,
        seen_at TIMESTAMPTZ NOT NULL
    );
    CREATE TABLE health (
        model TEXT PRIMARY KEY,
        updated_at TIMESTAMPTZ NOT NULL,
        writer TEXT NOT NULL,
        breaker TEXT NOT NULL,
        breaker_until TIMESTAMPTZ,
        in_rotation BOOLEAN NOT NULL,
        last_error TEXT,
        last_error_at TIMESTAMPTZ,
        remaining_requests BIGINT,
        remaining_tokens BIGINT,
        limits_at TIMESTAMPTZ
    );
    """
    + EXTRA_TABLES
    + OWNER_TABLES
    + PRIVACY_INDEXES
    + _FUNCTIONS
    + TS_FUNCTION,
    # the tokens-per-minute window leaves out prompt tokens Groq served from its cache (they do
    # not count against Groq's rate limits)
    2: _FUNCTIONS,
}

TABLES = (
    "usage",
    "questions",
    "turns",
    "gaps",
    "cache",
    "seen",
    "health",
    "spend_day",
    "spend_month",
    "reservations",
    "rate_hits",
    "processes",
    *EXTRA_TABLE_NAMES,
    *OWNER_TABLE_NAMES,
    "grounding",  # created when missing at open (core/store/grounding_records.py)
)


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


async def migrate(pool: asyncpg.Pool, url: DatabaseUrl) -> int:
    """Bring the schema to SCHEMA_VERSION under the migration lock; returns the version."""
    where = describe(url)
    async with pool.acquire() as conn:
        server = conn.get_server_version()
        if server.major < MIN_SERVER_VERSION:
            raise StoreError(
                f"{where}: PostgreSQL {server.major} is too old; twin needs {MIN_SERVER_VERSION}+"
            )
        await conn.execute("SELECT pg_advisory_lock($1)", MIGRATION_LOCK)
        try:
            version = await read_version(conn)
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{where} has schema version {version}; this twin knows up to "
                    f"{SCHEMA_VERSION}. Upgrade twin, or point {DATABASE_URL_ENV} at another "
                    "database. Nothing was changed."
                )
            for target in range(version + 1, SCHEMA_VERSION + 1):
                async with conn.transaction():
                    await conn.execute(
                        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)"
                    )
                    await conn.execute(_MIGRATIONS[target])
                    await conn.execute(
                        "INSERT INTO meta VALUES ('schema_version', $1)"
                        " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                        str(target),
                    )
            return max(version, SCHEMA_VERSION)
        finally:
            await conn.execute("SELECT pg_advisory_unlock($1)", MIGRATION_LOCK)


def server_reason(exc: asyncpg.PostgresError) -> str:
    """SQLSTATE and the server's message (the server never echoes a password)."""
    return f"{exc.sqlstate}: {exc.args[0] if exc.args else type(exc).__name__}"


async def read_version(conn: Conn) -> int:
    """The schema version in `meta` (0 for an empty database); reads only."""
    if await conn.fetchval("SELECT to_regclass('meta')") is None:
        return 0
    value = await conn.fetchval("SELECT value FROM meta WHERE key = 'schema_version'")
    return int(value) if value is not None else 0
