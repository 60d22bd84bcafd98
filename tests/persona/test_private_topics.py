"""Questions that ask for private facts: which are declined, which are not, and topics added
while the twin runs."""

from __future__ import annotations

import pytest

from core.persona.private_topics import PrivateTopics


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("What's your phone number?", "phone"),
        ("Can I call you tomorrow?", "phone"),
        ("Could you give me your mobile number?", "phone"),
        ("what is your email?", "email"),
        ("How can I contact you?", "email"),
        ("What's your home address?", "address"),
        ("Where exactly do you live?", "address"),
        ("When's your birthday?", "birthday"),
        ("How old are you?", "birthday"),
        ("What salary do you expect?", "pay"),
        ("How much do you earn?", "pay"),
        ("What’s your day rate?", "pay"),
        ("Were you paid well at Acme?", "pay"),
        ("What's your IBAN?", "bank"),
        ("What is your social security number?", "national_id"),
        ("Send me your bank details", "bank"),
        ("what's your passport number", "national_id"),
        ("Wie ist deine Telefonnummer?", "phone"),
        ("Was ist dein Gehalt?", "pay"),
    ],
)
def test_private_questions_are_matched(question: str, topic: str) -> None:
    assert PrivateTopics().match(question) == topic


@pytest.mark.parametrize(
    "question",
    [
        "Where did you earn your degree?",
        "Where are you based?",
        "What's your success rate with migrations?",
        "Which phone apps have you built?",
        "How old is the tracking API?",
        "Tell me about the budget you managed.",
        "What was the address of your conference talk about?",
        "What certifications do you have?",
        "How does your rate limiter work?",
        "Tell me about your mobile app.",
        "How did your phone app handle offline mode?",
        "What do your friends call you?",
        "Did your email campaign pipeline use Kafka?",
        "I hear you built an IBAN validator - how?",
        "Which street food do you like?",
        "Was the social security benefits calculator yours?",
        "Tell me about your pay-as-you-go billing project.",
    ],
)
def test_ordinary_questions_are_not(question: str) -> None:
    assert PrivateTopics().match(question) is None


def test_topics_can_be_added_and_removed_at_run_time() -> None:
    topics = PrivateTopics()
    assert topics.match("How is your health these days?") is None
    topics.add("health", ["your health", "illness"], label="my health")
    assert topics.match("How is your   HEALTH these days?") == "health"
    assert "my health" in topics.decline("health")
    assert topics.remove("health") and topics.match("your health?") is None
    assert "health" not in topics.names
