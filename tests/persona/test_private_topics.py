"""Questions that ask for private facts: which are declined and which are not."""

from __future__ import annotations

from dataclasses import replace

import pytest

from core.privacy.private_topics import BUILT_IN, PrivateTopics

PRIVATE = pytest.mark.parametrize(
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


@PRIVATE
def test_private_questions_are_matched(question: str, topic: str) -> None:
    assert PrivateTopics().match(question) == topic


ORDINARY = pytest.mark.parametrize(
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


@ORDINARY
def test_ordinary_questions_are_not(question: str) -> None:
    assert PrivateTopics().match(question) is None


# One wording per built-in pattern (and near misses), each in more than one case.
WORDINGS = [
    "your Phone number", "YOUR WHATSAPP", "ur signal number", "your cell no.",
    "your mobile phone no", "Mobile Number please", "whatsapp no. ?", "Could we text you?",
    "shall I RING you",
    "Telefonnummer bitte", "handynummer?", "ton numéro de téléphone", "tu número de teléfono",
    "your E-Mail", "Email Address?", "where should we reach you", "how do I e-mail you",
    "your contact info", "your contact details", "your mailing address", "the HOME ADDRESS",
    "where exactly do you live", "which street do you live on", "your postcode", "your zip code",
    "wo wohnst du", "deine Adresse", "ton adresse", "tu dirección", "your date of birth",
    "your DOB", "your age", "when were you born", "how old are you", "what year were you born",
    "Geburtstag", "wie alt bist du", "quel âge", "cuántos años", "Salaries", "your hourly rate",
    "your wages", "how much does it pay you", "what did you get paid", "were you paid",
    "Gehalt", "verdienst du", "salaire", "sueldo", "stipendio", "lön", "your IBAN",
    "your sort code", "your routing number", "your bank account number", "your credit card",
    "your SSN", "your national insurance number", "your NI number", "your tax id",
    "your steuer-id", "your personnummer", "your id number", "your passport number",
    "your phone app", "your bank account service", "your agenda", "you're paid?",
]  # fmt: skip


@pytest.mark.parametrize("question", WORDINGS)
def test_needles_never_change_what_matches(question: str) -> None:
    """A topic whose needles are not in an ASCII question is skipped: the answer must be what
    searching every pattern gives, for every wording, in any case, ASCII or not."""
    searched = PrivateTopics([replace(t, needles=None) for t in BUILT_IN])
    topics = PrivateTopics()
    for text in (question, question.upper(), f"So: {question}?", f"Hé, {question}"):
        assert topics.match(text) == searched.match(text)


@ORDINARY
def test_needles_never_change_what_does_not_match(question: str) -> None:
    searched = PrivateTopics([replace(t, needles=None) for t in BUILT_IN])
    assert PrivateTopics().match(question) is searched.match(question) is None
