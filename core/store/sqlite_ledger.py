"""The shared budget ledger and rate windows in SQLite: each check-and-write is atomic.

`reserve` and `rate_hit` are functions run on the connection's thread (`WriteBatch.call`):
they read the ledger, decide in Python and write at most one statement, all inside one
IMMEDIATE transaction (the batch's, with whatever else this loop turn writes, or one of their
own). SQLite takes the write lock when that transaction begins (waiting up to the busy
timeout), so what they read cannot change before they write and no other process can slip in
between: any number of processes on one file never pass a cap together. The other
check-and-writes are single statements (a lone INSERT / UPDATE in autocommit mode is its own
write transaction, locked before it reads). Everything runs and is read to its end in one
thread hop: a statement left open on the connection would hold its transaction open, and with
it the commit of every other task's write on the same connection (a kill in that moment would
lose them). Semantics: `core.store.base.Store`.

Rate windows are counted per key and second (`rate_seconds`: the second's count and its latest
hit, so a check reads at most one row per second of the window whatever the traffic). A second
counts while its latest hit is in the window: exact when a second holds one hit (as the log of
hits before it was), otherwise never short and at most a second long, so no 60 seconds ever
hold more than the limit.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Sequence
from datetime import datetime
from functools import partial
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

# The ledger as one row: day tokens, month USD, what open reservations hold, how many are
# open, the tokens of the last minute.
_READ = """
SELECT COALESCE((SELECT tokens FROM spend WHERE period = :day), 0),
       COALESCE((SELECT usd FROM spend WHERE period = :month), 0.0),
       held.tokens, held.usd, held.n,
       CASE WHEN :tpm > 0 THEN (SELECT COALESCE(SUM(tokens), 0) FROM spend_seconds
           WHERE second > :minute_ago) ELSE 0 END
FROM (SELECT COALESCE(SUM(tokens), 0) AS tokens, COALESCE(SUM(usd), 0.0) AS usd,
             COUNT(*) AS n FROM reservations WHERE expires_at > :now) AS held
"""

_BOOK = """
INSERT INTO reservations (created_at, expires_at, tokens, usd, owner, day_tokens, month_usd)
VALUES (?, ?, ?, ?, ?, ?, ?)
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


def _view_params(now: datetime, caps: BudgetCaps) -> dict[str, Any]:
    stamp = ts(now)
    return {
        "day": "d:" + stamp[:10],
        "month": "m:" + stamp[:7],
        "now": stamp,
        "tpm": caps.tokens_per_minute,
        # whole seconds: an attempt counts from its second until 60 s after that second's end
        # (60 to 61 s after it: up to 1 s long, never short)
        "minute_ago": math.floor(now.timestamp()) - 61,
        "daily": caps.daily_tokens,
        "monthly": caps.monthly_usd,
    }


def _answer_room(request: ReserveRequest, view: LedgerView, prompt: int) -> int:
    """The answer tokens the caps leave for this call (at most `max_tokens`), -1 for none."""
    caps, in_usd, out_usd = request.caps, max(0.0, request.input_usd), max(0.0, request.output_usd)
    room: float = max(0, request.max_tokens)
    if caps.daily_tokens > 0:
        room = min(room, caps.daily_tokens - view.day_tokens - view.held_tokens - prompt)
    if caps.monthly_usd > 0 and out_usd > 0:
        left = caps.monthly_usd + USD_EPSILON - view.month_usd - view.held_usd - prompt * in_usd
        room = min(room, left / out_usd)
    busy = view.minute_tokens + view.held_tokens
    if caps.tokens_per_minute > 0 and busy > 0:
        room = min(room, caps.tokens_per_minute - busy - prompt)
    return -1 if room < 0 else int(room)


def _reserve(request: ReserveRequest, conn: sqlite3.Connection) -> Grant | Denial:
    """On the connection's thread, inside an IMMEDIATE transaction: read, decide, book."""
    params = _view_params(request.now, request.caps)
    view = LedgerView.from_row(conn.execute(_READ, params).fetchone())
    prompt = max(0, request.prompt_tokens)
    in_usd, out_usd = max(0.0, request.input_usd), max(0.0, request.output_usd)
    monthly = request.caps.monthly_usd
    prompt_fits = (
        monthly <= 0 or view.month_usd + view.held_usd + prompt * in_usd <= monthly + USD_EPSILON
    )
    answer = _answer_room(request, view, prompt)
    floor = max(0, min(request.min_tokens, request.max_tokens))
    if answer < floor or not prompt_fits:
        return Denial(view)
    tokens, usd = prompt + answer, prompt * in_usd + answer * out_usd
    values = (params["now"], ts(request.expires_at), tokens, usd, request.owner)
    cursor = conn.execute(_BOOK, (*values, view.day_tokens, view.month_usd))
    assert cursor.lastrowid is not None
    return Grant(
        id=cursor.lastrowid,
        max_tokens=answer,
        tokens=tokens,
        usd=usd,
        day_tokens=view.day_tokens,
        month_usd=view.month_usd,
    )


async def reserve(db: WriteBatch, request: ReserveRequest) -> Grant | Denial:
    return await db.call(partial(_reserve, request))


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
    (row,) = await db.fetch(_READ, _view_params(now, caps))
    return LedgerView.from_row(row)


# One row per key: its index among the keys and its hits in the window (summed in SQLite: a
# row per second read into Python would cost more than the sum). A second counts while its
# latest hit is in the window; `second >= :first` keeps the index range to the window.
_COUNT = (
    "SELECT ?, (SELECT COALESCE(SUM(n), 0) FROM rate_seconds"
    " WHERE key = ? AND second >= ? AND last_at > ?)"
)
_SECONDS = (
    "SELECT last_at, n FROM rate_seconds WHERE key = ? AND second >= ? AND last_at > ?"
    " ORDER BY second DESC"
)
_COUNT_HIT = (
    "INSERT INTO rate_seconds (key, second, n, last_at) VALUES {}"
    " ON CONFLICT (key, second) DO UPDATE SET n = n + 1, last_at = MAX(last_at, excluded.last_at)"
)


def _wait(
    conn: sqlite3.Connection, key: RateKey, since: float, now: float, window_s: float
) -> float:
    """Seconds until a full key has room: when the latest hit of the second holding its
    limit-th newest hit leaves the window."""
    count = 0
    for last_at, n in conn.execute(_SECONDS, (key.key, math.floor(since), since)):
        count += n
        if count >= key.limit:
            return max(1e-3, float(last_at) + window_s - now)
    return 1e-3


def _rate_hit(
    keys: Sequence[RateKey], now: float, window_s: float, conn: sqlite3.Connection
) -> tuple[str, float] | None:
    """On the connection's thread, inside an IMMEDIATE transaction: count, check, add."""
    since = now - window_s  # hits after this moment are in the window
    params: list[Any] = []
    for i, k in enumerate(keys):
        params += [i, k.key, math.floor(since), since]
    sql = " UNION ALL ".join([_COUNT] * len(keys))
    full = [keys[i] for i, count in conn.execute(sql, params) if count >= keys[i].limit]
    if full:
        waits = [(k.key, _wait(conn, k, since, now, window_s)) for k in full]
        return max(waits, key=lambda w: w[1])
    second = math.floor(now)
    rows = ",".join("(?, ?, 1, ?)" for _ in keys)
    conn.execute(_COUNT_HIT.format(rows), [v for k in keys for v in (k.key, second, now)])
    return None


async def rate_hit(
    db: WriteBatch, keys: Sequence[RateKey], now: float, window_s: float
) -> tuple[str, float] | None:
    if not keys:
        return None
    return await db.call(partial(_rate_hit, list(keys), now, window_s))


async def maintain(db: WriteBatch, now: datetime) -> None:
    await db.write("DELETE FROM reservations WHERE expires_at <= ?", (ts(now),))
    await db.write("DELETE FROM rate_seconds WHERE second <= ?", (now.timestamp() - 3600.0,))
    await db.write("DELETE FROM hits WHERE at <= ?", (now.timestamp() - 3600.0,))  # see schema 7
    await db.write("DELETE FROM spend_seconds WHERE second <= ?", (now.timestamp() - 3600.0,))
