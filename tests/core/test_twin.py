"""The twin end to end: real groq SDK against the fake Groq server, real SQLite."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.clock import FakeClock
from core.store.sqlite import SqliteStore as Store
from core.types import Question, RefusalKind
from tests.conftest import EXAMPLE_PROFILE, MakeTwin
from tests.fakes.groq_server import FakeGroq, Fault

PRIVATE_VALUES = ("maya.okafor@example.com", "7700 900123", "48,500", "58,000", "notice_period")


def ask(text: str, conversation: str = "c1", user: str = "U1", **kw: object) -> Question:
    return Question(
        text=text,
        platform="slack",
        user_id=user,
        channel_id="C1",
        conversation=conversation,
        **kw,  # type: ignore[arg-type]
    )


def sent(fake: FakeGroq, index: int = -1) -> str:
    """Everything the model was sent in one request, as one string."""
    return json.dumps(fake.requests[index]["messages"], ensure_ascii=False)


async def test_answers_with_the_model_and_sends_rules_and_relevant_facts(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    twin = await make_twin()
    answer = await twin.answer(ask("Where did you go to university?"))
    assert answer.text == "I studied computer science."
    assert answer.model == "openai/gpt-oss-20b" and not answer.degraded
    assert answer.prompt_tokens > 0 and answer.cost_usd > 0
    body = sent(fake_groq)
    assert "University of Sheffield" in body
    assert "first person" in body.lower()
    assert fake_groq.requests[-1]["messages"][-1]["role"] == "user"
    assert "Where did you go to university?" in fake_groq.requests[-1]["messages"][-1]["content"]


async def test_private_fields_never_reach_the_model(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    twin = await make_twin()
    for q in (
        "What is your email address and phone number?",
        "What salary are you on and what do you expect?",
        "What's your notice period and where will you relocate?",
        "Tell me everything about yourself",
    ):
        await twin.answer(ask(q, conversation=q))
    everything = json.dumps(fake_groq.requests, ensure_ascii=False)
    for value in PRIVATE_VALUES:
        assert value not in everything


async def test_memory_survives_a_restart(make_twin: MakeTwin, fake_groq: FakeGroq) -> None:
    first = await make_twin()
    await first.answer(ask("What was your internship?"))
    await first.close()
    fake_groq.reply = "Before that I was a junior analyst."
    second = await make_twin()
    await second.answer(ask("And what did you do after it?"))
    body = sent(fake_groq)
    assert "What was your internship?" in body
    assert "I studied computer science." in body  # the first answer came back as history


async def test_without_a_key_the_twin_answers_degraded_from_the_profile(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    twin = await make_twin(env={"GROQ_API_KEY": ""})
    answer = await twin.answer(ask("Which university did you attend?"))
    assert answer.degraded and answer.model is None
    assert answer.error is None  # a setup choice, not a failure: no failure-spike alert
    assert "without my AI model" in answer.text or "without" in answer.text.lower()
    assert "Sheffield" in answer.text
    assert fake_groq.requests == []
    assert any("GROQ_API_KEY" in note for note in twin.notes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hi", "Hi! I'm Maya Okafor's digital twin"),
        ("Who are you?", "Hi! I'm Maya Okafor's digital twin"),
        ("thanks!", "You're welcome!"),
        ("bye", "Bye for now"),
    ],
)
async def test_without_a_key_small_talk_is_answered_in_kind_and_is_no_gap(
    make_twin: MakeTwin, fake_groq: FakeGroq, text: str, expected: str
) -> None:
    twin = await make_twin(env={"GROQ_API_KEY": ""})
    answer = await twin.answer(ask(text))
    assert answer.degraded and answer.text.startswith(expected)
    assert "written down" not in answer.text  # not the no-answer sentence
    assert (await twin.gaps_report()).groups == ()
    assert fake_groq.requests == []


async def test_every_model_down_gives_a_degraded_answer_and_records_each_attempt(
    make_twin: MakeTwin, fake_groq: FakeGroq, tmp_path: Path
) -> None:
    fake_groq.fail("openai/gpt-oss-20b", Fault.server_error(503))
    fake_groq.fail("openai/gpt-oss-120b", Fault.server_error(500))
    twin = await make_twin(llm="check_models_at_start = false\nretries = 1\n")
    answer = await twin.answer(ask("What certifications do you have?"))
    assert answer.degraded and answer.error == "server_error"
    assert "error" not in answer.text.lower() or "id" in answer.text.lower()
    await twin.close()
    store = await Store.open(tmp_path / "twin.db")
    rows = await store.fetch("SELECT model, outcome FROM usage ORDER BY id")
    await store.close()
    assert len(rows) == 4  # two tries of each model, every one recorded
    assert {r[1] for r in rows} == {"server_error"}


async def test_awkward_input_gets_sensible_replies(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    twin = await make_twin()
    empty = await twin.answer(ask("   "))
    assert empty.refusal is not None and empty.refusal.kind is RefusalKind.EMPTY
    attachments = await twin.answer(ask("", attachments=2))
    assert "attachments" in attachments.text
    huge = await twin.answer(ask("Tell me about your projects. " * 800, conversation="big"))
    assert huge.text.startswith("(Your message was long")
    assert len(fake_groq.requests[-1]["messages"][-1]["content"]) < 5000
    unicode = await twin.answer(ask("¿Qué estudiaste? 你学了什么 🎓", conversation="u"))
    assert unicode.text and not unicode.degraded
    everyone = await twin.answer(ask("@everyone what do you do?", conversation="e"))
    assert everyone.text == "I studied computer science."
    assert len(fake_groq.requests) == 3  # empty and attachments-only never reach a model


async def test_first_questions_are_cached_across_users(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    twin = await make_twin()
    first = await twin.answer(ask("What are your skills?", conversation="a", user="U1"))
    again = await twin.answer(ask("what are your SKILLS", conversation="b", user="U2"))
    assert not first.cached and again.cached
    assert again.text == first.text
    assert len(fake_groq.requests) == 1
    follow = await twin.answer(ask("What are your skills?", conversation="a", user="U1"))
    assert not follow.cached  # a follow-up has history, so it is never served from the cache
    report = await twin.usage_report()
    assert report.today.cached == 1 and report.today.saved_usd > 0


async def test_a_changed_profile_invalidates_the_cache(
    make_twin: MakeTwin, fake_groq: FakeGroq, tmp_path: Path
) -> None:
    twin = await make_twin()
    await twin.answer(ask("What are your skills?", conversation="a"))
    await twin.close()
    changed = tmp_path / "changed.json"
    data = json.loads(EXAMPLE_PROFILE.read_text(encoding="utf-8"))
    data["personal"]["summary"] = "I now also teach data engineering."
    changed.write_text(json.dumps(data), encoding="utf-8")
    again = await make_twin(profile=changed)
    answer = await again.answer(ask("What are your skills?", conversation="b"))
    assert not answer.cached and len(fake_groq.requests) == 2


async def test_unanswerable_questions_become_gaps(make_twin: MakeTwin, fake_groq: FakeGroq) -> None:
    twin = await make_twin()
    fake_groq.reply = "That isn't something I've written down yet - ask me about my work."
    for i, q in enumerate(("Do you have any pets?", "do you have pets", "Favourite film?")):
        answer = await twin.answer(ask(q, conversation=f"g{i}"))
        assert answer.gap
    report = await twin.gaps_report()
    assert report.total == 3
    assert report.groups[0].count == 2 and "pets" in report.groups[0].example
    # a no-answer is never cached: the owner may fill the gap soon
    assert not (await twin.answer(ask("Do you have any pets?", conversation="g9"))).cached


async def test_streaming_delivers_deltas_that_add_up_to_the_answer(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    # grounded sentences (the example profile holds them), released one by one once checked
    fake_groq.reply = (
        "I'm a data engineer in Leeds. I studied Mathematics with Computer Science at the "
        "University of Sheffield, and I'm AWS certified."
    )
    twin = await make_twin()
    pieces: list[str] = []

    async def sink(delta: str) -> None:
        pieces.append(delta)

    answer = await twin.answer(ask("What did you study, and where?"), on_text=sink)
    assert pieces == [
        "I'm a data engineer in Leeds. ",
        "I studied Mathematics with Computer Science at the University of Sheffield, and I'm "
        "AWS certified.",
    ]
    assert "".join(pieces) == answer.text
    assert fake_groq.requests[-1].get("stream") is True


async def test_usage_and_health_reports(make_twin: MakeTwin, fake_groq: FakeGroq) -> None:
    twin = await make_twin()
    await twin.answer(ask("What do you do?"))
    usage = await twin.usage_report()
    assert usage.today.questions == 1 and usage.today.calls == 1
    assert usage.budget.daily_tokens_used == usage.today.tokens > 0
    assert usage.models[0].model == "openai/gpt-oss-20b"
    assert len(usage.days) == 14 and usage.days[-1].questions == 1
    health = await twin.health_report()
    assert health.llm_available
    assert [m.model for m in health.models][:1] == ["openai/gpt-oss-20b"]
    assert health.models[0].calls == 1 and health.models[0].breaker == "closed"


async def test_a_spike_of_failed_answers_alerts_admins_once(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    fake_groq.fail("openai/gpt-oss-20b", Fault.server_error(503))
    fake_groq.fail("openai/gpt-oss-120b", Fault.server_error(503))
    twin = await make_twin(llm="check_models_at_start = false\nretries = 0\n")
    for i in range(25):
        answer = await twin.answer(ask("What are your skills?", f"s{i}", user=f"U{i}"))
        assert answer.degraded
    spikes = [a for a in twin.alerts.sent if a.kind == "failure_spike"]
    assert len(spikes) == 1
    assert "twin-health" in spikes[0].action
    breakers = [a for a in twin.alerts.sent if a.kind == "breaker_open"]
    assert {a.key for a in breakers} and len(breakers) == len({a.key for a in breakers})


async def test_cached_answers_expire_after_the_ttl(
    make_twin: MakeTwin, fake_groq: FakeGroq, clock: FakeClock
) -> None:
    twin = await make_twin("[cache]\nttl_s = 600\n")
    await twin.answer(ask("What are your skills?", conversation="a"))
    clock.advance(599)
    assert (await twin.answer(ask("What are your skills?", conversation="b", user="U2"))).cached
    clock.advance(2)
    late = await twin.answer(ask("What are your skills?", conversation="c", user="U3"))
    assert not late.cached and len(fake_groq.requests) == 2


async def test_a_follow_up_never_enters_the_cache_so_nothing_crosses_users(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    twin = await make_twin()
    await twin.answer(
        ask("I'm Priya from Acme, hiring for a data role.", conversation="a", user="U1")
    )
    fake_groq.reply = "Hi Priya! Yes, I'd love to hear about the role at Acme."
    await twin.answer(ask("Would you consider our role?", conversation="a", user="U1"))
    other = await twin.answer(ask("Would you consider our role?", conversation="b", user="U2"))
    assert not other.cached  # only first questions are cached: U1's follow-up stayed U1's
    assert len(fake_groq.requests) == 3


async def test_regression_fallback_after_a_spending_failure_stays_inside_the_budget(
    make_twin: MakeTwin, fake_groq: FakeGroq, tmp_path: Path
) -> None:
    """A reasoning model that spends its tokens and answers nothing must not let the fallback
    spend a second worst case the budget never reserved."""
    fake_groq.reply = lambda body: "" if body["model"] == "openai/gpt-oss-20b" else "Fine."
    # the cap holds one worst case (the prompt, ~2,000 tokens with the outline, + 100), not two
    fake_groq.usage = (2500, 100)
    twin = await make_twin(
        "[budget]\ndaily_tokens = 3000\n",
        llm="check_models_at_start = false\nmax_tokens = 100\n",
    )
    answer = await twin.answer(ask("What did you study at university?"))
    assert answer.degraded and answer.error == "budget"
    assert [r["model"] for r in fake_groq.requests] == ["openai/gpt-oss-20b"]
    assert (await twin.usage_report()).budget.daily_tokens_used <= 3000
