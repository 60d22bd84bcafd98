"""SQLite statements of the shared model health and of the usage reports."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

import aiosqlite

from core.insight.reports import DayUsage, ModelUsage, PeriodUsage, UserUsage
from core.store.records import HealthSnapshot
from core.store.sqlite_rows import opt_parse, opt_ts, parse_ts, ts

Fetch = Callable[..., Awaitable[list[tuple[Any, ...]]]]


async def health_put(db: aiosqlite.Connection, snapshots: Sequence[HealthSnapshot]) -> None:
    """Upsert one row per model; an older snapshot than the stored one is ignored."""
    if not snapshots:
        return
    values = ",".join("(?,?,?,?,?,?,?,?,?,?,?)" for _ in snapshots)
    params: list[Any] = []
    for s in snapshots:
        params += [
            s.model,
            ts(s.updated_at),
            s.writer,
            s.breaker,
            opt_ts(s.breaker_until),
            int(s.in_rotation),
            s.last_error,
            opt_ts(s.last_error_at),
            s.remaining_requests,
            s.remaining_tokens,
            opt_ts(s.limits_at),
        ]
    await db.execute(
        "INSERT INTO model_health VALUES " + values + " ON CONFLICT(model) DO UPDATE SET"
        " updated_at=excluded.updated_at, writer=excluded.writer, breaker=excluded.breaker,"
        " breaker_until=excluded.breaker_until, in_rotation=excluded.in_rotation,"
        " last_error=excluded.last_error, last_error_at=excluded.last_error_at,"
        " remaining_requests=excluded.remaining_requests,"
        " remaining_tokens=excluded.remaining_tokens, limits_at=excluded.limits_at"
        " WHERE excluded.updated_at >= model_health.updated_at",
        params,
    )


def health_rows(rows: Sequence[Sequence[Any]]) -> list[HealthSnapshot]:
    """Snapshots from `SELECT * FROM model_health` rows, by model."""
    return [
        HealthSnapshot(
            model=r[0],
            updated_at=parse_ts(r[1]),
            writer=r[2],
            breaker=r[3],
            breaker_until=opt_parse(r[4]),
            in_rotation=bool(r[5]),
            last_error=r[6],
            last_error_at=opt_parse(r[7]),
            remaining_requests=r[8],
            remaining_tokens=r[9],
            limits_at=opt_parse(r[10]),
        )
        for r in rows
    ]


async def period_usage(fetch: Fetch, label: str, since: datetime) -> PeriodUsage:
    start = ts(since)
    c = (
        await fetch(
            "SELECT COUNT(*), COALESCE(SUM(outcome != 'ok'), 0),"
            " COALESCE(SUM(prompt_tokens), 0), COALESCE(SUM(completion_tokens), 0),"
            " COALESCE(SUM(cost_usd), 0), COALESCE(SUM(cached_input_tokens), 0),"
            " COALESCE(SUM(reasoning_tokens), 0) FROM usage WHERE at >= ?",
            (start,),
        )
    )[0]
    q = (
        await fetch(
            "SELECT COUNT(*), COALESCE(SUM(outcome = 'degraded'), 0),"
            " COALESCE(SUM(outcome = 'failed'), 0), COALESCE(SUM(outcome = 'cached'), 0),"
            " COALESCE(SUM(outcome IN ('rate_limited')), 0), COALESCE(SUM(saved_usd), 0),"
            " COALESCE(SUM(outcome = 'declined_private'), 0)"
            " FROM questions WHERE at >= ?",
            (start,),
        )
    )[0]
    return PeriodUsage(
        label=label,
        questions=q[0],
        calls=c[0],
        failed_calls=c[1],
        prompt_tokens=c[2],
        completion_tokens=c[3],
        cost_usd=c[4],
        degraded=q[1],
        failed=q[2],
        cached=q[3],
        rate_limited=q[4],
        saved_usd=q[5],
        declined_private=q[6],
        cached_input_tokens=c[5],
        reasoning_tokens=c[6],
    )


async def model_usage(fetch: Fetch, since: datetime) -> list[ModelUsage]:
    rows = await fetch(
        "SELECT model, COUNT(*), SUM(outcome != 'ok'), SUM(prompt_tokens),"
        " SUM(completion_tokens), SUM(cost_usd), AVG(latency_ms), SUM(cached_input_tokens),"
        " SUM(reasoning_tokens)"
        " FROM usage WHERE at >= ? GROUP BY model ORDER BY SUM(cost_usd) DESC, model",
        (ts(since),),
    )
    return [ModelUsage(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]) for r in rows]


async def top_users(fetch: Fetch, since: datetime, limit: int = 5) -> list[UserUsage]:
    rows = await fetch(
        "SELECT platform, user_id, COUNT(*), COALESCE(SUM(tokens), 0),"
        " COALESCE(SUM(cost_usd), 0) FROM questions WHERE at >= ?"
        " GROUP BY platform, user_id ORDER BY SUM(cost_usd) DESC, COUNT(*) DESC LIMIT ?",
        (ts(since), limit),
    )
    return [UserUsage(r[0], r[1], r[2], r[3], r[4]) for r in rows]


async def day_usage(fetch: Fetch, first: datetime, days: int) -> list[DayUsage]:
    start = ts(first)
    spend = {
        r[0]: (r[1], r[2])
        for r in await fetch(
            "SELECT substr(at, 1, 10), SUM(prompt_tokens + completion_tokens), SUM(cost_usd)"
            " FROM usage WHERE at >= ? GROUP BY 1",
            (start,),
        )
    }
    asked = {
        r[0]: r[1]
        for r in await fetch(
            "SELECT substr(at, 1, 10), COUNT(*) FROM questions WHERE at >= ? GROUP BY 1",
            (start,),
        )
    }
    out = []
    for i in range(days):
        day = (first + timedelta(days=i)).date()
        key = day.isoformat()
        tokens, cost = spend.get(key, (0, 0.0))
        out.append(DayUsage(day=day, questions=asked.get(key, 0), tokens=tokens, cost_usd=cost))
    return out
