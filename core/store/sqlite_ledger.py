"""The shared budget ledger and rate windows in SQLite: each check-and-write is atomic.

`reserve` and `rate_hit` run the statements both backends share (`core.store.ledger`: `RESERVE`,
the rate windows' `RATE_*`) as functions on the connection's thread
(`WriteBatch.call`), inside one IMMEDIATE transaction (the batch's, with whatever else this loop
turn writes, or one of their own). SQLite takes the write lock when that transaction begins
(waiting up to the busy timeout), so what they read cannot change before they write and no
other process can slip in between: any number of processes on one file never pass a cap
together. Everything runs and is read to its end in one thread hop: a statement left open on
the connection would hold its transaction open, and with it the commit of every other task's
write on the same connection (a kill in that moment would lose them).
Semantics: `core.store.base.Store`.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Sequence
from typing import Any

from core.store.dialect import SQLITE
from core.store.ledger import (
    LEDGER_READ,
    RATE_ANY_FULL,
    RATE_COUNT,
    RATE_FULL,
    RESERVE,
    granted,
    ledger_statement,
    reserve_arguments,
    view_args,
)
from core.store.records import Denial, Grant, LedgerView, RateKey, ReserveRequest

_RESERVE = ledger_statement(RESERVE, SQLITE)


def reserve(request: ReserveRequest, conn: sqlite3.Connection) -> Grant | Denial:
    """On the connection's thread, inside an IMMEDIATE transaction: `ledger.RESERVE`; refused,
    the ledger as it stands."""
    rows = conn.execute(_RESERVE, reserve_arguments(request, SQLITE)).fetchall()
    if rows:
        return granted(request, rows[0])
    view = conn.execute(LEDGER_READ, view_args(request.now, request.caps)).fetchone()
    return Denial(LedgerView.from_row(view))


@functools.cache
def _rate_statements(count: int) -> tuple[str, ...]:
    """`ledger.RATE_ANY_FULL`, `RATE_FULL` and `RATE_COUNT` for `count` keys."""
    keys = "VALUES " + ", ".join(f"(:key{i}, :limit{i}, {i})" for i in range(count))
    return tuple(ledger_statement(t, SQLITE, keys) for t in (RATE_ANY_FULL, RATE_FULL, RATE_COUNT))


def rate_hit(
    keys: Sequence[RateKey], now: float, window_s: float, conn: sqlite3.Connection
) -> tuple[str, float] | None:
    """On the connection's thread, inside an IMMEDIATE transaction: check, then count."""
    any_full, full, count = _rate_statements(len(keys))
    arguments: dict[str, Any] = {"now": now, "window": window_s}
    for i, k in enumerate(keys):
        arguments |= {f"key{i}": k.key, f"limit{i}": k.limit}
    if conn.execute(any_full, arguments).fetchall():  # the common case costs a count
        ((key, wait),) = conn.execute(full, arguments).fetchall()
        return str(key), float(wait)
    conn.execute(count, arguments)
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
