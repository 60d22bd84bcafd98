"""PostgreSQL: the read-side queries of the reports, and model health rows.

Plain functions over one connection; `PostgresStore` wraps each in its error handling.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from core.insight.reports import DayUsage, ModelUsage, PeriodUsage, UserUsage
from core.store.pg_schema import Conn
from core.store.records import HealthSnapshot

_HEALTH_COLUMNS = (
    "model, updated_at, writer, breaker, breaker_until, in_rotation, last_error, last_error_at,"
    " remaining_requests, remaining_tokens, limits_at"
)


async def period_usage(conn: Conn, label: str, since: datetime) -> PeriodUsage:
    calls = await conn.fetchrow(
        "SELECT COUNT(*), COUNT(*) FILTER (WHERE outcome <> 'ok'),"
        " COALESCE(SUM(prompt_tokens), 0), COALESCE(SUM(completion_tokens), 0),"
        " COALESCE(SUM(cost_usd), 0), COALESCE(SUM(cached_input_tokens), 0),"
        " COALESCE(SUM(reasoning_tokens), 0) FROM usage WHERE at >= $1",
        since,
    )
    asked = await conn.fetchrow(
        "SELECT COUNT(*), COUNT(*) FILTER (WHERE outcome = 'degraded'),"
        " COUNT(*) FILTER (WHERE outcome = 'failed'), COUNT(*) FILTER (WHERE outcome = 'cached'),"
        " COUNT(*) FILTER (WHERE outcome = 'rate_limited'), COALESCE(SUM(saved_usd), 0)"
        " FROM questions WHERE at >= $1",
        since,
    )
    assert calls is not None and asked is not None
    return PeriodUsage(
        label=label,
        questions=int(asked[0]),
        calls=int(calls[0]),
        failed_calls=int(calls[1]),
        prompt_tokens=int(calls[2]),
        completion_tokens=int(calls[3]),
        cost_usd=float(calls[4]),
        degraded=int(asked[1]),
        failed=int(asked[2]),
        cached=int(asked[3]),
        rate_limited=int(asked[4]),
        saved_usd=float(asked[5]),
        cached_input_tokens=int(calls[5]),
        reasoning_tokens=int(calls[6]),
    )


async def model_usage(conn: Conn, since: datetime) -> list[ModelUsage]:
    rows = await conn.fetch(
        "SELECT model, COUNT(*), COUNT(*) FILTER (WHERE outcome <> 'ok'), SUM(prompt_tokens),"
        " SUM(completion_tokens), SUM(cost_usd), AVG(latency_ms), SUM(cached_input_tokens),"
        " SUM(reasoning_tokens)"
        " FROM usage WHERE at >= $1 GROUP BY model ORDER BY SUM(cost_usd) DESC, model",
        since,
    )
    return [
        ModelUsage(
            r[0],
            int(r[1]),
            int(r[2]),
            int(r[3]),
            int(r[4]),
            float(r[5]),
            float(r[6] or 0.0),
            int(r[7]),
            int(r[8]),
        )
        for r in rows
    ]


async def top_users(conn: Conn, since: datetime, limit: int) -> list[UserUsage]:
    rows = await conn.fetch(
        "SELECT platform, user_id, COUNT(*), COALESCE(SUM(tokens), 0), COALESCE(SUM(cost_usd), 0)"
        " FROM questions WHERE at >= $1 GROUP BY platform, user_id"
        " ORDER BY SUM(cost_usd) DESC, COUNT(*) DESC, platform, user_id LIMIT $2",
        since,
        limit,
    )
    return [UserUsage(r[0], r[1], int(r[2]), int(r[3]), float(r[4])) for r in rows]


async def day_usage(conn: Conn, first: datetime, days: int) -> list[DayUsage]:
    end = first + timedelta(days=days)
    spend = {
        r[0]: (int(r[1]), float(r[2]))
        for r in await conn.fetch(
            "SELECT (at AT TIME ZONE 'UTC')::date, SUM(prompt_tokens + completion_tokens),"
            " SUM(cost_usd) FROM usage WHERE at >= $1 AND at < $2 GROUP BY 1",
            first,
            end,
        )
    }
    asked = {
        r[0]: int(r[1])
        for r in await conn.fetch(
            "SELECT (at AT TIME ZONE 'UTC')::date, COUNT(*) FROM questions"
            " WHERE at >= $1 AND at < $2 GROUP BY 1",
            first,
            end,
        )
    }
    out = []
    for i in range(days):
        day = (first + timedelta(days=i)).date()
        tokens, cost = spend.get(day, (0, 0.0))
        out.append(DayUsage(day=day, questions=asked.get(day, 0), tokens=tokens, cost_usd=cost))
    return out


async def health_put(conn: Conn, snapshots: Sequence[HealthSnapshot]) -> None:
    """Upsert newest-wins: a row is replaced only by a snapshot at least as new."""
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in _HEALTH_COLUMNS.split(", ")[1:])
    await conn.executemany(
        f"INSERT INTO health AS h ({_HEALTH_COLUMNS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)"
        f" ON CONFLICT (model) DO UPDATE SET {updates} WHERE h.updated_at <= EXCLUDED.updated_at",
        [
            (
                s.model,
                s.updated_at,
                s.writer,
                s.breaker,
                s.breaker_until,
                s.in_rotation,
                s.last_error,
                s.last_error_at,
                s.remaining_requests,
                s.remaining_tokens,
                s.limits_at,
            )
            for s in snapshots
        ],
    )


async def health_all(conn: Conn) -> list[HealthSnapshot]:
    rows = await conn.fetch(f"SELECT {_HEALTH_COLUMNS} FROM health ORDER BY model")
    return [
        HealthSnapshot(
            model=r[0],
            updated_at=r[1],
            writer=r[2],
            breaker=r[3],
            breaker_until=r[4],
            in_rotation=bool(r[5]),
            last_error=r[6],
            last_error_at=r[7],
            remaining_requests=None if r[8] is None else int(r[8]),
            remaining_tokens=None if r[9] is None else int(r[9]),
            limits_at=r[10],
        )
        for r in rows
    ]
