"""The SQLite DDL of every released twin, frozen: migrations 1 to 11 as each version applied
them (what `core.store.sqlite_schema` used to replay step by step), for the migration tests to
build the databases those versions left. Never edited; a new release adds its step."""

from __future__ import annotations

import sqlite3

from core.store.dialect import SQLITE, Dialect
from core.store.schema import ONE_SCHEMA, REQUEST, TABLES, table


def create_statements(dialect: Dialect, version: int) -> list[str]:
    """Every table and index of schema `version` (8 or later: each table's `added`), in
    `dialect` (IF NOT EXISTS: idempotent)."""
    return [
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)",
        *(statement for t in TABLES if t.added <= version for statement in t.ddl(dialect)),
    ]


_REQUEST = REQUEST.format(**SQLITE.types).strip("\n")  # unchanged since version 1
_V1 = f"""
CREATE TABLE usage (
{_REQUEST}
    model TEXT NOT NULL,
    prompt_tokens INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL,
    cost_usd REAL NOT NULL,
    latency_ms REAL NOT NULL,
    outcome TEXT NOT NULL,
    estimated INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX usage_at ON usage(at);
CREATE INDEX usage_model ON usage(model, id);
CREATE TABLE questions (
{_REQUEST}
    outcome TEXT NOT NULL,
    model TEXT,
    tokens INTEGER NOT NULL DEFAULT 0,
    cost_usd REAL NOT NULL DEFAULT 0,
    saved_usd REAL NOT NULL DEFAULT 0,
    latency_ms REAL NOT NULL DEFAULT 0
);
CREATE INDEX questions_at ON questions(at);
CREATE TABLE turns (
    id INTEGER PRIMARY KEY,
    conversation TEXT NOT NULL,
    at TEXT NOT NULL,
    role TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX turns_conversation ON turns(conversation, id);
CREATE TABLE gaps (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    platform TEXT NOT NULL,
    user_id TEXT NOT NULL,
    question TEXT NOT NULL,
    normalized TEXT NOT NULL
);
CREATE INDEX gaps_at ON gaps(at);
CREATE TABLE cache (
    key TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    answer TEXT NOT NULL,
    model TEXT NOT NULL,
    tokens INTEGER NOT NULL,
    cost_usd REAL NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE seen (
    key TEXT PRIMARY KEY,
    at TEXT NOT NULL
);
"""

# How a usage row books its spend and settles its reservation (in the same statement). An `ok`
# attempt ends its answer: its usage row closes the reservation (saves a round trip per answer);
# any other outcome only takes its spend off the hold, for the next attempt's top-up. The
# tokens-per-minute window leaves out prompt tokens served from Groq's cache (they do not count
# against Groq's rate limits). Versions 5 to 9 kept `_TRIGGER_V6` (version 6 brought it in place
# of version 5's first trigger, so step 5 creates it as step 6 leaves it).
_BOOKS = """
    INSERT OR IGNORE INTO spend (period) VALUES ('d:' || substr(NEW.at, 1, 10));
    UPDATE spend SET tokens = tokens + NEW.prompt_tokens + NEW.completion_tokens,
        usd = usd + NEW.cost_usd WHERE period = 'd:' || substr(NEW.at, 1, 10);
    INSERT OR IGNORE INTO spend (period) VALUES ('m:' || substr(NEW.at, 1, 7));
    UPDATE spend SET tokens = tokens + NEW.prompt_tokens + NEW.completion_tokens,
        usd = usd + NEW.cost_usd WHERE period = 'm:' || substr(NEW.at, 1, 7);
    INSERT OR IGNORE INTO spend_seconds (second) VALUES (NEW.second);
    UPDATE spend_seconds
        SET tokens = tokens + NEW.prompt_tokens - NEW.cached_input_tokens + NEW.completion_tokens
        WHERE second = NEW.second;
    UPDATE reservations
        SET tokens = MAX(0, tokens - NEW.prompt_tokens - NEW.completion_tokens),
            usd = MAX(0.0, usd - NEW.cost_usd)
        WHERE id = NEW.reservation AND NEW.outcome <> 'ok';
    DELETE FROM reservations WHERE id = NEW.reservation AND NEW.outcome = 'ok';
END;
"""
_TRIGGER_V6 = "\nCREATE TRIGGER usage_books AFTER INSERT ON usage\nBEGIN" + _BOOKS

# Since version 10 a usage row for a reservation that was booked as an orphan
# (core.store.ledger.ORPHANED) replaces that estimate: its row goes and its spend is taken back
# from the day and month it was booked to (PostgreSQL: pg_ledger.RECORD_ATTEMPT).
TRIGGER = (
    """
CREATE TRIGGER usage_books AFTER INSERT ON usage
BEGIN
    UPDATE spend SET
        tokens = tokens - (SELECT o.prompt_tokens + o.completion_tokens FROM usage o
                           WHERE o.reservation = NEW.reservation AND o.outcome = 'orphaned'),
        usd = usd - (SELECT o.cost_usd FROM usage o
                     WHERE o.reservation = NEW.reservation AND o.outcome = 'orphaned')
        WHERE NEW.outcome <> 'orphaned' AND period IN (
            SELECT 'd:' || substr(o.at, 1, 10) FROM usage o
             WHERE o.reservation = NEW.reservation AND o.outcome = 'orphaned'
            UNION ALL
            SELECT 'm:' || substr(o.at, 1, 7) FROM usage o
             WHERE o.reservation = NEW.reservation AND o.outcome = 'orphaned');
    DELETE FROM usage
        WHERE reservation = NEW.reservation AND outcome = 'orphaned'"""
    " AND NEW.outcome <> 'orphaned';" + _BOOKS
)

_LEDGER = """
ALTER TABLE usage ADD COLUMN reservation INTEGER;
ALTER TABLE usage ADD COLUMN second INTEGER;  -- epoch second of `at`: the per-minute window
CREATE TABLE spend_seconds (
    second INTEGER PRIMARY KEY,
    tokens INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE spend (
    period TEXT PRIMARY KEY,
    tokens INTEGER NOT NULL DEFAULT 0,
    usd REAL NOT NULL DEFAULT 0
);
INSERT INTO spend (period, tokens, usd)
    SELECT 'd:' || substr(at, 1, 10), SUM(prompt_tokens + completion_tokens), SUM(cost_usd)
    FROM usage GROUP BY 1;
INSERT INTO spend (period, tokens, usd)
    SELECT 'm:' || substr(at, 1, 7), SUM(prompt_tokens + completion_tokens), SUM(cost_usd)
    FROM usage GROUP BY 1;
CREATE TABLE reservations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: a late usage row settles only its own
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    tokens INTEGER NOT NULL,
    usd REAL NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    day_tokens INTEGER NOT NULL DEFAULT 0,
    month_usd REAL NOT NULL DEFAULT 0
);
CREATE INDEX reservations_expires ON reservations(expires_at);
CREATE TABLE hits (
    key TEXT NOT NULL,
    at REAL NOT NULL
);
CREATE INDEX hits_key_at ON hits(key, at);
CREATE TABLE processes (
    writer TEXT PRIMARY KEY,
    seen_at TEXT NOT NULL
);
CREATE TABLE model_health (
    model TEXT PRIMARY KEY,
    updated_at TEXT NOT NULL,
    writer TEXT NOT NULL,
    breaker TEXT NOT NULL,
    breaker_until TEXT,
    in_rotation INTEGER NOT NULL DEFAULT 1,
    last_error TEXT,
    last_error_at TEXT,
    remaining_requests INTEGER,
    remaining_tokens INTEGER,
    limits_at TEXT
);
"""

_FEEDBACK = """
ALTER TABLE questions ADD COLUMN question TEXT NOT NULL DEFAULT '';
ALTER TABLE questions ADD COLUMN answer TEXT NOT NULL DEFAULT '';
CREATE INDEX IF NOT EXISTS questions_request ON questions(request_id);
CREATE TABLE IF NOT EXISTS feedback (
    platform TEXT NOT NULL,
    answer_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    helpful INTEGER NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (platform, answer_id, user_id)
);
CREATE INDEX IF NOT EXISTS feedback_at ON feedback(at);
"""

# The owner loop's tables are as version 4 made them: declared once in `core.store.schema`
# (should one change, freeze its version-4 text here first).
_OWNER = (
    "\n".join(
        f"{sql};"
        for name in ("gap_groups", "owner_card_days", "answer_sources", "answer_messages")
        for sql in table(name).ddl(SQLITE)
    )
    + """
ALTER TABLE gaps ADD COLUMN group_id INTEGER;
ALTER TABLE gaps ADD COLUMN channel_id TEXT NOT NULL DEFAULT '';
ALTER TABLE gaps ADD COLUMN reply_to TEXT NOT NULL DEFAULT '';
ALTER TABLE gaps ADD COLUMN request_id TEXT NOT NULL DEFAULT '';
ALTER TABLE gaps ADD COLUMN replied_at TEXT;
CREATE INDEX gaps_group ON gaps(group_id);
"""
)

# Groq's usage details: prompt tokens served from its prefix cache (billed at half price) and
# completion tokens spent reasoning. Additive: older rows read as 0.
_USAGE_DETAILS = """
ALTER TABLE usage ADD COLUMN cached_input_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE usage ADD COLUMN reasoning_tokens INTEGER NOT NULL DEFAULT 0;
"""

# An `ok` attempt ends its answer: its usage row closes the reservation (saves a round trip per
# answer); any other outcome only takes its spend off the hold, for the next attempt's top-up.
# The tokens-per-minute window leaves out prompt tokens served from Groq's cache (they do not
# count against Groq's rate limits).
_SETTLE_ON_OK = "DROP TRIGGER usage_books;\n" + _TRIGGER_V6

# A rate check reads at most one row per key and second of its window, whatever the traffic,
# and a request adds to its second's row (one b-tree: no separate index to write). The last
# hour's hits are carried over. `hits` stays: a twin of the previous version still running on
# this file (instances upgraded one at a time) goes on counting there; `maintain` prunes it as
# before, and a later version drops it.
_RATE_SECONDS = """
CREATE TABLE rate_seconds (
    key TEXT NOT NULL,
    second INTEGER NOT NULL,
    n INTEGER NOT NULL,       -- requests counted in this second
    last_at REAL NOT NULL,    -- the latest of them (epoch seconds)
    PRIMARY KEY (key, second)
) WITHOUT ROWID;
INSERT INTO rate_seconds (key, second, n, last_at)
    SELECT key, CAST(at AS INTEGER), COUNT(*), MAX(at) FROM hits GROUP BY 1, 2;
DROP INDEX reservations_expires;
"""

# The tables and columns older twins added on every open, outside the numbered steps (done in
# Python before this step when missing: `sqlite_open.migrate`), then the one schema's
# remaining tables and indexes (CREATE ... IF NOT EXISTS).
_ONE_SCHEMA = (
    """
ALTER TABLE usage ADD COLUMN cache_saved_usd REAL;
ALTER TABLE model_health RENAME TO health;
DROP TABLE IF EXISTS hits;
"""
    + ";\n".join(create_statements(SQLITE, ONE_SCHEMA))
    + ";\n"
)

# The viewing context as version 9 made it: declared once in `core.store.schema` (should it
# change, freeze its version-9 text here first).
_VIEWING = "".join(f"{sql};\n" for sql in table("viewing_context").ddl(SQLITE))

# Version 10: an orphaned reservation is booked as estimated spend (core.store.ledger.ORPHANED),
# and a usage row arriving for it later replaces the estimate (the trigger above).
# The inbox of accepted questions (core.store.inbox) is new in version 10 too.
_ORPHANS = (
    "CREATE INDEX IF NOT EXISTS usage_orphans ON usage(reservation) WHERE outcome = 'orphaned';\n"
    + ";\n".join(table("inbox").ddl(SQLITE))
    + ";\nDROP TRIGGER usage_books;\n"
    + TRIGGER
)

MIGRATIONS: dict[int, str] = {
    1: _V1,
    2: _FEEDBACK,  # question/answer text on questions; the feedback votes
    3: _USAGE_DETAILS,
    4: _OWNER,  # the owner loop: gap groups, cards, answer sources
    5: _LEDGER + _TRIGGER_V6,  # the shared ledger, rate windows, model health, process presence
    6: _SETTLE_ON_OK,  # a successful attempt's usage row closes its reservation
    7: _RATE_SECONDS,  # rate windows per key and second; open reservations read whole
    8: _ONE_SCHEMA,  # one schema with PostgreSQL (core.store.schema)
    9: _VIEWING,  # what a member looks at, kept beside the conversation
    10: _ORPHANS,  # orphaned reservations booked as estimated spend, replaced by real usage
    11: "",  # PostgreSQL's trigger `usage_books`; SQLite's tables and trigger stayed as in 10
}


def statements(script: str) -> list[str]:
    """A script split into complete statements (trigger bodies kept whole), so a migration can
    run statement by statement inside one transaction (executescript would commit first)."""
    out: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                out.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        out.append(buffer.strip())
    return out
