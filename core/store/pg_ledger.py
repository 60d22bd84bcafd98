"""PostgreSQL: the budget ledger's reads and the usage write that books spend.

Plain functions over one connection (inside the caller's transaction and lock).
"""

from __future__ import annotations

from datetime import datetime

from core.models.usage import Attempt
from core.store.pg_schema import Conn
from core.store.records import LedgerView, day_start, month_start

_VIEW_SQL = """
SELECT
  (SELECT COALESCE(MAX(tokens), 0) FROM spend_day WHERE day = $2),
  (SELECT COALESCE(MAX(usd), 0) FROM spend_month WHERE month = $3),
  COALESCE(SUM(r.tokens), 0), COALESCE(SUM(r.usd), 0), COUNT(r.id),
  (SELECT COALESCE(SUM(prompt_tokens - cached_input_tokens + completion_tokens), 0) FROM usage
    WHERE at > $1::timestamptz - INTERVAL '60 seconds')
FROM reservations r WHERE r.expires_at > $1::timestamptz
"""


async def view(conn: Conn, now: datetime) -> LedgerView:
    """Spent today / this month, held by unexpired reservations, tokens of the last minute."""
    row = await conn.fetchrow(_VIEW_SQL, now, day_start(now).date(), month_start(now).date())
    assert row is not None
    return LedgerView.from_row(tuple(row))


_RECORD_SQL = """
WITH used AS (
  INSERT INTO usage (at, request_id, platform, user_id, channel_id, model, prompt_tokens,
    completion_tokens, cost_usd, latency_ms, outcome, estimated, reservation,
    cached_input_tokens, reasoning_tokens)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $16, $17)
), daily AS (
  INSERT INTO spend_day AS s (day, tokens, usd) VALUES ($14, $7 + $8, $9)
  ON CONFLICT (day) DO UPDATE SET tokens = s.tokens + EXCLUDED.tokens, usd = s.usd + EXCLUDED.usd
), monthly AS (
  INSERT INTO spend_month AS s (month, tokens, usd) VALUES ($15, $7 + $8, $9)
  ON CONFLICT (month) DO UPDATE SET tokens = s.tokens + EXCLUDED.tokens, usd = s.usd + EXCLUDED.usd
), settled AS (
  UPDATE reservations SET tokens = GREATEST(0, tokens - ($7 + $8)), usd = GREATEST(0, usd - $9)
  WHERE id = $13 AND $11 <> 'ok'
), closed AS (
  DELETE FROM reservations WHERE id = $13 AND $11 = 'ok'
)
SELECT 1
"""


async def record_attempt(conn: Conn, attempt: Attempt) -> None:
    """The usage row, the day's and month's spend, and the reservation settled (closed by an
    `ok` attempt, the last of its answer): one statement, so all of it or none is written (and
    one round trip)."""
    ctx = attempt.context
    await conn.execute(
        _RECORD_SQL,
        attempt.at,
        ctx.request_id,
        ctx.platform,
        ctx.user_id,
        ctx.channel_id,
        attempt.model,
        attempt.prompt_tokens,
        attempt.completion_tokens,
        attempt.cost_usd,
        attempt.latency_ms,
        attempt.outcome,
        attempt.estimated,
        ctx.reservation,
        day_start(attempt.at).date(),
        month_start(attempt.at).date(),
        attempt.cached_input_tokens,
        attempt.reasoning_tokens,
    )
