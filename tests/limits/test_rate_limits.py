"""Requests per user / channel / overall and tokens per minute, on a fake clock (never sleeps)."""

from __future__ import annotations

import pytest

from core.clock import FakeClock
from core.config import LimitsConfig
from core.limits.guard import in_words
from core.limits.ratelimit import RequestWindow
from core.types import Refusal, RefusalKind
from tests.limits.conftest import MakeGuard, MemoryStore, ask, make_attempt, record


def limits(**kw: int | bool) -> LimitsConfig:
    base: dict[str, int | bool] = dict(
        user_per_minute=0, channel_per_minute=0, global_per_minute=0, tokens_per_minute=0
    )
    base.update(kw)
    return LimitsConfig(**base)  # type: ignore[arg-type]


async def test_user_limit_refuses_the_seventh_with_retry_after_from_the_window(
    make_guard: MakeGuard, fake_clock: FakeClock
) -> None:
    guard = make_guard(limits(user_per_minute=6))
    for _ in range(6):
        assert await guard.admit(ask()) is None
        fake_clock.advance(4)  # hits at 0, 4, ..., 20; now = 24
    refusal = await guard.admit(ask())
    assert refusal is not None
    assert refusal.kind is RefusalKind.RATE_LIMITED
    assert refusal.retry_after == pytest.approx(36.0)  # the hit at 0 leaves at 60
    assert refusal.message == "You're asking faster than I can answer - try again in 36 seconds."
    fake_clock.advance(35.9)
    assert await guard.admit(ask()) is not None
    fake_clock.advance(0.1)
    assert await guard.admit(ask()) is None
    # the window slides: the next slot frees when the hit at 4 leaves, at 64
    again = await guard.admit(ask())
    assert again is not None and again.retry_after == pytest.approx(4.0)


async def test_user_limit_is_per_user_and_per_platform(make_guard: MakeGuard) -> None:
    guard = make_guard(limits(user_per_minute=1))
    assert await guard.admit(ask("u1")) is None
    assert await guard.admit(ask("u1")) is not None
    assert await guard.admit(ask("u2")) is None
    assert await guard.admit(ask("u1", platform="slack")) is None  # same id, other platform


async def test_channel_limit_counts_every_user_of_the_channel(
    make_guard: MakeGuard, fake_clock: FakeClock
) -> None:
    guard = make_guard(limits(user_per_minute=6, channel_per_minute=3))
    for user in ("a", "b", "c"):
        assert await guard.admit(ask(user, "general")) is None
        fake_clock.advance(10)
    refusal = await guard.admit(ask("d", "general"))
    assert refusal is not None and refusal.kind is RefusalKind.RATE_LIMITED
    assert refusal.retry_after == pytest.approx(30.0)
    assert refusal.message.startswith("This channel is asking faster than I can answer")
    assert "30 seconds" in refusal.message
    assert await guard.admit(ask("d", "random")) is None  # other channels are unaffected


async def test_global_limit_counts_every_channel(make_guard: MakeGuard) -> None:
    guard = make_guard(limits(global_per_minute=2))
    assert await guard.admit(ask("a", "x")) is None
    assert await guard.admit(ask("b", "y", platform="slack")) is None
    refusal = await guard.admit(ask("c", "z"))
    assert refusal is not None
    assert refusal.message == "I'm very busy right now - try again in 60 seconds."
    assert refusal.retry_after == pytest.approx(60.0)


async def test_a_refused_question_uses_no_slot(
    make_guard: MakeGuard, fake_clock: FakeClock
) -> None:
    guard = make_guard(limits(user_per_minute=1, channel_per_minute=2, global_per_minute=3))
    assert await guard.admit(ask("a")) is None
    for _ in range(10):  # a's refusals must not fill the channel or global windows
        assert await guard.admit(ask("a")) is not None
    assert await guard.admit(ask("b")) is None
    assert await guard.admit(ask("c")) is not None  # channel full (a, b)
    assert await guard.admit(ask("c", "other")) is None  # global now a, b, c
    refusal = await guard.admit(ask("d", "third"))
    assert refusal is not None and refusal.message.startswith("I'm very busy")


async def test_the_longest_wait_decides_retry_after_and_message(
    make_guard: MakeGuard, fake_clock: FakeClock
) -> None:
    guard = make_guard(limits(user_per_minute=1, channel_per_minute=2))
    assert await guard.admit(ask("a")) is None
    fake_clock.advance(30)
    assert await guard.admit(ask("b")) is None
    refusal = await guard.admit(ask("b"))  # user b waits 60, channel waits 30
    assert refusal is not None and refusal.retry_after == pytest.approx(60.0)
    assert refusal.message.startswith("You're asking")


async def test_owner_skips_user_and_channel_limits_but_not_the_global_one(
    make_guard: MakeGuard,
) -> None:
    guard = make_guard(limits(user_per_minute=1, channel_per_minute=1, global_per_minute=5))
    owner = ask("me", "terminal", "cli", owner=True)
    for _ in range(5):
        assert await guard.admit(owner) is None
    refusal = await guard.admit(owner)
    assert refusal is not None and refusal.message.startswith("I'm very busy")


async def test_admins_skip_every_request_limit_when_exempt(make_guard: MakeGuard) -> None:
    guard = make_guard(limits(user_per_minute=1, channel_per_minute=1, global_per_minute=1))
    for _ in range(20):
        assert await guard.admit(ask("boss", admin=True)) is None
    assert await guard.admit(ask("member")) is None  # admins used none of the slots


async def test_admins_are_limited_when_not_exempt(make_guard: MakeGuard) -> None:
    guard = make_guard(limits(user_per_minute=1, admins_exempt=False))
    assert await guard.admit(ask("boss", admin=True)) is None
    assert await guard.admit(ask("boss", admin=True)) is not None


async def test_zero_means_no_limit(make_guard: MakeGuard) -> None:
    guard = make_guard(limits())
    for i in range(500):
        assert await guard.admit(ask(f"u{i % 3}")) is None


def test_request_window_drops_idle_keys() -> None:
    window = RequestWindow(limit=3, window=60.0)
    now = 0.0
    for i in range(10_000):
        window.hit(f"user{i}", now)
        now += 0.1  # 10,000 users over 1,000 s: only the last minute's may be kept
    assert window.keys <= 2 * 600 + 1  # swept once a window
    window.sweep(now + 60)
    assert window.keys == 0


def test_request_window_keeps_at_most_limit_hits_per_key() -> None:
    window = RequestWindow(limit=2, window=60.0)
    for i in range(100):
        window.hit("k", float(i) / 1000)
    assert window.retry_after("k", 1.0) == pytest.approx(60.0 + 0.098 - 1.0)
    assert len(window._hits["k"]) == 2


async def test_tokens_per_minute_refuses_with_retry_after_then_admits(
    make_guard: MakeGuard, fake_clock: FakeClock, store: MemoryStore
) -> None:
    guard = make_guard(limits(tokens_per_minute=10_000))
    first = await guard.reserve(2_000, 4_000, 0.0)
    assert not isinstance(first, Refusal)
    await record(guard, store, make_attempt(fake_clock.utc(), 5_000))  # at 1000.0
    await guard.release(first)
    fake_clock.advance(20)
    second = await guard.reserve(1_000, 3_000, 0.0)
    assert not isinstance(second, Refusal)  # 5,000 used + 4,000 held <= 10,000
    third = await guard.reserve(1_000, 1_000, 0.0)  # 9,000 + 2,000 > 10,000
    assert isinstance(third, Refusal) and third.kind is RefusalKind.RATE_LIMITED
    # the window is in the shared store now: the wait said is a whole window (conservative)
    assert third.retry_after == pytest.approx(60.0)
    assert "try again in 60 seconds" in third.message
    await record(guard, store, make_attempt(fake_clock.utc(), 2_500))
    await guard.release(second)
    fake_clock.advance(41)
    fourth = await guard.reserve(1_000, 1_000, 0.0)  # 2,500 in the window + 2,000
    assert not isinstance(fourth, Refusal)


async def test_tokens_per_minute_counts_calls_still_running(make_guard: MakeGuard) -> None:
    guard = make_guard(limits(tokens_per_minute=10_000))
    held = [await guard.reserve(1_000, 1_500, 0.0) for _ in range(4)]
    assert not any(isinstance(h, Refusal) for h in held)
    refused = await guard.reserve(1_000, 1_500, 0.0)
    assert isinstance(refused, Refusal) and refused.kind is RefusalKind.RATE_LIMITED
    assert refused.retry_after == pytest.approx(60.0)  # only running calls: a window's wait
    for h in held:
        assert not isinstance(h, Refusal)
        await guard.release(h)  # they failed without using tokens
    assert not isinstance(await guard.reserve(1_000, 1_500, 0.0), Refusal)


async def test_a_call_larger_than_tokens_per_minute_runs_alone(make_guard: MakeGuard) -> None:
    guard = make_guard(limits(tokens_per_minute=1_000))
    alone = await guard.reserve(500, 1_024, 0.0)
    assert not isinstance(alone, Refusal)
    assert isinstance(await guard.reserve(10, 10, 0.0), Refusal)


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (0.2, "1 second"),
        (40, "40 seconds"),
        (59.5, "60 seconds"),
        (61, "2 min"),
        (3 * 3600 + 12 * 60, "3 h 12 min"),
        (7200, "2 h"),
        (5 * 86400 + 12 * 3600, "5 days 12 h"),
        (86400, "1 day"),
    ],
)
def test_waits_are_said_in_words(seconds: float, words: str) -> None:
    assert in_words(seconds) == words
