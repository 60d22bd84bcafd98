"""The budget ledger's rules, defined once for both backends.

- The ledger view (`LEDGER_VIEW`): tokens booked to the UTC day, USD to the UTC month, what open
  reservations hold (and how many there are: every one until it is settled, released or booked
  as an orphan, expired or not, so the budget never counts less than may have been spent), the
  tokens of the last minute. One statement (`LEDGER_READ`) serves `Store.ledger` on both
  backends and SQLite's check-and-writes on the connection's thread; PostgreSQL's functions run
  it under the ledger lock with their own parameter names.
- The minute window (`minute_ago`): an attempt counts from its epoch second until 61 s after
  that second began (60 to 61 s after the attempt: never short, at most a second long), on both
  backends; the rate windows count per second the same way (`core.store.sqlite_ledger`,
  `twin_rate_hit`).
- The room a call may have (`answer_room`) and whether a reservation may grow (`top_up_fits`);
  `twin_reserve` and `twin_top_up` repeat them in PL/pgSQL (one round trip each), and the
  property test (tests/store/test_ledger_property.py) holds both to the same decisions.
- Which reservations are orphans (`ORPHANED`): expired, or held by a process whose heartbeat
  (`processes.seen_at`) lapsed past the instances' lease (and made before that lease's edge).
  An orphan is never dropped: it is booked as spend, the whole amount it still holds, as one
  usage row with outcome `ORPHAN` and `estimated` set (SQLite: `sqlite_ledger.book_orphans`,
  PostgreSQL: `pg_ledger.BOOK_ORPHANS`, both over this predicate, in one transaction that
  deletes the reservation, so one claimer books it). A usage row that later arrives for the same
  reservation (the owner was slow, not dead) replaces that estimate: the estimate's row is
  deleted and its spend taken back in the same statement that books the real one. The budget
  never counts less than was reserved and spent, and never twice.
- How a usage row books its spend (`usage_books`): one trigger body on both backends, run in the
  statement that writes the row (SQLite: `sqlite_schema`, PostgreSQL: `pg_ledger`).
"""

from __future__ import annotations

import math
from datetime import UTC, datetime

from core.store.dialect import Dialect
from core.store.records import BudgetCaps, Grant, LedgerView, ReserveRequest

USD_EPSILON = 1e-9  # float sums of prices must not refuse a call that fits to the cent
HOUR_S = 3600.0  # maintenance keeps this much of the per-second windows

LEDGER_VIEW = """
SELECT COALESCE((SELECT tokens FROM spend WHERE period = {day}), 0),
       COALESCE((SELECT usd FROM spend WHERE period = {month}), 0.0),
       held.tokens, held.usd, held.n,
       CASE WHEN CAST({tpm} AS BIGINT) > 0 THEN (SELECT COALESCE(SUM(tokens), 0) FROM spend_seconds
           WHERE second > {minute_ago}) ELSE 0 END
FROM (SELECT COALESCE(SUM(tokens), 0) AS tokens, COALESCE(SUM(usd), 0.0) AS usd,
             COUNT(*) AS n FROM reservations) AS held
"""

# The view as the shared query layer and SQLite's ledger functions read it (`view_args`).
LEDGER_READ = LEDGER_VIEW.format(day="?", month="?", tpm="?", minute_ago="?")


def view_args(now: datetime, caps: BudgetCaps) -> tuple[str, str, int, int]:
    """`LEDGER_READ`'s parameters at `now`."""
    return (*periods(now), caps.tokens_per_minute, minute_ago(now))


ORPHAN = "orphaned"  # the outcome of an orphan's estimated usage row

# A usage row's columns as every INSERT writes them (`second`: the epoch second of `at`, the
# minute window's); `Store.recent_attempts` reads them back without `second`.
ATTEMPT_COLUMNS = (
    "at, request_id, platform, user_id, channel_id, model, prompt_tokens, completion_tokens,"
    " cost_usd, latency_ms, outcome, estimated, reservation, cached_input_tokens,"
    " reasoning_tokens, cache_saved_usd"
)
USAGE_INSERT = f"INSERT INTO usage ({ATTEMPT_COLUMNS}, second)"

# Reservations to book as spend at {now}: expired, or their owner's heartbeat is older than
# {edge} (now - lease) and they were made before it. An owner with no heartbeat row at all (a
# `twin ask` process, which serves nothing) is booked when its reservation expires.
ORPHANED = """
(reservations.expires_at <= {now} OR (reservations.created_at <= {edge} AND reservations.owner IN
    (SELECT p.writer FROM processes p WHERE p.seen_at <= {edge})))
"""


# The trigger `usage_books`, run for every usage row in the statement that writes it: a row for a
# reservation booked as an orphan replaces that estimate (the estimate's row goes, its spend is
# taken back from its own day and month); the row's tokens and USD are booked to its UTC day and
# month, and its tokens, less the prompt tokens served from Groq's cache (they do not count
# against Groq's rate limits), to its second of the minute window; its reservation is settled:
# an `ok` attempt ends its answer and closes it (no separate release: a round trip saved), any
# other outcome only takes its spend off the hold, for the next attempt's top-up.
_USAGE_BOOKS = """
UPDATE spend SET
    tokens = tokens - (SELECT o.prompt_tokens + o.completion_tokens FROM usage o {orphan}),
    usd = usd - (SELECT o.cost_usd FROM usage o {orphan})
    WHERE NEW.outcome <> '{ORPHAN}' AND period IN (
        SELECT 'd:' || {day} FROM usage o {orphan}
        UNION ALL SELECT 'm:' || substr({day}, 1, 7) FROM usage o {orphan});
DELETE FROM usage
    WHERE reservation = NEW.reservation AND outcome = '{ORPHAN}' AND NEW.outcome <> '{ORPHAN}';
INSERT INTO spend (period, tokens, usd) VALUES
    ('d:' || {new_day}, NEW.prompt_tokens + NEW.completion_tokens, NEW.cost_usd),
    ('m:' || substr({new_day}, 1, 7), NEW.prompt_tokens + NEW.completion_tokens, NEW.cost_usd)
    ON CONFLICT (period) DO UPDATE
    SET tokens = spend.tokens + excluded.tokens, usd = spend.usd + excluded.usd;
INSERT INTO spend_seconds (second, tokens)
    VALUES (NEW.second, NEW.prompt_tokens - NEW.cached_input_tokens + NEW.completion_tokens)
    ON CONFLICT (second) DO UPDATE SET tokens = spend_seconds.tokens + excluded.tokens;
UPDATE reservations
    SET tokens = GREATEST(0, tokens - NEW.prompt_tokens - NEW.completion_tokens),
        usd = GREATEST(0.0, usd - NEW.cost_usd)
    WHERE id = NEW.reservation AND NEW.outcome <> 'ok';
DELETE FROM reservations WHERE id = NEW.reservation AND NEW.outcome = 'ok';
"""


def usage_books(dialect: Dialect) -> str:
    """The body of the trigger `usage_books` (its statements) in `dialect`."""
    return dialect.sql(
        _USAGE_BOOKS.format(
            orphan=f"WHERE o.reservation = NEW.reservation AND o.outcome = '{ORPHAN}'",
            day=dialect.day_of("o.at"),
            new_day=dialect.day_of("NEW.at"),
            ORPHAN=ORPHAN,
        )
    ).strip()


def periods(at: datetime) -> tuple[str, str]:
    """The `spend` rows of `at`: its UTC day ('d:2026-12-07') and month ('m:2026-12')."""
    day = at.astimezone(UTC).date().isoformat()  # not strftime: a tenth of its cost
    return "d:" + day, "m:" + day[:7]


def minute_ago(now: datetime) -> int:
    """The window's edge: seconds after this one count as the last minute."""
    return math.floor(now.timestamp()) - 61


def answer_room(request: ReserveRequest, view: LedgerView) -> int:
    """The answer tokens the caps leave for this call (at most `max_tokens`), -1 for none."""
    caps, prompt = request.caps, max(0, request.prompt_tokens)
    in_usd, out_usd = max(0.0, request.input_usd), max(0.0, request.output_usd)
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


def grants(request: ReserveRequest, view: LedgerView, answer: int) -> bool:
    """Whether `answer` tokens (from `answer_room`) are worth a call and the prompt fits."""
    monthly = request.caps.monthly_usd
    prompt_usd = max(0, request.prompt_tokens) * max(0.0, request.input_usd)
    prompt_fits = (
        monthly <= 0 or view.month_usd + view.held_usd + prompt_usd <= monthly + USD_EPSILON
    )
    return prompt_fits and answer >= max(0, min(request.min_tokens, request.max_tokens))


def grant(request: ReserveRequest, view: LedgerView, reservation: int, answer: int) -> Grant:
    """The `Grant` of a reservation written for `answer` tokens."""
    prompt = max(0, request.prompt_tokens)
    return Grant(
        id=reservation,
        max_tokens=answer,
        tokens=prompt + answer,
        usd=prompt * max(0.0, request.input_usd) + answer * max(0.0, request.output_usd),
        day_tokens=view.day_tokens,
        month_usd=view.month_usd,
    )


def top_up_fits(
    view: LedgerView, caps: BudgetCaps, held_tokens: int, more_tokens: int, more_usd: float
) -> bool:
    """Whether one open reservation (holding `held_tokens` now) may hold this much more."""
    busy = view.minute_tokens + view.held_tokens
    over_day = view.day_tokens + view.held_tokens + more_tokens > caps.daily_tokens
    over_month = view.month_usd + view.held_usd + more_usd > caps.monthly_usd + USD_EPSILON
    over_minute = busy + more_tokens > caps.tokens_per_minute and busy - held_tokens > 0
    return not (
        (caps.daily_tokens > 0 and more_tokens > 0 and over_day)
        or (caps.monthly_usd > 0 and more_usd > 0 and over_month)
        or (caps.tokens_per_minute > 0 and more_tokens > 0 and over_minute)
    )
