"""The budget ledger's rules, defined once for both backends.

- The ledger view (`LEDGER_VIEW`): tokens booked to the UTC day, USD to the UTC month, what open
  reservations hold (and how many there are: every one until it is settled, released or booked
  as an orphan, expired or not, so the budget never counts less than may have been spent), the
  tokens of the last minute. One statement (`LEDGER_READ`) serves `Store.ledger` on both
  backends; the check-and-writes read it inside their own statement.
- The minute window (`minute_ago`): an attempt counts from its epoch second until 61 s after
  that second began (60 to 61 s after the attempt: never short, at most a second long), on both
  backends; the rate windows count per second the same way (`RATE_FULL`, `RATE_COUNT`: one
  definition both backends run, SQLite on its thread, PostgreSQL inside `twin_rate_hit`).
- The room a call may have and whether a reservation may grow: `RESERVE` and `TOP_UP`, one
  statement each that both backends run (SQLite in its write transaction, PostgreSQL inside
  `twin_reserve` / `twin_top_up` after the ledger lock: one round trip each); the property test
  (tests/store/test_ledger_property.py) holds both to the same decisions.
- Which reservations are orphans (`ORPHANED`): expired, or held by a process whose heartbeat
  (`processes.seen_at`) lapsed past the instances' lease (and made before that lease's edge).
  An orphan is never dropped: it is booked as spend, the whole amount it still holds, as one
  usage row with outcome `ORPHAN` and `estimated` set (`BOOK_ORPHANS`, one statement both
  backends run; its rows' trigger deletes the reservation, so one claimer books it). A usage
  row that later arrives for the same reservation (the owner was slow, not dead) replaces that
  estimate: the estimate's row is deleted and its spend taken back in the same statement that
  books the real one. The budget never counts less than was reserved and spent, and never
  twice.
- How a usage row books its spend (`usage_books`): one trigger body on both backends, run in the
  statement that writes the row (SQLite: `sqlite_schema`, PostgreSQL: `pg_ledger`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from core.store.dialect import Dialect
from core.store.records import BudgetCaps, Grant, ReserveRequest

USD_EPSILON = 1e-9  # float sums of prices must not refuse a call that fits to the cent
HOUR_S = 3600.0  # maintenance keeps this much of the per-second windows

LEDGER_VIEW = """
SELECT COALESCE((SELECT tokens FROM spend WHERE period = {day}), 0) AS spent_day,
       COALESCE((SELECT usd FROM spend WHERE period = {month}), 0.0) AS spent_month,
       held.tokens AS held_tokens, held.usd AS held_usd, held.n AS open_count,
       CASE WHEN CAST({tpm} AS BIGINT) > 0 THEN (SELECT COALESCE(SUM(tokens), 0) FROM spend_seconds
           WHERE second > {minute_ago}) ELSE 0 END AS minute_tokens
FROM (SELECT COALESCE(SUM(tokens), 0) AS tokens, COALESCE(SUM(usd), 0.0) AS usd,
             COUNT(*) AS n FROM reservations) AS held
"""

# The view as the shared query layer reads it (`view_args`).
LEDGER_READ = LEDGER_VIEW.format(day="?", month="?", tpm="?", minute_ago="?")


def view_args(now: datetime, caps: BudgetCaps) -> tuple[str, str, int, int]:
    """`LEDGER_READ`'s parameters at `now`."""
    return (*periods(now), caps.tokens_per_minute, minute_ago(now))


# The reserve-and-check (`Store.reserve`) as ONE statement. The room a call may have: at most
# {max} answer tokens, less where a cap is set: what the day leaves, what the month leaves
# priced at {out_usd} (when that price is not 0), what the minute leaves once it is busy (so one
# call larger than the limit can run alone). The reservation is written when that room reaches
# {min} (at most {max}) and the prompt alone fits the month; its row comes back, nothing when
# refused. SQLite runs it in its write transaction (`sqlite_ledger`), PostgreSQL in
# `twin_reserve` under the ledger lock (`pg_ledger`).
RESERVE = """
INSERT INTO reservations (created_at, expires_at, tokens, usd, owner, day_tokens, month_usd)
SELECT {now}, {expires}, {prompt} + {answer}, {prompt} * {in_usd} + {answer} * {out_usd}, {owner},
       r.spent_day, r.spent_month
FROM (SELECT v.spent_day, v.spent_month, v.spent_month + v.held_usd + {prompt} * {in_usd} AS usd,
             LEAST({max},
                 CASE WHEN {daily} > 0
                      THEN {daily} - v.spent_day - v.held_tokens - {prompt} ELSE {max} END,
                 CASE WHEN {monthly} > 0 AND {out_usd} > 0
                      THEN ({monthly} + {eps} - v.spent_month - v.held_usd - {prompt} * {in_usd})
                           / {out_usd} ELSE {max} END,
                 CASE WHEN {tpm} > 0 AND v.minute_tokens + v.held_tokens > 0
                      THEN {tpm} - v.minute_tokens - v.held_tokens - {prompt} ELSE {max} END
             ) AS room
      FROM ({view}) v) r
WHERE r.room >= {min} AND ({monthly} <= 0 OR r.usd <= {monthly} + {eps})
RETURNING id, tokens, usd, day_tokens, month_usd
"""

# The top-up (`Store.top_up`) as ONE statement: an open reservation grows to hold {tokens} and
# {usd} again unless a set cap would pass with the increase (the minute's only while other
# calls keep it busy: a call larger than the limit that runs alone may grow). One row changed:
# it holds that much now (or held it already).
TOP_UP = """
UPDATE reservations
SET tokens = tokens + GREATEST(0, {tokens} - tokens), usd = usd + GREATEST(0.0, {usd} - usd)
WHERE id = {id} AND expires_at > {now} AND EXISTS (SELECT 1 FROM ({view}) v WHERE NOT (
    ({daily} > 0 AND {tokens} > reservations.tokens
        AND v.spent_day + v.held_tokens + ({tokens} - reservations.tokens) > {daily})
    OR ({monthly} > 0 AND {usd} > reservations.usd
        AND v.spent_month + v.held_usd + ({usd} - reservations.usd) > {monthly} + {eps})
    OR ({tpm} > 0 AND {tokens} > reservations.tokens
        AND v.minute_tokens + v.held_tokens + ({tokens} - reservations.tokens) > {tpm}
        AND v.minute_tokens + v.held_tokens - reservations.tokens > 0)))
"""


# The rate windows (`Store.rate_hit`), one rule for both backends. Hits are counted per key
# and second (`rate_seconds`: the second's count and its latest hit, so a check reads at most a
# row per second of the window whatever the traffic). A second counts while its latest hit is
# in the window: exact when a second holds one hit, otherwise never short and at most a second
# long, so no window ever holds more than the limit. A full key waits until the second holding
# its limit-th newest hit leaves the window. `RATE_FULL`: the full key that waits longest (the
# first of equals) and how long, no row when every key has room (`RATE_ANY_FULL`: whether one
# is full, which costs less to ask); `RATE_COUNT`: one hit per key. {keys} are the keys as rows
# (key, limit, order).
_FULL = (  # key k's window holds its limit
    "(SELECT SUM(r.n) FROM rate_seconds r"
    " WHERE r.key = k.key AND r.second >= {first} AND r.last_at > {now} - {window}) >= k.lim"
)
RATE_ANY_FULL = "WITH k(key, lim, n) AS ({keys}) SELECT 1 FROM k WHERE {full} LIMIT 1"
RATE_FULL = """
WITH k(key, lim, n) AS ({keys}), w AS MATERIALIZED (
    SELECT k.key, k.n, CASE WHEN {full} THEN (
        SELECT GREATEST(0.001, s.last_at + {window} - {now}) FROM (
            SELECT r.last_at, SUM(r.n) OVER (ORDER BY r.second DESC) AS total
            FROM rate_seconds r
            WHERE r.key = k.key AND r.second >= {first} AND r.last_at > {now} - {window}) s
        WHERE s.total >= k.lim ORDER BY s.total LIMIT 1) END AS wait
    FROM k)
SELECT key, wait FROM w WHERE wait IS NOT NULL ORDER BY wait DESC, n LIMIT 1
"""
RATE_COUNT = """
WITH k(key, lim, n) AS ({keys})
INSERT INTO rate_seconds (key, second, n, last_at)
SELECT key, CAST(TRUNC({now}) AS BIGINT), 1, {now} FROM k WHERE TRUE
ON CONFLICT (key, second) DO UPDATE
SET n = rate_seconds.n + 1, last_at = GREATEST(rate_seconds.last_at, excluded.last_at)
"""


class _Arguments(dict[str, str]):
    def __init__(self, prefix: str, **given: str) -> None:
        first = f"CAST(TRUNC({prefix}now - {prefix}window) AS BIGINT)"
        answer = "CAST(TRUNC(r.room) AS BIGINT)"
        super().__init__(eps=repr(USD_EPSILON), answer=answer, first=first, **given)
        self.prefix = prefix

    def __missing__(self, name: str) -> str:
        return self.prefix + name


def ledger_statement(template: str, dialect: Dialect, keys: str = "") -> str:
    """A statement of the ledger (`RESERVE`, `TOP_UP`, `LEDGER_VIEW`, `RATE_*`)
    as `dialect`'s backend runs it: each `{name}` as its argument (SQLite's `:name` parameters,
    the `p_name` arguments of PostgreSQL's functions), `{keys}` as `keys`."""
    text = template.replace("{view}", LEDGER_VIEW.strip()).replace("{full}", _FULL)
    return dialect.sql(text.format_map(_Arguments(dialect.argument, keys=keys)).strip())


def reserve_arguments(r: ReserveRequest, dialect: Dialect) -> dict[str, Any]:
    """`RESERVE`'s arguments for `r` (in the order of `twin_reserve`'s)."""
    caps, (day, month) = r.caps, periods(r.now)
    return {
        "now": dialect.time(r.now),
        "day": day,
        "month": month,
        "minute_ago": minute_ago(r.now),
        "prompt": max(0, r.prompt_tokens),
        "max": max(0, r.max_tokens),
        "min": max(0, min(r.min_tokens, r.max_tokens)),
        "in_usd": max(0.0, r.input_usd),
        "out_usd": max(0.0, r.output_usd),
        "daily": caps.daily_tokens,
        "monthly": float(caps.monthly_usd),
        "tpm": caps.tokens_per_minute,
        "expires": dialect.time(r.expires_at),
        "owner": r.owner,
    }


def top_up_arguments(
    reservation: int, tokens: int, usd: float, caps: BudgetCaps, now: datetime, dialect: Dialect
) -> dict[str, Any]:
    """`TOP_UP`'s arguments (in the order of `twin_top_up`'s)."""
    day, month = periods(now)
    return {
        "id": reservation,
        "tokens": tokens,
        "usd": float(usd),
        "now": dialect.time(now),
        "day": day,
        "month": month,
        "minute_ago": minute_ago(now),
        "daily": caps.daily_tokens,
        "monthly": float(caps.monthly_usd),
        "tpm": caps.tokens_per_minute,
    }


def granted(request: ReserveRequest, row: Sequence[Any]) -> Grant:
    """The `Grant` of the reservation row `RESERVE` wrote (id, tokens, usd, day, month)."""
    return Grant(
        id=int(row[0]),
        max_tokens=int(row[1]) - max(0, request.prompt_tokens),
        tokens=int(row[1]),
        usd=float(row[2]),
        day_tokens=int(row[3]),
        month_usd=float(row[4]),
    )


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
# an `ok` attempt ends its answer and closes it (no separate release: a round trip saved), as
# does an orphan's estimate (`BOOK_ORPHANS`); any other outcome only takes its spend off the
# hold, for the next attempt's top-up.
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
    WHERE id = NEW.reservation AND NEW.outcome NOT IN ('ok', '{ORPHAN}');
DELETE FROM reservations WHERE id = NEW.reservation AND NEW.outcome IN ('ok', '{ORPHAN}');
"""


# Every orphan at ? (`ORPHANED`, lease edge ?) booked as spend in ONE statement on both backends:
# an estimated usage row holding what it still held, at `now`'s second; the trigger books it
# and deletes the reservation. PostgreSQL locks the rows it books (`Dialect.lock_rows`), so a
# concurrent booker waits, then finds them gone: one books each. A row per orphan comes back.
BOOK_ORPHANS = f"""
{USAGE_INSERT}
SELECT ?, '', '', '', '', '', tokens, 0, usd, 0, '{ORPHAN}', ?, id, 0, 0, NULL, ?
FROM reservations WHERE {ORPHANED.format(now="?", edge="?").strip()}{{lock_rows}}
RETURNING 1
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
