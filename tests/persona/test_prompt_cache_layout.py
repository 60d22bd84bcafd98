"""The prompt is laid out for Groq's prefix cache: the constant part first and byte-identical
across questions and conversations, what varies after it."""

from __future__ import annotations

from core.models.outcomes import trim_history
from core.persona.profiles.profile import Profile
from core.persona.prompt import QUESTION_FACTS, Turn, build_messages, retrieval_query
from core.persona.search.retrieval import Retriever
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


def test_a_large_profile_sends_its_hits_next_in_profile_order(
    example: Profile, retriever: Retriever, no_answer: str
) -> None:
    hits = retriever.search("Tell me about your internship")
    messages = build_messages(example, hits, HISTORY, "internship?", no_answer=no_answer)
    assert [m.role for m in messages] == ["system", "system", "user", "assistant", "user"]
    assert all(h.chunk.text not in messages[0].content for h in hits)
    facts = messages[1].content
    assert facts.startswith(QUESTION_FACTS)
    order = [c.id for c in example.chunks]
    positions = sorted(order.index(h.chunk.id) for h in hits)
    shown = [i for i in positions if example.chunks[i].text in facts]
    assert shown == positions and len(shown) >= 2  # every hit, in profile order
    at = [facts.index(example.chunks[i].text) for i in shown]
    assert at == sorted(at)


def test_questions_that_retrieve_the_same_chunks_share_the_facts_whole(
    example: Profile, retriever: Retriever, no_answer: str
) -> None:
    hits = retriever.search("internship")
    a = build_messages(example, hits, (), "internship?", no_answer=no_answer)
    b = build_messages(example, list(reversed(hits)), HISTORY, "intern?", no_answer=no_answer)
    assert a[:2] == b[:2]  # the score order does not change a byte


def test_a_follow_up_starts_with_the_whole_previous_request(
    example: Profile, retriever: Retriever, no_answer: str
) -> None:
    first_q, follow_up = "Where do you work?", "And before that?"
    first = build_messages(example, retriever.search(first_q), (), first_q, no_answer=no_answer)
    history = (Turn("user", first_q), Turn("assistant", "At Northwind Freight."))
    query = retrieval_query(follow_up, history)  # a short follow-up borrows the question
    second = build_messages(
        example, retriever.search(query), history, follow_up, no_answer=no_answer
    )
    assert second[: len(first)] == first


def test_a_context_retry_keeps_the_questions_facts(
    example: Profile, retriever: Retriever, no_answer: str
) -> None:
    q = "Tell me about your internship"
    messages = build_messages(example, retriever.search(q), HISTORY, q, no_answer=no_answer)
    assert trim_history(messages) == (messages[0], messages[1], messages[-1])


async def test_other_conversations_are_served_from_the_prefix_cache(
    make_twin: MakeTwin, fake_groq: FakeGroq
) -> None:
    twin = await make_twin("[cache]\nenabled = false\n")
    answers = [
        await twin.answer(
            Question(text=q, platform="cli", user_id="u", channel_id="c", conversation=f"cli:{i}")
        )
        for i, q in enumerate(QUESTIONS[:3])
    ]
    rows = await twin._p.store.fetch("SELECT prompt_tokens, cached_input_tokens FROM usage")
    assert rows[0][1] == 0
    assert [a.cached_input_tokens for a in answers] == [r[1] for r in rows]  # twin ask --json
    no_answer = twin.config.persona.no_answer
    system_tokens = (
        len(build_messages(twin.profile, (), (), "", no_answer=no_answer)[0].content) // 4
    )
    assert all(cached >= system_tokens - 2 * 128 and cached > 0 for _, cached in rows[1:])
    report = await twin.usage_report()
    assert report.today.cached_input_tokens == sum(r[1] for r in rows)
    assert report.today.cache_saved_usd > 0
