"""The shared budget ledger and rate windows in SQLite: each check-and-write is ONE statement.

Every statement runs and is read to its end in one thread hop (through the store's `WriteBatch`,
with whatever else this loop turn writes): a statement left open on the connection would hold
its transaction open, and with it the commit of every other task's write on the same connection
(a kill in that moment would lose them).

A single INSERT / UPDATE statement in autocommit mode is its own write transaction: SQLite takes
the write lock before the statement reads anything (waiting up to the busy timeout), so the check
and the write see one state and no other process can slip in between. That gives the atomicity
of `BEGIN IMMEDIATE ... COMMIT` in one round trip; batched with other statements it runs inside
the batch's `BEGIN IMMEDIATE`, which holds the lock the same way. Semantics:
`core.store.base.Store`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from core.store.records import BudgetCaps, Denial, Grant, LedgerView, RateKey, ReserveRequest
from core.store.sqlite_batch import WriteBatch
from core.store.sqlite_rows import ts

USD_EPSILON = 1e-9

_VIEW = """
v AS (SELECT
    COALESCE((SELECT tokens FROM spend WHERE period = :day), 0) AS day_tokens,
    COALESCE((SELECT usd FROM spend WHERE period = :month), 0.0) AS month_usd,
    (SELECT COALESCE(SUM(tokens), 0) FROM reservations WHERE expires_at > :now) AS held_tokens,
    (SELECT COALESCE(SUM(usd), 0.0) FROM reservations WHERE expires_at > :now) AS held_usd,
    CASE WHEN :tpm > 0 THEN (SELECT COALESCE(SUM(tokens), 0) FROM spend_seconds
        WHERE second > :minute_ago) ELSE 0 END AS minute_tokens)
"""

_RESERVE = f"""
WITH {_VIEW}, r AS (SELECT v.*,
    MIN(:max_tokens,
        CASE WHEN :daily > 0 THEN :daily - day_tokens - held_tokens - :prompt
             ELSE :max_tokens END,
        CASE WHEN :monthly > 0 AND :out_usd > 0 THEN
                (:monthly + {USD_EPSILON} - month_usd - held_usd - :prompt * :in_usd) / :out_usd
             ELSE :max_tokens END,
        CASE WHEN :tpm > 0 AND minute_tokens + held_tokens > 0
             THEN :tpm - minute_tokens - held_tokens - :prompt ELSE :max_tokens END) AS room,
    CASE WHEN :monthly > 0
         THEN month_usd + held_usd + :prompt * :in_usd <= :monthly + {USD_EPSILON}
         ELSE 1 END AS prompt_fits
    FROM v),
g AS (SELECT r.*, CASE WHEN room < 0 THEN -1 ELSE CAST(room AS INTEGER) END AS answer FROM r)
INSERT INTO reservations (created_at, expires_at, tokens, usd, owner, day_tokens, month_usd)
SELECT :now, :expires, :prompt + answer, :prompt * :in_usd + answer * :out_usd, :owner,
       day_tokens, month_usd
FROM g WHERE answer >= :min_tokens AND prompt_fits
RETURNING id, tokens, usd, day_tokens, month_usd
"""

_TOP_UP = f"""
WITH {_VIEW}
UPDATE reservations SET tokens = MAX(tokens, :tokens), usd = MAX(usd, :usd)
WHERE id = :id AND expires_at > :now
  AND (:daily = 0 OR (SELECT day_tokens + held_tokens FROM v) + MAX(0, :tokens - tokens)
                     <= :daily)
  AND (:monthly = 0 OR (SELECT month_usd + held_usd FROM v) + MAX(0.0, :usd - usd)
                       <= :monthly + {USD_EPSILON})
RETURNING id
"""

_LEDGER = f"""
WITH {_VIEW}
SELECT day_tokens, month_usd, held_tokens, held_usd, minute_tokens,
       (SELECT COUNT(*) FROM reservations WHERE expires_at > :now) FROM v
"""


def _view_params(now: datetime, caps: BudgetCaps) -> dict[str, Any]:
    stamp = ts(now)
    return {
        "day": "d:" + stamp[:10],
        "month": "m:" + stamp[:7],
        "now": stamp,
        "tpm": caps.tokens_per_minute,
        # whole seconds: an attempt counts while its second is in the window (up to 1 s long,
        # never short)
        "minute_ago": math.floor(now.timestamp()) - 60,
        "daily": caps.daily_tokens,
        "monthly": caps.monthly_usd,
    }


async def reserve(db: WriteBatch, request: ReserveRequest) -> Grant | Denial:
    params = _view_params(request.now, request.caps)
    params.update(
        max_tokens=max(0, request.max_tokens),
        min_tokens=max(0, min(request.min_tokens, request.max_tokens)),
        prompt=max(0, request.prompt_tokens),
        in_usd=max(0.0, request.input_usd),
        out_usd=max(0.0, request.output_usd),
        expires=ts(request.expires_at),
        owner=request.owner,
    )
    rows = await db.fetch(_RESERVE, params)
    if not rows:
        return Denial(await ledger(db, request.now, request.caps))
    row = rows[0]
    tokens = int(row[1])
    return Grant(
        id=int(row[0]),
        max_tokens=tokens - params["prompt"],
        tokens=tokens,
        usd=float(row[2]),
        day_tokens=int(row[3]),
        month_usd=float(row[4]),
    )


async def top_up(
    db: WriteBatch,
    reservation: int,
    tokens: int,
    usd: float,
    caps: BudgetCaps,
    now: datetime,
) -> bool:
    params = _view_params(now, caps)
    params.update(id=reservation, tokens=max(0, tokens), usd=max(0.0, usd))
    # RETURNING, not rowcount: Python's sqlite3 reports no rowcount for a statement led by WITH
    return bool(await db.fetch(_TOP_UP, params))


async def ledger(db: WriteBatch, now: datetime, caps: BudgetCaps) -> LedgerView:
    (row,) = await db.fetch(_LEDGER, _view_params(now, caps))
    return LedgerView(
        day_tokens=int(row[0]),
        month_usd=float(row[1]),
        held_tokens=int(row[2]),
        held_usd=float(row[3]),
        minute_tokens=int(row[4]),
        open_reservations=int(row[5]),
    )


async def rate_hit(
    db: WriteBatch, keys: Sequence[RateKey], now: float, window_s: float
) -> tuple[str, float] | None:
    if not keys:
        return None
    cutoff = now - window_s
    # A key's count stops at its limit (LIMIT): the check costs at most `limit` index rows.
    full = " OR ".join(
        "(SELECT COUNT(*) FROM (SELECT 1 FROM hits WHERE key = ? AND at > ? LIMIT ?)) >= ?"
        for _ in keys
    )
    rows = ",".join("(?)" for _ in keys)
    sql = (
        f"INSERT INTO hits (key, at) SELECT column1, ? FROM (VALUES {rows})"
        f" WHERE NOT ({full}) RETURNING key"
    )
    params: list[Any] = [now, *(k.key for k in keys)]
    for k in keys:
        params += [k.key, cutoff, k.limit, k.limit]
    counted = await db.fetch(sql, params)
    if counted:
        return None
    marks = ",".join("?" for _ in keys)
    held = await db.fetch(
        f"SELECT key, at FROM hits WHERE key IN ({marks}) AND at > ? ORDER BY at DESC",
        [*(k.key for k in keys), cutoff],
    )
    newest: dict[str, list[float]] = {}
    for row in held:
        newest.setdefault(str(row[0]), []).append(float(row[1]))
    worst: tuple[str, float] | None = None
    for k in keys:
        hits = newest.get(k.key, [])
        if len(hits) >= k.limit:
            wait = max(1e-3, hits[k.limit - 1] + window_s - now)
            if worst is None or wait > worst[1]:
                worst = (k.key, wait)
    return worst or (keys[0].key, 1e-3)  # full a moment ago, free now: try again at once


async def maintain(db: WriteBatch, now: datetime) -> None:
    await db.write("DELETE FROM reservations WHERE expires_at <= ?", (ts(now),))
    await db.write("DELETE FROM hits WHERE at <= ?", (now.timestamp() - 3600.0,))
    await db.write("DELETE FROM spend_seconds WHERE second <= ?", (now.timestamp() - 3600.0,))
