"""SQLite's migration: how a database left by any older twin (schema versions 1 to 10) reaches
the one schema of `core.store.schema` (version 11), in one write transaction.

The tables and columns come from the schema's declarations (`schema.upgrade_statements`: what
is missing is created or added); here is only what moves data or is SQLite's own:
`model_health` became `health` (version 8); the ledger's `spend` began (version 5) from the
usage rows already written; the rate windows' per-request `hits` (versions 5-7) are counted per
key and second in `rate_seconds` (version 7) and then dropped (version 8); and the trigger
`usage_books`, which books every usage row's spend in the statement that writes it (created
again by every migration: version 11 wrote it once for both backends).
A new database is the same path from no tables at all. The released versions' own DDL is kept,
frozen, by the migration tests (`tests/store/old_database.py`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from core.store.dialect import SQLITE
from core.store.ledger import usage_books
from core.store.schema import upgrade_statements

# The trigger `usage_books` (`core.store.ledger.usage_books`: the same body as PostgreSQL's).
TRIGGER = f"CREATE TRIGGER usage_books AFTER INSERT ON usage\nBEGIN\n{usage_books(SQLITE)}\nEND"

# The spend of every usage row written before the ledger began (version 5), per day and month.
_SPEND_FROM_USAGE = """
INSERT INTO spend (period, tokens, usd)
    SELECT 'd:' || substr(at, 1, 10), SUM(prompt_tokens + completion_tokens), SUM(cost_usd)
    FROM usage GROUP BY 1
    UNION ALL
    SELECT 'm:' || substr(at, 1, 7), SUM(prompt_tokens + completion_tokens), SUM(cost_usd)
    FROM usage GROUP BY 1
"""
_RATE_FROM_HITS = """
INSERT INTO rate_seconds (key, second, n, last_at)
    SELECT key, CAST(at AS INTEGER), COUNT(*), MAX(at) FROM hits GROUP BY 1, 2
"""


def upgrade(existing: Mapping[str, Collection[str]]) -> list[str]:
    """The statements that bring a database holding `existing` (table: its columns; empty for
    a new file) to SCHEMA_VERSION, run in order in one transaction."""
    out = ["ALTER TABLE model_health RENAME TO health"] if "model_health" in existing else []
    if "model_health" in existing:
        existing = {**existing, "health": existing["model_health"]}
    out += upgrade_statements(SQLITE, existing)
    if "usage" in existing and "spend" not in existing:
        out.append(_SPEND_FROM_USAGE)
    if "hits" in existing:
        out += [] if "rate_seconds" in existing else [_RATE_FROM_HITS]
        out.append("DROP TABLE hits")
    return [
        *out,
        "DROP INDEX IF EXISTS reservations_expires",
        "DROP TRIGGER IF EXISTS usage_books",
        TRIGGER,
    ]
