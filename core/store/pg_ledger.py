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
    ORPHAN,
    ORPHANED,
    USAGE_INSERT,
    USD_EPSILON,
    usage_books,
)

LEDGER_LOCK = 0x7477696E_00000002  # pg_advisory_xact_lock keys: reserve / top_up
RATE_LOCK = 0x7477696E_00000003  # rate_hit

_VIEW_IN_FUNCTION = LEDGER_VIEW.format(
    day="p_day", month="p_month", tpm="p_tpm", minute_ago="p_minute_ago"
).strip()

FUNCTIONS = f"""
DROP FUNCTION IF EXISTS twin_reserve;
DROP FUNCTION IF EXISTS twin_top_up;
DROP FUNCTION IF EXISTS twin_rate_hit;
DROP FUNCTION IF EXISTS twin_ts;

CREATE FUNCTION twin_reserve(
    p_now TIMESTAMPTZ, p_day TEXT, p_month TEXT, p_minute_ago BIGINT, p_prompt BIGINT,
    p_max BIGINT, p_min BIGINT, p_in DOUBLE PRECISION, p_out DOUBLE PRECISION, p_daily BIGINT,
    p_monthly DOUBLE PRECISION, p_tpm BIGINT, p_expires TIMESTAMPTZ, p_owner TEXT,
    OUT o_granted BIGINT, OUT o_answer BIGINT, OUT o_day BIGINT, OUT o_month DOUBLE PRECISION,
    OUT o_held BIGINT, OUT o_held_usd DOUBLE PRECISION, OUT o_open BIGINT, OUT o_minute BIGINT
) LANGUAGE plpgsql AS $$
DECLARE
    prompt BIGINT := GREATEST(0, p_prompt);
    v_in DOUBLE PRECISION := GREATEST(0.0, p_in);
    v_out DOUBLE PRECISION := GREATEST(0.0, p_out);
    room DOUBLE PRECISION := GREATEST(0, p_max);
    busy BIGINT;
BEGIN
    PERFORM pg_advisory_xact_lock({LEDGER_LOCK});
    {_VIEW_IN_FUNCTION}
      INTO o_day, o_month, o_held, o_held_usd, o_open, o_minute;
    -- core.store.ledger.answer_room and grants, step for step
    IF p_daily > 0 THEN
        room := LEAST(room, (p_daily - o_day - o_held - prompt)::DOUBLE PRECISION);
    END IF;
    IF p_monthly > 0 AND v_out > 0 THEN
        room := LEAST(room,
            (p_monthly + {USD_EPSILON} - o_month - o_held_usd - prompt * v_in) / v_out);
    END IF;
    busy := o_minute + o_held;
    IF p_tpm > 0 AND busy > 0 THEN
        room := LEAST(room, (p_tpm - busy - prompt)::DOUBLE PRECISION);
    END IF;
    o_answer := CASE WHEN room < 0 THEN -1 ELSE trunc(room)::BIGINT END;
    IF o_answer >= GREATEST(0, LEAST(p_min, p_max)) AND (p_monthly <= 0
        OR o_month + o_held_usd + prompt * v_in <= p_monthly + {USD_EPSILON}) THEN
        INSERT INTO reservations (created_at, expires_at, tokens, usd, owner, day_tokens,
                                  month_usd)
            VALUES (p_now, p_expires, prompt + o_answer, prompt * v_in + o_answer * v_out,
                    p_owner, o_day, o_month)
            RETURNING id INTO o_granted;
    END IF;
END $$;

CREATE FUNCTION twin_top_up(
    p_id BIGINT, p_tokens BIGINT, p_usd DOUBLE PRECISION, p_now TIMESTAMPTZ, p_day TEXT,
    p_month TEXT, p_minute_ago BIGINT, p_daily BIGINT, p_monthly DOUBLE PRECISION, p_tpm BIGINT
) RETURNS BOOLEAN LANGUAGE plpgsql AS $$
DECLARE
    held_t BIGINT;
    held_u DOUBLE PRECISION;
    more_t BIGINT;
    more_u DOUBLE PRECISION;
    o_day BIGINT;
    o_month DOUBLE PRECISION;
    o_held BIGINT;
    o_held_usd DOUBLE PRECISION;
    o_open BIGINT;
    o_minute BIGINT;
BEGIN
    PERFORM pg_advisory_xact_lock({LEDGER_LOCK});
    SELECT r.tokens, r.usd INTO held_t, held_u FROM reservations r
     WHERE r.id = p_id AND r.expires_at > p_now;
    IF NOT FOUND THEN
        RETURN FALSE;
    END IF;
    more_t := GREATEST(0, p_tokens - held_t);
    more_u := GREATEST(0.0, p_usd - held_u);
    IF more_t = 0 AND more_u = 0 THEN
        RETURN TRUE;
    END IF;
    {_VIEW_IN_FUNCTION}
      INTO o_day, o_month, o_held, o_held_usd, o_open, o_minute;
    -- core.store.ledger.top_up_fits, step for step
    IF (p_daily > 0 AND more_t > 0 AND o_day + o_held + more_t > p_daily)
        OR (p_monthly > 0 AND more_u > 0
            AND o_month + o_held_usd + more_u > p_monthly + {USD_EPSILON})
        OR (p_tpm > 0 AND more_t > 0 AND o_minute + o_held + more_t > p_tpm
            AND o_minute + o_held - held_t > 0) THEN
        RETURN FALSE;
    END IF;
    UPDATE reservations SET tokens = tokens + more_t, usd = usd + more_u WHERE id = p_id;
    RETURN TRUE;
END $$;

CREATE FUNCTION twin_rate_hit(
    p_keys TEXT[], p_limits BIGINT[], p_now DOUBLE PRECISION, p_window DOUBLE PRECISION,
    OUT o_key TEXT, OUT o_wait DOUBLE PRECISION
) LANGUAGE plpgsql AS $$
DECLARE
    since DOUBLE PRECISION := p_now - p_window;
BEGIN
    PERFORM pg_advisory_xact_lock({RATE_LOCK});
    -- core.store.sqlite_ledger._rate_hit: a second counts while its latest hit is in the
    -- window; a full key waits until the second holding its limit-th newest hit leaves it
    SELECT k.key, GREATEST(0.001, x.last_at + p_window - p_now) INTO o_key, o_wait
      FROM unnest(p_keys, p_limits) WITH ORDINALITY AS k(key, lim, n)
      CROSS JOIN LATERAL (
          SELECT s.last_at FROM (
              SELECT r.last_at, SUM(r.n) OVER (ORDER BY r.second DESC) AS total
                FROM rate_seconds r
               WHERE r.key = k.key AND r.second >= floor(since) AND r.last_at > since
          ) s WHERE s.total >= k.lim ORDER BY s.total LIMIT 1
      ) x
      ORDER BY 2 DESC, k.n LIMIT 1;
    IF o_key IS NULL THEN
        INSERT INTO rate_seconds AS r (key, second, n, last_at)
            SELECT unnest(p_keys), floor(p_now)::BIGINT, 1, p_now
            ON CONFLICT (key, second)
            DO UPDATE SET n = r.n + 1, last_at = GREATEST(r.last_at, EXCLUDED.last_at);
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

# Orphaned reservations (core.store.ledger.ORPHANED at $1, lease edge $2) booked as spend in one
# statement: each deleted (a concurrent booker waits on its row lock, then finds it gone: one
# books it) and an estimated usage row per orphan written, holding what it still held at `now`'s
# second ($3; the trigger books it). The count booked.
BOOK_ORPHANS = f"""
WITH gone AS (
  DELETE FROM reservations WHERE {ORPHANED.format(now="$1", edge="$2").strip()}
  RETURNING id, tokens, usd
), used AS (
  {USAGE_INSERT}
  SELECT $1, '', '', '', '', '', g.tokens, 0, g.usd, 0, '{ORPHAN}', TRUE, g.id, 0, 0, NULL, $3
    FROM gone g
)
SELECT COUNT(*) FROM gone
"""
