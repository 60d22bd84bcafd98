"""PostgreSQL's ledger: the reserve-and-check, the top-up and the rate windows as functions,
so the lock, the check and the write are ONE round trip and one transaction, and the trigger
that books a usage row's spend in the statement that writes it. The rules are
`core.store.ledger`'s (the same view, minute window, room, top-up and booking as SQLite's); each
statement of a PL/pgSQL function sees a fresh snapshot (READ COMMITTED), so what is read after
the lock includes every write committed before it."""

from __future__ import annotations

from core.store.dialect import POSTGRES
from core.store.ledger import (
    LEDGER_VIEW,
    RATE_COUNT,
    RATE_FULL,
    RESERVE,
    TOP_UP,
    ledger_statement,
    usage_books,
)

LEDGER_LOCK = 0x7477696E_00000002  # pg_advisory_xact_lock keys: reserve / top_up
RATE_LOCK = 0x7477696E_00000003  # rate_hit

_KEYS = "SELECT * FROM unnest(p_keys, p_limits) WITH ORDINALITY"  # `RATE_FULL`'s {keys}

# The functions' arguments are `core.store.ledger.reserve_arguments` / `top_up_arguments`, in
# their order. The reservation's row (o_id ... o_month), or on a refusal the ledger view.
FUNCTIONS = f"""
DROP FUNCTION IF EXISTS twin_reserve;
DROP FUNCTION IF EXISTS twin_top_up;
DROP FUNCTION IF EXISTS twin_rate_hit;
DROP FUNCTION IF EXISTS twin_ts;

CREATE FUNCTION twin_reserve(
    p_now TIMESTAMPTZ, p_day TEXT, p_month TEXT, p_minute_ago BIGINT, p_prompt BIGINT,
    p_max BIGINT, p_min BIGINT, p_in_usd DOUBLE PRECISION, p_out_usd DOUBLE PRECISION,
    p_daily BIGINT, p_monthly DOUBLE PRECISION, p_tpm BIGINT, p_expires TIMESTAMPTZ, p_owner TEXT,
    OUT o_id BIGINT, OUT o_tokens BIGINT, OUT o_usd DOUBLE PRECISION, OUT o_day BIGINT,
    OUT o_month DOUBLE PRECISION, OUT o_held BIGINT, OUT o_held_usd DOUBLE PRECISION,
    OUT o_open BIGINT, OUT o_minute BIGINT
) LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock({LEDGER_LOCK});
    {ledger_statement(RESERVE, POSTGRES)} INTO o_id, o_tokens, o_usd, o_day, o_month;
    IF o_id IS NULL THEN
        {ledger_statement(LEDGER_VIEW, POSTGRES)}
          INTO o_day, o_month, o_held, o_held_usd, o_open, o_minute;
    END IF;
END $$;

CREATE FUNCTION twin_top_up(
    p_id BIGINT, p_tokens BIGINT, p_usd DOUBLE PRECISION, p_now TIMESTAMPTZ, p_day TEXT,
    p_month TEXT, p_minute_ago BIGINT, p_daily BIGINT, p_monthly DOUBLE PRECISION, p_tpm BIGINT
) RETURNS BOOLEAN LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock({LEDGER_LOCK});
    {ledger_statement(TOP_UP, POSTGRES)};
    RETURN FOUND;
END $$;

CREATE FUNCTION twin_rate_hit(
    p_keys TEXT[], p_limits BIGINT[], p_now DOUBLE PRECISION, p_window DOUBLE PRECISION,
    OUT o_key TEXT, OUT o_wait DOUBLE PRECISION
) LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock({RATE_LOCK});
    {ledger_statement(RATE_FULL, POSTGRES, _KEYS)}
      INTO o_key, o_wait;
    IF o_key IS NULL THEN
        {ledger_statement(RATE_COUNT, POSTGRES, _KEYS)};
    END IF;
END $$;
"""

# The trigger `usage_books` (`core.store.ledger.usage_books`: the same body as SQLite's), so the
# usage write is one plain INSERT that joins the other inserts of its loop turn
# (`core.store.pg_batch`) and books its spend in the same statement.
USAGE_TRIGGER = f"""
CREATE OR REPLACE FUNCTION twin_usage_books() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
{usage_books(POSTGRES)}
RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS usage_books ON usage;
CREATE TRIGGER usage_books AFTER INSERT ON usage FOR EACH ROW EXECUTE FUNCTION twin_usage_books();
"""
