"""The reports' reads, written once for both backends: usage per period, model, member and day,
and what the dashboard's history shows (outcomes, trends per model and day, failed calls,
thumbs-down votes). Part of the one query layer (`core.store.sql`)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from core.store import reports
from core.store.executor import Executor
from core.store.ledger import ORPHAN


def _is(condition: str) -> str:
    """A count of the rows where `condition` holds (PostgreSQL has no SUM of a boolean)."""
    return f"COALESCE(SUM(CASE WHEN {condition} THEN 1 ELSE 0 END), 0)"


_FAILED = _is(f"outcome NOT IN ('ok', '{ORPHAN}')")
_ORPHAN = f"outcome = '{ORPHAN}'"
_OUTCOMES = ", ".join(
    _is(f"outcome = '{o}'") for o in ("degraded", "failed", "cached", "rate_limited")
)

_DECLINED = _is("outcome = 'declined_private'")


class ReportQueries(Executor):
    """Usage reports and the dashboard's history."""

    async def period_usage(self, label: str, since: datetime) -> reports.PeriodUsage:
        """Calls (usage rows) and questions at or after `since`, summed."""
        start = self.dialect.time(since)
        c = await self._one(
            "read usage",
            f"SELECT COUNT(*) - {_is(_ORPHAN)}, {_FAILED},"
            " COALESCE(SUM(prompt_tokens), 0), COALESCE(SUM(completion_tokens), 0),"
            " COALESCE(SUM(cost_usd), 0), COALESCE(SUM(cached_input_tokens), 0),"
            f" COALESCE(SUM(reasoning_tokens), 0), {_is(_ORPHAN)},"
            f" {_sum_when(_ORPHAN, 'prompt_tokens + completion_tokens')},"
            f" {_sum_when(_ORPHAN, 'cost_usd')} FROM usage WHERE at >= ?",
            start,
        )
        q = await self._one(
            "read usage",
            f"SELECT COUNT(*), {_OUTCOMES}, COALESCE(SUM(saved_usd), 0),"
            f" {_DECLINED} FROM questions WHERE at >= ?",
            start,
        )
        assert c is not None and q is not None
        return reports.PeriodUsage(
            label=label,
            questions=int(q[0]),
            calls=int(c[0]),
            failed_calls=int(c[1]),
            prompt_tokens=int(c[2]),
            completion_tokens=int(c[3]),
            cost_usd=float(c[4]),
            degraded=int(q[1]),
            failed=int(q[2]),
            cached=int(q[3]),
            rate_limited=int(q[4]),
            saved_usd=float(q[5]),
            declined_private=int(q[6]),
            cached_input_tokens=int(c[5]),
            reasoning_tokens=int(c[6]),
            orphaned=int(c[7]),
            orphaned_tokens=int(c[8]),
            orphaned_usd=float(c[9]),
        )

    async def model_usage(self, since: datetime) -> list[reports.ModelUsage]:
        """Per model since `since`: calls, failed calls, tokens, cost, mean latency; by cost
        descending, then model."""
        rows = await self._rows(
            "read usage",
            f"SELECT model, COUNT(*), {_FAILED}, SUM(prompt_tokens),"
            " SUM(completion_tokens), SUM(cost_usd), AVG(latency_ms), SUM(cached_input_tokens),"
            " SUM(reasoning_tokens), COALESCE(SUM(cache_saved_usd), 0),"
            f" {_sum_when('cache_saved_usd IS NULL', 'cached_input_tokens')}"
            f" FROM usage WHERE at >= ? AND outcome <> '{ORPHAN}'"
            " GROUP BY model ORDER BY SUM(cost_usd) DESC, model",
            self.dialect.time(since),
        )
        return [
            reports.ModelUsage(
                r[0],
                int(r[1]),
                int(r[2]),
                int(r[3]),
                int(r[4]),
                float(r[5]),
                float(r[6] or 0.0),
                int(r[7]),
                int(r[8]),
                cache_saved_usd=float(r[9]),
                unpriced_cached_tokens=int(r[10]),
            )
            for r in rows
        ]

    async def top_users(self, since: datetime, limit: int = 5) -> list[reports.UserUsage]:
        """Per (platform, user) from questions since `since`: count, tokens, cost; by cost then
        count descending."""
        rows = await self._rows(
            "read usage",
            "SELECT platform, user_id, COUNT(*), COALESCE(SUM(tokens), 0),"
            " COALESCE(SUM(cost_usd), 0) FROM questions WHERE at >= ?"
            " GROUP BY platform, user_id"
            " ORDER BY SUM(cost_usd) DESC, COUNT(*) DESC, platform, user_id LIMIT ?",
            self.dialect.time(since),
            limit,
        )
        return [reports.UserUsage(r[0], r[1], int(r[2]), int(r[3]), float(r[4])) for r in rows]

    async def day_usage(self, first: datetime, days: int) -> list[reports.DayUsage]:
        """One entry per UTC day from `first` (a day start), `days` of them, zeros included."""
        span = (self.dialect.time(first), self.dialect.time(first + timedelta(days=days)))
        day = self.dialect.day_of("at")
        spend = {
            str(r[0]): (int(r[1]), float(r[2]))
            for r in await self._rows(
                "read usage",
                f"SELECT {day}, SUM(prompt_tokens + completion_tokens), SUM(cost_usd)"
                " FROM usage WHERE at >= ? AND at < ? GROUP BY 1",
                *span,
            )
        }
        asked = {
            str(r[0]): int(r[1])
            for r in await self._rows(
                "read usage",
                f"SELECT {day}, COUNT(*) FROM questions WHERE at >= ? AND at < ? GROUP BY 1",
                *span,
            )
        }
        out = []
        for i in range(days):
            d = (first + timedelta(days=i)).date()
            tokens, cost = spend.get(d.isoformat(), (0, 0.0))
            out.append(reports.DayUsage(d, asked.get(d.isoformat(), 0), tokens, cost))
        return out

    # --- the dashboard's history ------------------------------------------------------------

    async def outcomes_since(self, since: datetime) -> dict[str, int]:
        """Questions by outcome at or after `since`, most frequent first."""
        rows = await self._rows(
            "read questions",
            "SELECT outcome, COUNT(*) FROM questions WHERE at >= ? GROUP BY outcome"
            " ORDER BY COUNT(*) DESC, outcome",
            self.dialect.time(since),
        )
        return {r[0]: int(r[1]) for r in rows}

    async def attempt_points(
        self, since: datetime, until: datetime | None
    ) -> list[reports.AttemptPoint]:
        """Every model attempt from `since` up to `until` (None: now): day, model, ok, latency."""
        bounds, params = f"at >= ? AND outcome <> '{ORPHAN}'", [self.dialect.time(since)]
        if until is not None:
            bounds += " AND at < ?"
            params.append(self.dialect.time(until))
        rows = await self._rows(
            "read usage",
            f"SELECT {self.dialect.day_of('at')}, model, outcome, latency_ms FROM usage"
            f" WHERE {bounds}",
            *params,
        )
        return [
            reports.AttemptPoint(date.fromisoformat(str(r[0])), r[1], r[2] == "ok", float(r[3]))
            for r in rows
        ]

    async def latest_attempts(self, model: str, limit: int) -> list[tuple[bool, float]]:
        """(ok, latency ms) of a model's latest `limit` attempts, newest first."""
        rows = await self._rows(
            "read usage",
            "SELECT outcome, latency_ms FROM usage WHERE model = ? ORDER BY id DESC LIMIT ?",
            model,
            limit,
        )
        return [(r[0] == "ok", float(r[1])) for r in rows]

    async def failed_calls(self, limit: int = 10) -> list[reports.FailedCall]:
        """The latest failed model attempts, newest first."""
        rows = await self._rows(
            "read usage",
            "SELECT at, model, outcome, request_id FROM usage"
            f" WHERE outcome NOT IN ('ok', '{ORPHAN}')"
            " ORDER BY id DESC LIMIT ?",
            limit,
        )
        return [reports.FailedCall(self.dialect.read_time(r[0]), r[1], r[2], r[3]) for r in rows]

    async def ungrouped_gaps(self) -> int:
        """Gaps recorded before the owner loop grouped them."""
        return await self._count("read gaps", "SELECT COUNT(*) FROM gaps WHERE group_id IS NULL")

    async def thumbs_down(self, limit: int = 50) -> list[reports.ThumbsDown]:
        """Standing thumbs-down votes, newest first, each with its answer's question record."""
        rows = await self._rows(
            "read votes",
            "SELECT f.at, f.platform, f.user_id, COALESCE(q.question, ''),"
            " COALESCE(q.answer, ''), COALESCE(q.model, ''), f.answer_id FROM feedback f"
            " LEFT JOIN questions q ON q.id ="
            " (SELECT MAX(id) FROM questions WHERE request_id = f.answer_id)"
            " WHERE f.helpful = ? ORDER BY f.at DESC, f.answer_id, f.user_id LIMIT ?",
            self.dialect.flag(False),
            limit,
        )
        read = self.dialect.read_time
        return [reports.ThumbsDown(read(r[0]), r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows]


def _sum_when(condition: str, column: str) -> str:
    return f"COALESCE(SUM(CASE WHEN {condition} THEN {column} ELSE 0 END), 0)"
