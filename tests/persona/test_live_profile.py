"""Hot reload: an edit on disk is used from the next question on; a broken edit keeps the last
good profile and tells the owner (file and line); cached answers survive when their facts did
not change. Sources: each answer records the facts it was given."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

from bot.sources import shown_sources
from core.types import Question
from tests.conftest import MakeTwin
from tests.fakes.groq_server import FakeGroq
from tests.fakes.owner import RecordingOutlet, facts_sent, owner_section, profile_copy


def ask(text: str, conversation: str) -> Question:
    return Question(
        text=text, platform="slack", user_id="U1", channel_id="C1", conversation=conversation
    )


def prompt(fake: FakeGroq) -> str:
    return facts_sent(fake.requests[-1])


def bump(path: Path) -> None:
    """Make sure the change is visible to an mtime check even on coarse clocks."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))


async def test_an_edit_on_disk_is_used_by_the_next_question(
    make_twin: MakeTwin, fake_groq: FakeGroq, tmp_path: Path
) -> None:
    profile = profile_copy(tmp_path)
    twin = await make_twin(profile=profile)
    await twin.answer(ask("What are your skills?", "a"))
    assert "Rust" not in prompt(fake_groq)
    data = json.loads(profile.read_text(encoding="utf-8"))
    languages = data["skills"]["technical"]["programming_languages"]
    languages.append({"language": "Rust", "proficiency": "Beginner", "years": 1})
    profile.write_text(json.dumps(data), encoding="utf-8")
    bump(profile)
    result = await twin.live.check_files()
    assert result is not None and result.ok and result.changed
    assert await twin.live.check_files() is None  # nothing new since
    await twin.answer(ask("What are your skills? Any Rust?", "b"))
    assert "Rust" in prompt(fake_groq)


async def test_a_broken_edit_keeps_the_last_good_profile_and_the_owner_is_told_once(
    make_twin: MakeTwin, fake_groq: FakeGroq, tmp_path: Path
) -> None:
    profile = profile_copy(tmp_path)
    twin = await make_twin(owner_section(slack="UOWNER"), profile=profile)
    outlet = RecordingOutlet()
    twin.owner.subscribe(outlet)
    good = twin.profile.fingerprint
    profile.write_text('{\n  "personal": {\n    "name": "Maya",,\n', encoding="utf-8")
    bump(profile)
    result = await twin.live.check_files()
    assert result is not None and not result.ok
    assert twin.profile.fingerprint == good
    assert len(outlet.notices) == 1 and "maya.json" in outlet.notices[0]
    assert "line 3" in outlet.notices[0]
    bump(profile)
    await twin.live.check_files()
    assert len(outlet.notices) == 1  # the same broken state is reported once
    answer = await twin.answer(ask("Where did you go to university?", "a"))
    assert answer.model is not None and "Leeds" in prompt(fake_groq)


async def test_cached_answers_survive_a_change_that_does_not_touch_their_facts(
    make_twin: MakeTwin, fake_groq: FakeGroq, tmp_path: Path
) -> None:
    profile = profile_copy(tmp_path)
    twin = await make_twin(profile=profile)
    await twin.answer(ask("Where did you go to university?", "a"))
    await twin.answer(ask("Tell me about your mentoring", "b"))
    learned = tmp_path / "maya.learned.md"
    learned.write_text("# Learned\n\n## Pets\n\nA border collie called Pip.\n", encoding="utf-8")
    assert (await twin.live.check_files()).changed == ("learned-pets",)  # type: ignore[union-attr]
    again = await twin.answer(ask("Where did you go to university?", "c"))
    assert again.cached
    calls = len(fake_groq.requests)
    learned.write_text(
        "# Learned\n\n## Mentoring\n\nI mentor two juniors at work too.\n", encoding="utf-8"
    )
    bump(learned)
    await twin.live.check_files()
    fresh = await twin.answer(ask("Tell me about your mentoring", "d"))
    assert not fresh.cached and len(fake_groq.requests) == calls + 1


async def test_each_answer_records_its_facts_and_names_the_headings_used(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    twin = await make_twin()
    answer = await twin.answer(ask("Where did you go to university?", "a"))
    assert answer.sources and "Education" in answer.sources
    why = await twin.answers.why(answer.request_id)
    assert why is not None and why.model == answer.model
    assert why.question == "Where did you go to university?"
    assert any(f.title == "Education" for f in why.facts)
    assert all(f.title in prompt(fake_groq) for f in why.facts)


async def test_show_sources_off_leaves_the_line_out(make_twin: MakeTwin) -> None:
    twin = await make_twin()
    answer = await twin.answer(ask("Where did you go to university?", "a"))
    shown = shown_sources(answer, twin.config)
    assert shown and len(shown) <= 3 and shown == answer.sources[: len(shown)]
    off = replace(twin.config, persona=replace(twin.config.persona, show_sources=False))
    assert shown_sources(answer, off) == ()
