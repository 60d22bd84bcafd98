"""The dashboard's history reads the same figures from either backend (its raw reads are in
SQLite's dialect; PostgreSQL carries them over), on real databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from core.config import parse_config
from core.insight.alerts import Alert
from core.insight.history import History
from core.models.usage import Attempt, CallContext
from core.store.base import Store
from core.store.records import QuestionRecord

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
MODELS = ("openai/gpt-oss-20b", "openai/gpt-oss-120b")


async def _fill(store: Store) -> None:
    yesterday = NOW - timedelta(days=1)
    rows = [
        (yesterday, MODELS[0], "ok", 100, 30.0, "r1"),
        (yesterday, MODELS[0], "timeout", 0, 900.0, "r2"),
        (NOW, MODELS[1], "ok", 200, 50.0, "r3"),
        (NOW, MODELS[0], "ok", 300, 10.0, "r4"),
        (NOW + timedelta(seconds=1), MODELS[0], "rate_limited", 0, 5.0, "r5"),
    ]
    for at, model, outcome, tokens, ms, request in rows:
        await store.record_attempt(
            Attempt(at, CallContext(request), model, tokens, 0, tokens / 1e5, ms, outcome)
        )
    for at, outcome in ((yesterday, "answered"), (NOW, "answered"), (NOW, "cached")):
        await store.record_question(QuestionRecord(at, "q", "slack", "U1", "C1", outcome))
    await store.record_alert(Alert("budget", "k", "title", "text", "act", "warning", NOW))


async def test_history_reads_the_same_on_both_backends(store: Store) -> None:
    await _fill(store)
    config = parse_config({"persona": {"profile": "p.json"}}, Path("config.toml"))
    history = History(store, config, lambda: NOW + timedelta(minutes=5))

    days = await history.days(3)
    assert [(d.day, d.questions, d.tokens) for d in days] == [
        ((NOW - timedelta(days=2)).date(), 0, 0),
        ((NOW - timedelta(days=1)).date(), 1, 100),
        (NOW.date(), 2, 500),
    ]
    assert abs(days[2].cost_usd - 0.005) < 1e-12
    assert await history.outcomes(3) == {"answered": 2, "cached": 1}

    trends = {t.model: t.days for t in await history.model_trends(2)}
    first = trends[MODELS[0]]
    assert [(d.calls, d.failures) for d in first] == [(2, 1), (2, 1)]
    assert first[1].p50_ms == 10.0

    windows = {w.model: w for w in await history.model_windows()}
    assert windows[MODELS[0]].calls == 4 and windows[MODELS[0]].success_rate == 0.5
    assert windows[MODELS[1]].calls == 1 and windows[MODELS[1]].success_rate == 1.0

    failed = await history.failed_calls()
    assert [(f.outcome, f.request_id) for f in failed] == [
        ("rate_limited", "r5"),
        ("timeout", "r2"),
    ]
    assert failed[0].at == NOW + timedelta(seconds=1)
    assert [a.key for a in await history.alerts()] == ["k"]


async def test_heartbeats_count_the_other_processes_seen_lately(store: Store) -> None:
    window = timedelta(minutes=2)
    assert await store.heartbeat("a@host", NOW, window) == 0
    assert await store.heartbeat("b@host", NOW + timedelta(seconds=30), window) == 1
    assert await store.heartbeat("a@host", NOW + timedelta(seconds=60), window) == 1
    assert await store.heartbeat("a@host", NOW + timedelta(minutes=10), window) == 0  # b is gone


async def test_thumbs_down_and_open_gaps_read_alike(store: Store) -> None:
    from core.store.records_feedback import FeedbackRow

    await store.record_question(
        QuestionRecord(NOW, "r1", "slack", "U1", "C1", "answered", "m", question="Q?", answer="A.")
    )
    await store.record_feedback(FeedbackRow("slack", "r1", "U2", False, NOW))
    await store.record_feedback(FeedbackRow("slack", "r1", "U3", True, NOW))
    config = parse_config({"persona": {"profile": "p.json"}}, Path("config.toml"))
    history = History(store, config, lambda: NOW + timedelta(minutes=5))
    [down] = await history.thumbs_down()
    assert (down.at, down.voter, down.question, down.answer) == (NOW, "U2", "Q?", "A.")
    gaps = await history.open_gaps()
    assert gaps.total == 0 and gaps.ungrouped == 0
