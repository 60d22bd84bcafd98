"""The owner loop in the core: gaps become stable groups and cards (within the daily count),
the owner's answer lands in the learned file and the next prompt, keep-private and ignore, and
every kind of bad input has a clear outcome with nothing lost."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.cli.render_text import usage_text
from core.clock import FakeClock
from core.owner.learned import MAX_ANSWER_CHARS
from core.twin import Twin
from core.types import Question
from tests.conftest import MakeTwin
from tests.fakes.groq_server import FakeGroq
from tests.fakes.owner import (
    PET_FACT,
    RecordingOutlet,
    facts_sent,
    knows_only_prompt,
    owner_section,
    profile_copy,
)


def ask(text: str, conversation: str, user: str = "U1", reply_to: str = "") -> Question:
    return Question(
        text=text,
        platform="slack",
        user_id=user,
        channel_id="C1",
        conversation=conversation,
        reply_to=reply_to,
    )


async def owner_twin(
    make_twin: MakeTwin, tmp_path: Path, cards: int = 5, persona: str = ""
) -> Twin:
    return await make_twin(
        owner_section(slack="UOWNER", cards=cards), profile=profile_copy(tmp_path), persona=persona
    )


async def test_gaps_group_by_likeness_with_stable_ids_and_a_card_per_group(
    make_twin: MakeTwin, fake_groq: FakeGroq, tmp_path: Path
) -> None:
    fake_groq.reply = knows_only_prompt
    twin = await owner_twin(make_twin, tmp_path)
    outlet = RecordingOutlet()
    twin.owner.subscribe(outlet)
    assert (await twin.answer(ask("Do you have any pets?", "a", "U1", "111.1"))).gap
    assert (await twin.answer(ask("do you have pets", "b", "U2", "222.2"))).gap
    assert (await twin.answer(ask("What's your favourite film?", "c", "U3"))).gap
    report = await twin.gaps_report()
    pets = next(g for g in report.groups if "pets" in g.example)
    carded = await twin.owner.group(pets.id)
    assert pets.count == 2 and carded is not None and carded.carded_at and report.total == 3
    assert [c.group_id for c in outlet.cards] == [pets.id, report.groups[1].id]
    assert outlet.cards[0].asks == 1  # carded at the first ask; the second joined the group
    again = await twin.gaps_report()
    assert [g.id for g in again.groups] == [g.id for g in report.groups]  # stable


async def test_the_owners_answer_reaches_askers_the_learned_file_and_the_next_prompt(
    make_twin: MakeTwin, fake_groq: FakeGroq, tmp_path: Path, clock: FakeClock
) -> None:
    fake_groq.reply = knows_only_prompt
    twin = await owner_twin(make_twin, tmp_path)
    outlet = RecordingOutlet()
    twin.owner.subscribe(outlet)
    await twin.answer(ask("Do you have any pets?", "a", "U1", "111.1"))
    await twin.answer(ask("do you have pets", "b", "U2", "222.2"))
    group = (await twin.gaps_report()).groups[0]

    outcome = await twin.owner.answer(group.id, PET_FACT, "UOWNER")

    assert outcome.ok and outcome.delivered == 2, outcome
    assert {(r.user_id, r.reply_to) for r in outlet.replies} == {("U1", "111.1"), ("U2", "222.2")}
    assert outlet.replies[0].labelled.startswith("Maya answered this personally: Yes - a border")
    learned = (tmp_path / "maya.learned.md").read_text(encoding="utf-8")
    day = clock.utc().date().isoformat()
    assert f"## do you have pets (answered {day})" in learned and PET_FACT in learned
    assert (await twin.gaps_report()).groups == ()
    answer = await twin.answer(ask("Have you got any pets?", "c", "U3"))
    assert "Pip" in facts_sent(fake_groq.requests[-1]) and not answer.gap
    assert any(s.startswith("do you have pets") for s in answer.sources)
    # a second answer to the closed group changes nothing and hands the text back
    late = await twin.owner.answer(group.id, "No pets.", "someone")
    assert not late.ok and late.status == "closed" and late.kept_text == "No pets."
    assert (tmp_path / "maya.learned.md").read_text(encoding="utf-8") == learned


async def test_bad_answers_are_refused_and_nothing_is_written(
    make_twin: MakeTwin, fake_groq: FakeGroq, tmp_path: Path
) -> None:
    fake_groq.reply = knows_only_prompt
    twin = await owner_twin(make_twin, tmp_path)
    await twin.answer(ask("Do you have any pets?", "a"))
    group_id = (await twin.gaps_report()).groups[0].id
    empty = await twin.owner.answer(group_id, "   \n ", "UOWNER")
    long = await twin.owner.answer(group_id, "x" * 10_000, "UOWNER")
    unknown = await twin.owner.answer(999, "text", "UOWNER")
    assert (empty.status, long.status, unknown.status) == ("empty", "too_long", "unknown")
    assert long.kept_text == "x" * 10_000 and f"{MAX_ANSWER_CHARS:,}" in long.message
    assert not (tmp_path / "maya.learned.md").exists()
    assert (await twin.gaps_report()).groups[0].id == group_id  # still open


async def test_an_unwritable_learned_file_keeps_the_gap_open_and_the_text(
    make_twin: MakeTwin, fake_groq: FakeGroq, tmp_path: Path
) -> None:
    fake_groq.reply = knows_only_prompt
    (tmp_path / "blocked").write_text("a file where a folder should be")
    twin = await owner_twin(make_twin, tmp_path, persona='learned = "blocked/learned.md"\n')
    await twin.answer(ask("Do you have any pets?", "a"))
    group_id = (await twin.gaps_report()).groups[0].id
    outcome = await twin.owner.answer(group_id, PET_FACT, "UOWNER")
    assert not outcome.ok and outcome.status == "not_writable"
    assert "blocked/learned.md" in outcome.message and outcome.kept_text == PET_FACT
    assert (await twin.gaps_report()).groups[0].id == group_id


async def test_two_answers_at_once_one_wins_the_other_keeps_its_text(
    make_twin: MakeTwin, fake_groq: FakeGroq, tmp_path: Path
) -> None:
    fake_groq.reply = knows_only_prompt
    twin = await owner_twin(make_twin, tmp_path)
    await twin.answer(ask("Do you have any pets?", "a"))
    group_id = (await twin.gaps_report()).groups[0].id
    first, second = await asyncio.gather(
        twin.owner.answer(group_id, "A cat called Miso.", "UOWNER"),
        twin.owner.answer(group_id, PET_FACT, "UOWNER"),
    )
    assert sorted([first.ok, second.ok]) == [False, True]
    loser = second if first.ok else first
    assert loser.status == "closed" and loser.kept_text
    learned = (tmp_path / "maya.learned.md").read_text(encoding="utf-8")
    assert learned.count("## ") == 1 and loser.kept_text not in learned


async def test_keep_private_declines_the_topic_and_ignore_dismisses(
    make_twin: MakeTwin, fake_groq: FakeGroq, tmp_path: Path
) -> None:
    fake_groq.reply = knows_only_prompt
    twin = await owner_twin(make_twin, tmp_path)
    await twin.answer(ask("Do you have any pets?", "a"))
    await twin.answer(ask("What's your favourite film?", "b"))
    pets, film = sorted((await twin.gaps_report()).groups, key=lambda g: "film" in g.example)
    assert (await twin.owner.keep_private(pets.id, "UOWNER")).ok
    assert (await twin.owner.ignore(film.id, "UOWNER")).ok
    assert (await twin.gaps_report()).groups == ()
    calls = len(fake_groq.requests)
    declined = await twin.answer(ask("do you have pets?", "c"))
    assert "I keep that private" in declined.text and len(fake_groq.requests) == calls
    assert not (await twin.owner.ignore(film.id, "UOWNER")).ok  # already ignored


async def test_the_daily_card_limit_holds_across_a_restart_and_resets_the_next_day(
    make_twin: MakeTwin, fake_groq: FakeGroq, tmp_path: Path, clock: FakeClock
) -> None:
    fake_groq.reply = knows_only_prompt
    twin = await owner_twin(make_twin, tmp_path, cards=2)
    outlet = RecordingOutlet()
    twin.owner.subscribe(outlet)
    for i, q in enumerate(("Do you have pets?", "Favourite film?", "Do you dance salsa?")):
        await twin.answer(ask(q, f"q{i}"))
    assert len(outlet.cards) == 2
    await twin.close()
    again = await owner_twin(make_twin, tmp_path, cards=2)
    later = RecordingOutlet()
    again.owner.subscribe(later)
    assert await again.owner.flush() == 0  # the count is in the store
    clock.advance(86_400)
    assert await again.owner.flush() == 1
    assert "salsa" in later.cards[0].questions[0]


async def test_a_card_that_cannot_be_delivered_waits_for_the_next_try(
    make_twin: MakeTwin, fake_groq: FakeGroq, tmp_path: Path
) -> None:
    fake_groq.reply = knows_only_prompt
    twin = await owner_twin(make_twin, tmp_path, cards=1)
    outlet = RecordingOutlet(working=False)
    twin.owner.subscribe(outlet)
    await twin.answer(ask("Do you have pets?", "a"))
    waiting = await twin.owner.group((await twin.gaps_report()).groups[0].id)
    assert waiting is not None and waiting.carded_at is None
    outlet.working = True
    assert await twin.owner.flush() == 1 and len(outlet.cards) == 1


async def test_twin_usage_text_shows_votes_per_model_and_topic(
    make_twin: MakeTwin, fake_groq: FakeGroq, tmp_path: Path
) -> None:
    fake_groq.reply = knows_only_prompt
    twin = await owner_twin(make_twin, tmp_path)
    answer = await twin.answer(ask("Where did you go to university?", "a"))
    await twin.record_feedback("slack", answer.answer_id, "U2", helpful=True)
    await twin.record_feedback("slack", answer.answer_id, "U3", helpful=False)
    report = await twin.usage_report()
    [model] = report.votes_by_model
    assert (model.name, model.helpful, model.unhelpful) == ("openai/gpt-oss-20b", 1, 1)
    [topic] = report.votes_by_topic
    assert topic.name == "Education" and topic.cost_usd == answer.cost_usd > 0
    text = usage_text(report)
    assert "Helpful votes per model (this month):" in text
    assert "openai/gpt-oss-20b: 👍 1 · 👎 1 (50% helpful) · $" in text


async def test_the_weekly_digest_goes_once_per_iso_week(
    make_twin: MakeTwin, fake_groq: FakeGroq, tmp_path: Path, clock: FakeClock
) -> None:
    fake_groq.reply = knows_only_prompt
    twin = await owner_twin(make_twin, tmp_path)
    outlet = RecordingOutlet()
    twin.owner.subscribe(outlet)
    answer = await twin.answer(ask("Where did you go to university?", "a"))
    await twin.record_feedback("slack", answer.answer_id, "U2", helpful=False)
    await twin.answer(ask("What's your favourite film?", "b"))
    await twin.live.tick()
    [digest] = outlet.digests
    assert [g.question for g in digest.unanswered] == ["What's your favourite film?"]
    assert [d.question for d in digest.thumbs_down] == ["Where did you go to university?"]
    assert "Education" not in digest.unused_facts and digest.unused_total > 0
    await twin.live.tick()
    assert len(outlet.digests) == 1  # claimed for this ISO week
    clock.advance(7 * 86_400)
    await twin.live.tick()
    assert len(outlet.digests) == 2 and outlet.digests[1].week != digest.week


async def test_keep_private_from_another_process_reaches_a_running_twin(
    make_twin: MakeTwin, fake_groq: FakeGroq, tmp_path: Path
) -> None:
    fake_groq.reply = knows_only_prompt
    running = await owner_twin(make_twin, tmp_path)
    await running.answer(ask("Do you have any pets?", "a"))
    group_id = (await running.gaps_report()).groups[0].id
    terminal = await owner_twin(make_twin, tmp_path)  # `twin gaps private ID` elsewhere
    assert (await terminal.owner.keep_private(group_id, "owner (terminal)")).ok
    await running.live.tick()
    calls = len(fake_groq.requests)
    declined = await running.answer(ask("do you have pets?", "b"))
    assert "I keep that private" in declined.text and len(fake_groq.requests) == calls


async def test_an_answer_from_the_terminal_reaches_askers_through_the_running_twin(
    make_twin: MakeTwin, fake_groq: FakeGroq, tmp_path: Path
) -> None:
    fake_groq.reply = knows_only_prompt
    running = await owner_twin(make_twin, tmp_path)
    outlet = RecordingOutlet()
    running.owner.subscribe(outlet)
    await running.answer(ask("Do you have any pets?", "a", "U1", "111.1"))
    group_id = (await running.gaps_report()).groups[0].id
    terminal = await owner_twin(make_twin, tmp_path)
    outcome = await terminal.owner.answer(group_id, PET_FACT, "owner (terminal)")
    assert outcome.ok and outcome.delivered == 0 and "1 more will get it" in outcome.message
    await running.live.tick()
    assert [(r.user_id, r.reply_to) for r in outlet.replies] == [("U1", "111.1")]
    await running.live.tick()
    assert len(outlet.replies) == 1  # claimed once
    await running.answer(ask("Have you got any pets?", "b"))
    assert "Pip" in facts_sent(fake_groq.requests[-1])


async def test_the_dashboard_and_the_owner_desk_agree_on_decided_groups(
    make_twin: MakeTwin, fake_groq: FakeGroq, tmp_path: Path
) -> None:
    fake_groq.reply = knows_only_prompt
    twin = await owner_twin(make_twin, tmp_path)
    await twin.answer(ask("Do you have any pets?", "a"))
    await twin.answer(ask("What's your favourite film?", "b"))
    report = (await twin.gaps_report()).groups
    pets, film = sorted(report, key=lambda g: "film" in g.example)
    assert (await twin.history.open_gaps()).groups == report  # the same groups, ids and order
    assert (await twin.owner.ignore(film.id, "owner (dashboard)")).ok  # the dashboard's Ignore
    assert [g.id for g in (await twin.gaps_report()).groups] == [pets.id]
    assert (await twin.owner.keep_private(pets.id, "UOWNER")).ok  # a card's Keep private
    gaps = await twin.history.open_gaps()
    assert (gaps.groups, gaps.ignored, gaps.private) == ((), 1, 1)


async def test_two_processes_never_pass_the_daily_card_count_together(
    make_twin: MakeTwin, fake_groq: FakeGroq, tmp_path: Path
) -> None:
    fake_groq.reply = knows_only_prompt
    first = await owner_twin(make_twin, tmp_path, cards=2)
    for i, q in enumerate(("Do you have pets?", "Favourite film?", "Do you dance salsa?")):
        await first.answer(ask(q, f"q{i}"))  # no outlet yet: the groups wait
    second = await owner_twin(make_twin, tmp_path, cards=2)  # another connection, same file
    a, b = RecordingOutlet(), RecordingOutlet()
    first.owner.subscribe(a)
    second.owner.subscribe(b)
    sent = await asyncio.gather(first.owner.flush(), second.owner.flush())
    carded = [c.group_id for c in (*a.cards, *b.cards)]
    assert sum(sent) == 2 and len(carded) == len(set(carded)) == 2
