"""SQLite table of the dashboard: the alerts history.

A mixin of `core.store.sqlite.Store`. The table is only ever added to, and is created when
missing on every open (`CREATE ... IF NOT EXISTS`), outside the numbered migrations.

The owner's decisions on gaps live in the owner loop's `gap_groups` (core.store.sqlite_owner),
which the dashboard's Questions page acts on too. Databases from before that keep an unused
`gap_status` table (per-wording "ignored" marks): nothing reads or writes it any more, and it
is left in place rather than dropped on open.
"""

from __future__ import annotations

from datetime import UTC, datetime

import aiosqlite

from core.insight.alerts import Alert
from core.store.sqlite_rows import ts

DASHBOARD_TABLES = """
CREATE TABLE IF NOT EXISTS alerts (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    severity TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    action TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS alerts_at ON alerts(at);
"""

_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"  # the same sortable text as `core.store.sqlite.ts`


def _ts(at: datetime) -> str:
    return ts(at)


def _parse(text: str) -> datetime:
    return datetime.strptime(text, _TIME_FORMAT).replace(tzinfo=UTC)


class DashboardTables:
    """Alerts-history methods of the SQLite store."""

    _db: aiosqlite.Connection

    async def ensure_dashboard_tables(self) -> None:
        await self._db.executescript(DASHBOARD_TABLES)

    async def record_alert(self, alert: Alert) -> None:
        """Keep a published alert for the history (an AlertBus subscriber)."""
        await self._db.execute(
            "INSERT INTO alerts (at, kind, key, severity, title, text, action)"
            " VALUES (?,?,?,?,?,?,?)",
            (_ts(alert.at), alert.kind, alert.key, alert.severity, alert.title, alert.text,
             alert.action),
        )  # fmt: skip

    async def alerts_history(self, limit: int = 200) -> list[Alert]:
        """Recorded alerts, newest first."""
        rows = await self._db.execute_fetchall(
            "SELECT kind, key, title, text, action, severity, at FROM alerts"
            " ORDER BY at DESC, id DESC LIMIT ?",
            (limit,),
        )
        return [Alert(r[0], r[1], r[2], r[3], r[4], r[5], _parse(r[6])) for r in rows]
