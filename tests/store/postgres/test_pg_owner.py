"""PostgreSQL: the owner loop's tables (gap groups, cards, replies, sources, answer messages,
votes beside cost), each check-and-write won once; on a real server."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from core.store.owner_records import AnswerSources, GapAsk
from core.store.postgres import PostgresStore
from core.store.records import CachedAnswer, QuestionRecord
from core.store.records_feedback import FeedbackRow
from core.store.urls import parse_database_url
from tests.pg import PgTarget

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


async def _store(pg_target: PgTarget) -> PostgresStore:
    return await PostgresStore.open(parse_database_url(await pg_target.new_schema()))


async def test_gap_groups_are_carded_closed_and_replied_once(pg_target: PgTarget) -> None:
    store = await _store(pg_target)
    try:
        group = await store.new_gap_group("gap", NOW, "What is your salary?", frozenset({"salary"}))
        for i, user in enumerate(("U1", "U2", "U1")):
            ask = GapAsk(NOW + timedelta(minutes=i), "slack", user, f"salary {i}?", "C1", "t1")
            await store.add_gap_ask(group, ask, f"salary {i}")
        assert await store.open_group_terms("gap") == [(group, frozenset({"salary"}))]
        [waiting] = await store.waiting_gap_groups()
        assert (waiting.count, waiting.askers, waiting.example) == (3, 2, "salary 2?")
        assert waiting.last_asked == NOW + timedelta(minutes=2)

        wins = await asyncio.gather(*(store.mark_carded(group, NOW) for _ in range(5)))
        assert sorted(wins) == [False] * 4 + [True]
        assert await store.waiting_gap_groups() == []
        closes = await asyncio.gather(
            *(store.close_gap_group(group, "answered", NOW, "owner", "I keep that private.")
              for _ in range(3))
        )  # fmt: skip
        assert sorted(closes) == [False, False, True]
        assert await store.count_gap_groups("answered") == 1
        [closed] = await store.gap_groups("answered")
        assert closed.questions == ("salary 2?", "salary 1?", "salary 0?")

        pending = await store.pending_replies("slack")
        assert [p.user_id for p in pending] == ["U1", "U2", "U1"]
        assert pending[0].answer == "I keep that private."
        claims = await asyncio.gather(
            *(store.claim_reply(pending[0].ask_id, NOW) for _ in range(3))
        )
        assert sorted(claims) == [False, False, True]
        assert len(await store.pending_replies(group_id=group)) == 2
        await store.reopen_gap_group(group)
        assert (await store.gap_group(group)).status == "open"  # type: ignore[union-attr]
    finally:
        await store.close()


async def test_the_daily_card_count_never_passes_its_limit(pg_target: PgTarget) -> None:
    store = await _store(pg_target)
    try:
        claims = await asyncio.gather(*(store.claim_card_slot("2026-11-25", 3) for _ in range(8)))
        assert sum(claims) == 3 and await store.cards_sent("2026-11-25") == 3
        await store.release_card_slot("2026-11-25")
        assert await store.claim_card_slot("2026-11-25", 3) is True
        assert await store.claim_card_slot("2026-11-26", 0) is False
    finally:
        await store.close()


async def test_sources_messages_cache_rekey_and_votes_beside_cost(pg_target: PgTarget) -> None:
    store = await _store(pg_target)
    try:
        sources = AnswerSources(
            "r1", NOW, "slack", "C1", "slack:C1:t", "m", (("c1", "Education"),), ("c1",), "U1"
        )
        await store.record_sources(sources)
        assert await store.sources_of("r1") == sources
        assert await store.used_chunk_ids(NOW) == {"c1"}
        await store.link_answer_message("slack", "C1", "m1", "r1", NOW)
        await store.link_answer_message("slack", "C1", "m2", "r2", NOW)
        assert await store.request_of_message("slack", "C1", "m1") == "r1"
        assert await store.request_of_message("slack", "C1") == "r2"  # the channel's last
        assert await store.request_of_message("slack", "C9") is None

        await store.cache_put("k1", "old", CachedAnswer("a", "m", 1, 0.1, NOW))
        await store.cache_put("k2", "old", CachedAnswer("b", "m", 1, 0.1, NOW))
        assert await store.cache_rekey("old", "new", ["k1"]) == 1
        assert [k for k, _ in await store.cache_entries("new", NOW)] == ["k1"]

        await store.record_question(
            QuestionRecord(NOW, "r1", "slack", "U1", "C1", "answered", "m", 10, 0.25)
        )
        await store.record_feedback(FeedbackRow("slack", "r1", "U2", False, NOW))
        assert await store.topic_costs(NOW) == [("Education", 0.25)]
        assert await store.vote_rows(NOW) == [(False, "m", "Education")]
    finally:
        await store.close()
