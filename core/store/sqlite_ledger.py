"""The shared budget ledger and rate windows in SQLite: each check-and-write is atomic.

`reserve`, `top_up` and `rate_hit` are functions run on the connection's thread
(`WriteBatch.call`): the reserve and the top-up run the one statement both backends share
(`core.store.ledger.RESERVE`, `TOP_UP`), the rate windows read, decide in Python and write at
most one statement, all inside one IMMEDIATE transaction (the batch's, with whatever else this
loop turn writes, or one of their own). SQLite takes the write lock when that transaction
begins (waiting up to the busy timeout), so what they read cannot change before they write and
no other process can slip in between: any number of processes on one file never pass a cap
together. Everything runs and is read to its end in one thread hop: a statement left open on
the connection would hold its transaction open, and with it the commit of every other task's
write on the same connection (a kill in that moment would lose them).
Semantics: `core.store.base.Store`.

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
from typing import Any

from core.store.dialect import SQLITE
from core.store.ledger import (
    LEDGER_READ,
    RESERVE,
    TOP_UP,
    granted,
    ledger_statement,
    reserve_arguments,
    top_up_arguments,
    view_args,
)
from core.store.records import BudgetCaps, Denial, Grant, LedgerView, RateKey, ReserveRequest

_RESERVE = ledger_statement(RESERVE, SQLITE)
_TOP_UP = ledger_statement(TOP_UP, SQLITE)


def reserve(request: ReserveRequest, conn: sqlite3.Connection) -> Grant | Denial:
    """On the connection's thread, inside an IMMEDIATE transaction: `ledger.RESERVE`; refused,
    the ledger as it stands."""
    rows = conn.execute(_RESERVE, reserve_arguments(request, SQLITE)).fetchall()
    if rows:
        return granted(request, rows[0])
    view = conn.execute(LEDGER_READ, view_args(request.now, request.caps)).fetchone()
    return Denial(LedgerView.from_row(view))


def top_up(
    reservation: int,
    tokens: int,
    usd: float,
    caps: BudgetCaps,
    now: datetime,
    conn: sqlite3.Connection,
) -> bool:
    """On the connection's thread (a lone write transaction): `ledger.TOP_UP`."""
    arguments = top_up_arguments(reservation, tokens, usd, caps, now, SQLITE)
    return conn.execute(_TOP_UP, arguments).rowcount == 1


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


def rate_hit(
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


def admit_and_reserve(
    keys: Sequence[RateKey],
    now: float,
    window_s: float,
    request: ReserveRequest,
    conn: sqlite3.Connection,
) -> tuple[tuple[str, float] | None, Grant | Denial | None]:
    """On the connection's thread, in one IMMEDIATE transaction: `rate_hit`, then `reserve`
    only if the request was counted (`core.store.base.Store.admit_and_reserve`)."""
    full = rate_hit(keys, now, window_s, conn)
    return (full, None) if full is not None else (None, reserve(request, conn))
