"""The prompt is laid out for Groq's prefix cache: the constant part first and byte-identical
across questions and conversations, what varies after it."""

from __future__ import annotations

from core.models.outcomes import trim_history
from core.models.providers.base import ChatMessage
from core.persona.profile import Profile
from core.persona.prompt import QUESTION_FACTS, Turn, build_messages, constant_facts
from core.persona.retrieval import Retriever
from core.types import Question
from tests.conftest import MakeTwin
from tests.fakes.groq_server import FakeGroq

QUESTIONS = (
    "What certifications do you have?",
    "Tell me about your internship",
    "What is your tech stack?",
    "What are your career goals?",
    "Where did you study?",
)
HISTORY = (Turn("user", "Where do you work?"), Turn("assistant", "At Northwind Freight."))


def test_the_first_message_is_byte_identical_for_every_question_and_conversation(
    example: Profile, example_md: Profile, no_answer: str
) -> None:
    for profile in (example, example_md):
        retriever = Retriever(profile.chunks)
        firsts = {
            build_messages(profile, retriever.search(q), history, q, no_answer=no_answer)[0]
            for q in QUESTIONS
            for history in ((), HISTORY)
        }
        assert len(firsts) == 1


def test_a_small_profile_is_all_constant(example_md: Profile, no_answer: str) -> None:
    hits = Retriever(example_md.chunks).search("certifications")
    messages = build_messages(example_md, hits, HISTORY, "certifications?", no_answer=no_answer)
    assert [m.role for m in messages] == ["system", "user", "assistant", "user"]
    assert all(c.text in messages[0].content for c in example_md.chunks)


def test_a_large_profile_opens_with_its_core_and_sends_other_hits_just_before_the_question(
    example: Profile, retriever: Retriever, no_answer: str
) -> None:
    core = constant_facts(example)
    assert core and core == example.chunks[: len(core)]
    hits = retriever.search("Tell me about your internship")
    messages = build_messages(example, hits, HISTORY, "internship?", no_answer=no_answer)
    assert [m.role for m in messages] == ["system", "user", "assistant", "system", "user"]
    assert all(c.text in messages[0].content for c in core)
    facts = messages[-2].content
    assert facts.startswith(QUESTION_FACTS)
    assert all(c.text not in facts for c in core)  # never sent twice
    assert any(h.chunk.text in facts for h in hits)


def test_each_turn_starts_with_the_previous_turns_request(
    example: Profile, retriever: Retriever, no_answer: str
) -> None:
    history: list[Turn] = []
    previous: tuple[ChatMessage, ...] = ()
    for q in QUESTIONS[:3]:
        messages = build_messages(example, retriever.search(q), history, q, no_answer=no_answer)
        if previous:
            shared = len(previous) - 2  # all but the question's own facts and the question
            assert messages[:shared] == previous[:shared]
            assert messages[shared].content == previous[-1].content  # the last question
        previous = messages
        history += [Turn("user", q), Turn("assistant", f"An answer to {q}")]


def test_a_context_retry_keeps_the_questions_facts(
    example: Profile, retriever: Retriever, no_answer: str
) -> None:
    q = "Tell me about your internship"
    messages = build_messages(example, retriever.search(q), HISTORY, q, no_answer=no_answer)
    shorter = trim_history(messages)
    assert shorter == (messages[0], messages[-2], messages[-1])


async def test_other_conversations_are_served_from_the_prefix_cache(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    twin = await make_twin("[cache]\nenabled = false\n")
    for i, q in enumerate(QUESTIONS[:3]):
        await twin.answer(
            Question(text=q, platform="cli", user_id="u", channel_id="c", conversation=f"cli:{i}")
        )
    rows = await twin._p.store.fetch("SELECT prompt_tokens, cached_input_tokens FROM usage")
    assert rows[0][1] == 0
    no_answer = twin.config.persona.no_answer
    system_tokens = (
        len(build_messages(twin.profile, (), (), "", no_answer=no_answer)[0].content) // 4
    )
    assert all(cached >= system_tokens - 2 * 128 and cached > 0 for _, cached in rows[1:])
    report = await twin.usage_report()
    assert report.today.cached_input_tokens == sum(r[1] for r in rows)
    assert report.today.cache_saved_usd > 0
