"""The store interface: everything the twin keeps that must hold across processes and restarts.

Both backends (`core.store.sqlite.SqliteStore`, `core.store.postgres.PostgresStore`) implement
`Store` over one schema (`core.store.schema`): it inherits every shared query from the query
layer (`sql`, `sql_owner`, `sql_reports`, `privacy`, `grounding_records`, `viewing`, `inbox`,
each method saying what it keeps) and declares the few a backend does its own way. The rest of
the code uses only these methods; SQL lives in core/store/ and nowhere else.

Rules every backend keeps:
- Every write is durable when its coroutine returns (committed), so a process killed right after
  a reply loses nothing it had recorded.
- A write that cannot be made (disk full, read-only, locked past the busy timeout, connection
  lost) raises `StoreUnavailable` with a sentence naming the file/server and the cause; never a
  driver exception. Start-up problems in `open` raise `StoreError` instead.
- `reserve`, `top_up` and `rate_hit` are each ONE atomic check-and-write in the database (SQLite:
  one write transaction under the busy timeout; PostgreSQL: one transaction holding a lock), so
  any number of processes on one database never pass a cap together.
- Times are aware UTC datetimes; periods are UTC days (00:00 to 00:00) and months (from the 1st).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta

from core.store.attempts import Attempt
from core.store.grounding_records import GroundingQueries
from core.store.inbox import InboxEntry, InboxQueries
from core.store.ledger import BOOK_ORPHANS, USAGE_INSERT
from core.store.privacy import PrivacyQueries
from core.store.records import BudgetCaps, Denial, Grant, RateKey, ReserveRequest
from core.store.sql import CoreQueries
from core.store.sql_owner import OwnerQueries
from core.store.sql_reports import ReportQueries
from core.store.viewing import ViewingQueries

_RECORD = USAGE_INSERT + " VALUES (" + ",".join("?" * 17) + ")"


class Store(
    CoreQueries,
    OwnerQueries,
    ReportQueries,
    PrivacyQueries,
    GroundingQueries,
    ViewingQueries,
    InboxQueries,
):
    """The store: every query both backends share, inherited from the query layer (each method
    says what it keeps); a backend adds its executor (`core.store.executor`) and the methods
    below, which it does its own way. See the module docstring for the rules every method
    keeps."""

    async def close(self) -> None:
        """Close the connection(s); safe to call twice."""
        raise NotImplementedError

    async def reserve(self, request: ReserveRequest) -> Grant | Denial:
        """Atomically check the caps and hold a call's worst case. In one transaction:

        spent_day   = tokens booked to the UTC day of `now`; spent_month = USD of its month
        held        = tokens / USD still held by open reservations with expires_at > now
        minute      = tokens of attempts in the minute window (core.store.ledger.minute_ago:
                      from the attempt's epoch second until 61 s after it began)
        room_day    = caps.daily_tokens - spent_day - held_tokens - prompt        (cap 0: no limit)
        room_month  = floor((caps.monthly_usd + 1e-9 - spent_month - held_usd
                             - prompt * input_usd) / output_usd)   (cap 0 or output_usd 0: no
                      limit on answer tokens, but prompt * input_usd must still fit)
        room_minute = caps.tokens_per_minute - minute - held_tokens - prompt  (cap 0, or minute +
                      held_tokens == 0: no limit, so one call larger than the limit can run alone)
        answer      = min(max_tokens, room_day, room_month, room_minute)

        If answer >= min_tokens a reservation of (prompt + answer) tokens and
        (prompt * input_usd + answer * output_usd) USD is written and its `Grant` returned; else
        nothing is written and a `Denial` carries the `LedgerView` (read after the failed check).
        The caller makes the model call only after a Grant came back."""
        raise NotImplementedError

    async def top_up(
        self, reservation: int, tokens: int, usd: float, caps: BudgetCaps, now: datetime
    ) -> bool:
        """Atomically make an open reservation hold at least `tokens` / `usd` again (before a
        further attempt of the same call), if the caps (as in `reserve`) allow the increase.
        False when they do not, or the reservation is not open (released or expired)."""
        raise NotImplementedError

    async def record_attempt(self, attempt: Attempt) -> None:
        """Write one usage row (failed attempts too) and, in the same transaction, book its tokens
        to the UTC day and its USD to the UTC month of `attempt.at`, and settle the reservation
        `attempt.context.reservation` (if set and open): it holds that much less, never below 0;
        an attempt with outcome `ok` is the last of its answer and closes the reservation. When
        that reservation was booked as an orphan, its estimate is taken back (row and spend).
        All but the row is the trigger `usage_books` (`core.store.ledger.usage_books`)."""
        second = math.floor(attempt.at.timestamp())
        await self._run("record usage", _RECORD, *self._attempt_params(attempt), second)

    async def book_orphans(self, now: datetime, lease: timedelta) -> int:
        """Book every orphaned reservation as spend, atomically and once whoever else books
        (`core.store.ledger.ORPHANED`: expired at `now`, or made before `now - lease` by a process
        whose heartbeat is older than that): the whole amount it still holds, as one estimated
        usage row with outcome `ledger.ORPHAN`, booked to `now`'s day and month. A usage row that
        later arrives for the reservation replaces the estimate (`record_attempt`). How many."""
        at, edge, second = self.dialect.time(now), self.dialect.time(now - lease), now.timestamp()
        sql = BOOK_ORPHANS.format(lock_rows=self.dialect.lock_rows)
        flag = self.dialect.flag(True)
        booked = await self._rows("book orphans", sql, at, flag, math.floor(second), at, edge, edge)
        return len(booked)

    async def rate_hit(
        self, keys: Sequence[RateKey], now: float, window_s: float
    ) -> tuple[str, float] | None:
        """Atomically count one request in every window of `keys`, or in none.

        `now` is wall-clock epoch seconds (shared by all processes). A key's window holds its
        hits with at > now - window_s. If every key has fewer than its `limit` hits, one hit per
        key is written and None returned; otherwise nothing is written and (key, seconds) says
        which full window waits longest and how long until the request would pass (> 0):
        the limit-th newest hit's time + window_s - now. SQLite counts per second: a hit may
        count (and the wait run) up to a second longer when its second holds several, never
        shorter. A limit of 0 is no limit."""
        counted = [k for k in keys if k.limit > 0]
        return await self._rate_hit(counted, now, window_s) if counted else None

    async def _rate_hit(
        self, keys: Sequence[RateKey], now: float, window_s: float
    ) -> tuple[str, float] | None:
        """`rate_hit` over `keys`, each with a limit."""
        raise NotImplementedError

    async def admit_and_reserve(
        self, keys: Sequence[RateKey], now: float, window_s: float, request: ReserveRequest
    ) -> tuple[tuple[str, float] | None, Grant | Denial | None]:
        """`rate_hit(keys, now, window_s)` and, only when it counted the request,
        `reserve(request)`: one atomic step and one round trip. (the full window as `rate_hit`
        says it, None: nothing written) or (None, what `reserve` returned)."""
        counted = [k for k in keys if k.limit > 0]
        if not counted:
            return None, await self.reserve(request)
        return await self._admit_and_reserve(counted, now, window_s, request)

    async def _admit_and_reserve(
        self, keys: Sequence[RateKey], now: float, window_s: float, request: ReserveRequest
    ) -> tuple[tuple[str, float] | None, Grant | Denial | None]:
        """`admit_and_reserve` over `keys`, each with a limit."""
        raise NotImplementedError

    async def accept(self, entry: InboxEntry) -> bool:
        """Claim `entry.key` (as `claim`) and, in the same transaction and round trip, write the
        entry to the inbox of accepted questions. False (and nothing written) when the key was
        claimed before: the event is a duplicate."""
        raise NotImplementedError
