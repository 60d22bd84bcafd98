"""The twin's tables, declared once for both backends (schema version 11).

Column types are written as `{time}`, `{int}`, ... and filled in by each engine's dialect
(`core.store.dialect`), so SQLite and PostgreSQL hold the same tables with the same columns.
A new database is created from these declarations; an older one is brought here by its
backend's migrations (`core.store.sqlite_schema`, `core.store.pg_schema`),
which a test checks end with exactly these columns. `twin db copy` and `twin db status` read the
table list from here.

What each table holds:
- usage: one row per model attempt (failed ones too), priced when recorded (`cost_usd`,
  `cache_saved_usd`: what Groq's prefix cache saved, NULL for rows from before version 8).
- spend: tokens and USD booked per UTC day ('d:2026-12-07') and month ('m:2026-12');
  spend_seconds: tokens per epoch second, for the tokens-per-minute window. Both are kept by
  the usage write in the same transaction, so a budget check reads a few rows.
- reservations: open holds of calls in flight (the budget ledger); rate_seconds: requests per
  rate key and second (the rate windows); seen: once-only keys (event dedupe, alert claims).
- inbox (version 10): accepted questions not yet answered (core.store.inbox);
- questions, turns, gaps, cache, health, processes, feedback, alerts: what their names say;
  gap_groups, owner_card_days, answer_sources, answer_messages: the owner loop;
  gap_status: the first dashboard's decisions on gap wordings (read by nothing now; its text is
  still forgotten with its member).
- grounding: one row per checked answer (its model, claims checked and held back, which), what
  invented claims per 100 answers are counted from.
- viewing_context (version 9): what a member was last seen looking at in a conversation
  (Slack's `app_context_changed`), one row per conversation: entity types and ids only, at most
  `core.store.viewing.MAX_ENTITIES`; untrusted data, never sent to a model.

A table added after version 8 says so (`added`): the migration that made it creates it, and
the steps before it create only the tables they knew.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from core.store.dialect import Dialect
from core.store.records import StoreError

SCHEMA_VERSION = 12  # 12: the reserve and the top-up one statement for both (core.store.ledger)
ONE_SCHEMA = 8  # the version whose tables are every table not marked `added` later


@dataclass(frozen=True)
class Table:
    """One table: its column declarations (dialect types in braces) and its indexes."""

    name: str
    body: str
    indexes: tuple[str, ...] = ()
    ephemeral: bool = False  # leases and windows of running processes: never copied
    without_rowid: bool = False  # SQLite: the rows live in the primary key's b-tree
    added: int = ONE_SCHEMA  # the schema version that added the table

    def columns(self) -> tuple[tuple[str, str], ...]:
        """(name, type token) of each column, in order ("" when the type is spelled out)."""
        out = []
        for line in self.body.strip().splitlines():
            word = line.strip().rstrip(",")
            if not word or word.startswith(("PRIMARY KEY", "{")):
                continue
            name, _, rest = word.partition(" ")
            token = re.match(r"\{(\w+)\}", rest.strip())
            out.append((name, token.group(1) if token else ""))
        return tuple(out)

    def ddl(self, dialect: Dialect) -> list[str]:
        """CREATE statements of the table and its indexes in `dialect`."""
        body = self.body.strip().format(**dialect.types)
        tail = dialect.types["without_rowid"] if self.without_rowid else ""
        return [f"CREATE TABLE IF NOT EXISTS {self.name} (\n    {body}\n){tail}", *self.index_ddl()]

    def index_ddl(self) -> list[str]:
        return [f"CREATE INDEX IF NOT EXISTS {index}" for index in self.indexes]

    def declarations(self, dialect: Dialect) -> dict[str, str]:
        """Each column's declaration in `dialect`, by name."""
        lines = self.body.strip().format(**dialect.types).splitlines()
        words = (line.strip().rstrip(",") for line in lines)
        return {w.split(" ", 1)[0]: w for w in words if w and not w.startswith("PRIMARY KEY")}


# Who asked, where and when: how a question and each of its model calls are kept (the same
# columns in both, since version 1).
REQUEST = """
    id {id},
    at {time} NOT NULL,
    request_id TEXT NOT NULL,
    platform TEXT NOT NULL,
    user_id TEXT NOT NULL,
    channel_id TEXT NOT NULL,
"""

TABLES: tuple[Table, ...] = (
    Table(
        "usage",
        REQUEST
        + """
    model TEXT NOT NULL,
    prompt_tokens {int} NOT NULL,
    completion_tokens {int} NOT NULL,
    cost_usd {real} NOT NULL,
    latency_ms {real} NOT NULL,
    outcome TEXT NOT NULL,
    estimated {bool} NOT NULL DEFAULT FALSE,
    reservation {int},
    second {int},
    cached_input_tokens {int} NOT NULL DEFAULT 0,
    reasoning_tokens {int} NOT NULL DEFAULT 0,
    cache_saved_usd {real}
""",
        (
            "usage_at ON usage(at)",
            "usage_model ON usage(model, id)",
            # version 9: the estimates of orphaned reservations, found by the usage row that
            # replaces one (core.store.ledger.ORPHANED)
            "usage_orphans ON usage(reservation) WHERE outcome = 'orphaned'",
        ),
    ),
    Table(
        "spend",
        """
    period TEXT PRIMARY KEY,
    tokens {int} NOT NULL DEFAULT 0,
    usd {real} NOT NULL DEFAULT 0
""",
    ),
    Table(
        "spend_seconds",
        """
    second {int} PRIMARY KEY,
    tokens {int} NOT NULL DEFAULT 0
""",
        ephemeral=True,
    ),
    Table(
        "reservations",
        """
    id {serial},
    created_at {time} NOT NULL,
    expires_at {time} NOT NULL,
    tokens {int} NOT NULL,
    usd {real} NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    day_tokens {int} NOT NULL DEFAULT 0,
    month_usd {real} NOT NULL DEFAULT 0
""",
        ephemeral=True,
    ),
    Table(
        "rate_seconds",
        """
    key TEXT NOT NULL,
    second {int} NOT NULL,
    n {int} NOT NULL,
    last_at {real} NOT NULL,
    PRIMARY KEY (key, second)
""",
        ephemeral=True,
        without_rowid=True,
    ),
    Table(
        "questions",
        REQUEST
        + """
    outcome TEXT NOT NULL,
    model TEXT,
    tokens {int} NOT NULL DEFAULT 0,
    cost_usd {real} NOT NULL DEFAULT 0,
    saved_usd {real} NOT NULL DEFAULT 0,
    latency_ms {real} NOT NULL DEFAULT 0,
    question TEXT NOT NULL DEFAULT '',
    answer TEXT NOT NULL DEFAULT ''
""",
        ("questions_at ON questions(at)", "questions_request ON questions(request_id)"),
    ),
    Table(
        "turns",
        """
    id {id},
    conversation TEXT NOT NULL,
    at {time} NOT NULL,
    role TEXT NOT NULL,
    text TEXT NOT NULL,
    platform TEXT NOT NULL DEFAULT '',
    user_id TEXT NOT NULL DEFAULT ''
""",
        (
            "turns_conversation ON turns(conversation, id)",
            "turns_at ON turns(at)",
            "turns_user ON turns(platform, user_id)",
        ),
    ),
    Table(
        "gap_groups",
        """
    id {id},
    kind TEXT NOT NULL DEFAULT 'gap',
    created_at {time} NOT NULL,
    last_asked {time} NOT NULL,
    example TEXT NOT NULL,
    terms TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'open',
    carded_at {time},
    closed_at {time},
    closed_by TEXT NOT NULL DEFAULT '',
    answer TEXT NOT NULL DEFAULT ''
""",
        ("gap_groups_status ON gap_groups(status, id)",),
    ),
    Table(
        "gaps",
        """
    id {id},
    at {time} NOT NULL,
    platform TEXT NOT NULL,
    user_id TEXT NOT NULL,
    question TEXT NOT NULL,
    normalized TEXT NOT NULL,
    group_id {int},
    channel_id TEXT NOT NULL DEFAULT '',
    reply_to TEXT NOT NULL DEFAULT '',
    request_id TEXT NOT NULL DEFAULT '',
    replied_at {time}
""",
        (
            "gaps_at ON gaps(at)",
            "gaps_group ON gaps(group_id)",
            "gaps_user ON gaps(platform, user_id)",
        ),
    ),
    Table(
        "cache",
        """
    key TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    answer TEXT NOT NULL,
    model TEXT NOT NULL,
    tokens {int} NOT NULL,
    cost_usd {real} NOT NULL,
    created_at {time} NOT NULL
""",
        ("cache_fingerprint ON cache(fingerprint, created_at)",),
    ),
    Table(
        "seen",
        """
    key TEXT PRIMARY KEY,
    at {time} NOT NULL
""",
    ),
    Table(
        "processes",
        """
    writer TEXT PRIMARY KEY,
    seen_at {time} NOT NULL
""",
        ephemeral=True,
    ),
    Table(
        # version 10: accepted questions not yet answered, owned by the answering process
        # (core.store.inbox)
        "inbox",
        """
    key TEXT PRIMARY KEY,
    at {time} NOT NULL,
    owner TEXT NOT NULL,
    platform TEXT NOT NULL,
    user_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    taken {int} NOT NULL DEFAULT 0
""",
        ("inbox_at ON inbox(at)",),
        added=10,
    ),
    Table(
        "health",
        """
    model TEXT PRIMARY KEY,
    updated_at {time} NOT NULL,
    writer TEXT NOT NULL,
    breaker TEXT NOT NULL,
    breaker_until {time},
    in_rotation {bool} NOT NULL DEFAULT TRUE,
    last_error TEXT,
    last_error_at {time},
    remaining_requests {int},
    remaining_tokens {int},
    limits_at {time}
""",
    ),
    Table(
        "feedback",
        """
    platform TEXT NOT NULL,
    answer_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    helpful {bool} NOT NULL,
    at {time} NOT NULL,
    PRIMARY KEY (platform, answer_id, user_id)
""",
        ("feedback_at ON feedback(at)", "feedback_answer ON feedback(answer_id)"),
    ),
    Table(
        "alerts",
        """
    id {id},
    at {time} NOT NULL,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    severity TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    action TEXT NOT NULL
""",
        ("alerts_at ON alerts(at)",),
    ),
    Table(
        "gap_status",
        """
    normalized TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    at {time} NOT NULL
""",
    ),
    Table(
        "owner_card_days",
        """
    day TEXT PRIMARY KEY,
    count {int} NOT NULL
""",
    ),
    Table(
        "answer_sources",
        """
    request_id TEXT PRIMARY KEY,
    at {time} NOT NULL,
    platform TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    conversation TEXT NOT NULL,
    model TEXT,
    facts TEXT NOT NULL,
    used TEXT NOT NULL,
    user_id TEXT NOT NULL DEFAULT '',
    reply_to TEXT NOT NULL DEFAULT ''
""",
        ("answer_sources_at ON answer_sources(at)",),
    ),
    Table(
        "answer_messages",
        """
    platform TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    request_id TEXT NOT NULL,
    at {time} NOT NULL{rowid_table},
    PRIMARY KEY (platform, channel_id, message_id)
""",
        ("answer_messages_channel ON answer_messages(platform, channel_id, at)",),
    ),
    Table(
        "grounding",
        """
    request_id TEXT PRIMARY KEY,
    at {time} NOT NULL,
    model TEXT NOT NULL,
    claims {int} NOT NULL,
    held {int} NOT NULL,
    terms TEXT NOT NULL DEFAULT ''
""",
        ("grounding_at ON grounding(at)",),
    ),
    Table(
        "viewing_context",
        """
    conversation TEXT PRIMARY KEY,
    at {time} NOT NULL,
    platform TEXT NOT NULL,
    user_id TEXT NOT NULL,
    entities TEXT NOT NULL
""",
        (
            "viewing_context_user ON viewing_context(platform, user_id)",
            "viewing_context_at ON viewing_context(at)",
        ),
        added=9,
    ),
)

TABLE_NAMES = tuple(t.name for t in TABLES)


def table(name: str) -> Table:
    return next(t for t in TABLES if t.name == name)


def tables_of(catalog: Iterable[Sequence[str]]) -> dict[str, set[str]]:
    """Each table's columns, from the rows of a dialect's `catalog` query."""
    out: dict[str, set[str]] = {}
    for name, column in catalog:
        out.setdefault(name, set()).add(column)
    return out


def upgrade_statements(dialect: Dialect, existing: Mapping[str, Collection[str]]) -> list[str]:
    """What brings a database holding `existing` (table: its columns) to this schema, whatever
    version left it: each missing table created, each missing column added (every column added
    to a released table has a default or takes NULL), every index (IF NOT EXISTS). The
    backends' migrations wrap this with what moves data (`sqlite_schema`, `pg_schema`)."""
    out = ["CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)"]
    for t in TABLES:
        have = existing.get(t.name)
        if have is None:
            out += t.ddl(dialect)
            continue
        declared = t.declarations(dialect)
        out += [f"ALTER TABLE {t.name} ADD COLUMN {declared[c]}" for c in declared if c not in have]
        out += t.index_ddl()
    return out


Rows = Callable[..., Awaitable[Any]]  # a read on the opening connection: its rows
Run = Callable[..., Awaitable[object]]  # a statement (with its parameters) on that connection


async def read_version(rows: Rows, dialect: Dialect) -> int:
    """The schema version a database carries (0 for a new one), reading only."""
    if "meta" not in tables_of(await rows(dialect.catalog)):
        return 0
    found = list(await rows("SELECT value FROM meta WHERE key = 'schema_version'"))
    return int(found[0][0]) if found else 0


def refuse_newer(version: int, where: str, elsewhere: str) -> None:
    """A database a newer twin wrote is refused before anything is written to it."""
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{where} has schema version {version}; this twin knows up to {SCHEMA_VERSION}. "
            f"Nothing was changed (it is left unchanged for the twin that wrote it). Upgrade "
            f"twin, or point {elsewhere}."
        )


async def migrate(
    rows: Rows,
    run: Run,
    dialect: Dialect,
    upgrade: Callable[[Mapping[str, Collection[str]]], list[str]],
) -> None:
    """Bring a database to SCHEMA_VERSION, inside the caller's write lock (the version is read
    again there: a second process opening at the same moment waits, then finds nothing to do):
    `upgrade` (this schema's `upgrade_statements` and the backend's own steps) over the tables
    it holds, then the version."""
    existing = tables_of(await rows(dialect.catalog))
    if "meta" in existing and await read_version(rows, dialect) >= SCHEMA_VERSION:
        return
    for statement in upgrade(existing):
        await run(statement)
    version = "INSERT INTO meta (key, value) VALUES ('schema_version', ?)"
    upsert = " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
    await run(dialect.sql(version + upsert), str(SCHEMA_VERSION))
