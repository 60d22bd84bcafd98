"""A PostgreSQL database as the PostgreSQL store of twin before schema 8 left it (its own schema
versions 1 and 2: 2 replaced only the functions), for the migration tests. Frozen text of the
released DDL; never edited."""

from __future__ import annotations

import asyncpg

from core.store.dialect import POSTGRES
from core.store.pg_ledger import FUNCTIONS
from core.store.schema import ONE_SCHEMA
from tests.store.old_sqlite_schema import create_statements

PG_V1 = """
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

ALTER TABLE questions ADD COLUMN question TEXT NOT NULL DEFAULT '';
ALTER TABLE questions ADD COLUMN answer TEXT NOT NULL DEFAULT '';
CREATE INDEX questions_request ON questions(request_id);
CREATE TABLE feedback (
    platform TEXT NOT NULL,
    answer_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    helpful BOOLEAN NOT NULL,
    at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (platform, answer_id, user_id)
);
CREATE INDEX feedback_at ON feedback(at);
CREATE INDEX feedback_answer ON feedback(answer_id);
CREATE TABLE alerts (
    id BIGSERIAL PRIMARY KEY,
    at TIMESTAMPTZ NOT NULL,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    severity TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    action TEXT NOT NULL
);
CREATE INDEX alerts_at ON alerts(at);
CREATE TABLE gap_status (
    normalized TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    at TIMESTAMPTZ NOT NULL
);

CREATE TABLE gap_groups (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT NOT NULL DEFAULT 'gap',
    created_at TIMESTAMPTZ NOT NULL,
    last_asked TIMESTAMPTZ NOT NULL,
    example TEXT NOT NULL,
    terms TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'open',
    carded_at TIMESTAMPTZ,
    closed_at TIMESTAMPTZ,
    closed_by TEXT NOT NULL DEFAULT '',
    answer TEXT NOT NULL DEFAULT ''
);
CREATE INDEX gap_groups_status ON gap_groups(status, id);
ALTER TABLE gaps ADD COLUMN group_id BIGINT;
ALTER TABLE gaps ADD COLUMN channel_id TEXT NOT NULL DEFAULT '';
ALTER TABLE gaps ADD COLUMN reply_to TEXT NOT NULL DEFAULT '';
ALTER TABLE gaps ADD COLUMN request_id TEXT NOT NULL DEFAULT '';
ALTER TABLE gaps ADD COLUMN replied_at TIMESTAMPTZ;
CREATE INDEX gaps_group ON gaps(group_id);
CREATE TABLE owner_card_days (
    day TEXT PRIMARY KEY,
    count INTEGER NOT NULL
);
CREATE TABLE answer_sources (
    request_id TEXT PRIMARY KEY,
    at TIMESTAMPTZ NOT NULL,
    platform TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    conversation TEXT NOT NULL,
    model TEXT,
    facts TEXT NOT NULL,
    used TEXT NOT NULL,
    user_id TEXT NOT NULL DEFAULT '',
    reply_to TEXT NOT NULL DEFAULT ''
);
CREATE INDEX answer_sources_at ON answer_sources(at);
CREATE TABLE answer_messages (
    platform TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    request_id TEXT NOT NULL,
    at TIMESTAMPTZ NOT NULL,
    seq BIGSERIAL,
    PRIMARY KEY (platform, channel_id, message_id)
);
CREATE INDEX answer_messages_channel ON answer_messages(platform, channel_id, at);

CREATE INDEX turns_user ON turns(platform, user_id);
CREATE INDEX gaps_user ON gaps(platform, user_id);

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
    PERFORM pg_advisory_xact_lock(8392292351795527682);
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
    PERFORM pg_advisory_xact_lock(8392292351795527683);
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

CREATE FUNCTION twin_ts(t TIMESTAMPTZ) RETURNS TEXT LANGUAGE SQL IMMUTABLE AS $$
    SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;
"""


async def old_pg_database(url: str, version: int, rows: tuple[str, ...] = ()) -> None:
    """The released schema `version` (1 or 2) at `url`, with `rows` (SQL statements) written."""
    conn = await asyncpg.connect(url)
    try:
        await conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        await conn.execute(PG_V1)
        for sql in rows:
            await conn.execute(sql)
        await conn.execute("INSERT INTO meta VALUES ('schema_version', $1)", str(version))
    finally:
        await conn.close()


async def one_schema_pg_database(url: str, version: int, rows: tuple[str, ...] = ()) -> None:
    """The one schema as twin `version` (8 or later) left it at `url`: the tables that version
    declared (`core.store.schema`, each table's `added`) and the functions, with `rows`."""
    assert version >= ONE_SCHEMA
    conn = await asyncpg.connect(url)
    try:
        await conn.execute(";\n".join(create_statements(POSTGRES, version)) + ";")
        await conn.execute(FUNCTIONS)
        for sql in rows:
            await conn.execute(sql)
        await conn.execute("INSERT INTO meta VALUES ('schema_version', $1)", str(version))
    finally:
        await conn.close()
