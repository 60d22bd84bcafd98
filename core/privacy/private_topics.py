"""Questions that ask for private facts, declined politely without a model call.

`PrivateTopics` holds named topics, each a set of patterns and the words the decline uses
("my phone number"). `match(question)` returns the first topic a question asks about, or None;
`decline(topic)` is the short answer in the twin's voice. The built-in topics cover what the
profile rules always withhold: phone, e-mail and contact details, home address, birthday and
age, pay, bank details, tax and national ids. The same object filters `/twin-gaps`, so
questions on a private topic are never listed as gaps (see `core.privacy.privacy_guard`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

DECLINE = (
    "I keep {label} private, so I won't share that here - but I'm happy to talk about my work, "
    "projects or studies."
)


@dataclass(frozen=True)
class Topic:
    name: str  # "phone", "pay", or an owner's topic
    label: str  # what the decline calls it: "my phone number"
    patterns: tuple[re.Pattern[str], ...]
    # Lower-case literals one of which every match of any pattern contains: an ASCII question
    # containing none of them is not searched (a few substring tests instead of a regex scan
    # per pattern). None: always searched.
    needles: tuple[str, ...] | None = None


def _patterns(*sources: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(s, re.I) for s in sources)


def _any_of(needles: str) -> tuple[str, ...]:
    """A topic's needles, written "a|b|c" like the alternations they are taken from."""
    return tuple(needles.split("|"))


_YOU = r"(?:your|ur|you'?r|thy|deine?[nm]?|ta|ton|tu|tus)"
# "your phone app", "your email campaign": the thing is a project, not the owner's own number
_NOT_A_THING = (
    r"(?!\s+(?:app|apps|application|game|games|screen|ui|ux|project|projects|marketing|"
    r"campaigns?|service|server|system|templates?|pipeline|integration|client|parser|"
    r"validation|validator|feature|features|notifications?)\b)\b"
)
BUILT_IN: tuple[Topic, ...] = (
    Topic(
        "phone",
        "my phone number",
        _patterns(
            rf"\b{_YOU}\s+(?:phone|telephone|whatsapp|signal)(?:\s+number)?{_NOT_A_THING}",
            rf"\b{_YOU}\s+(?:mobile|cell)(?:\s+phone)?\s+(?:number|no\.?)\b",
            r"\b(?:phone|mobile|cell|telephone|whatsapp) (?:number|no\.?)\b",
            r"\b(?:can|could|may|should|shall) (?:i|we) (?:call|text|ring|phone) you\b",
            r"\btelefonnummer|handynummer|numéro de téléphone|número de teléfono\b",
        ),
        _any_of(
            "phone|whatsapp|signal|mobile|cell|call you|text you|ring you|telefonnummer|"
            "handynummer|numéro de téléphone|número de teléfono"
        ),
    ),
    Topic(
        "email",
        "my contact details",
        _patterns(
            rf"\b{_YOU}\s+e-?mail{_NOT_A_THING}",
            r"\be-?mail address\b",
            r"\b(?:how|where) (?:can|could|do|should) (?:i|we) (?:contact|reach|e-?mail) you\b",
            rf"\b{_YOU}\s+contact (?:details|info\w*)\b",
        ),
        _any_of("mail|contact|reach you"),
    ),
    Topic(
        "address",
        "my home address",
        _patterns(
            rf"\b{_YOU}\s+(?:home |street |postal |mailing )?address{_NOT_A_THING}",
            r"\bhome address\b",
            # "where do you live?" asks for the city, which a profile may say publicly
            r"\bwhere exactly do you live\b|\bwhere do you live exactly\b",
            r"\bwhich street do you live\b",
            rf"\b{_YOU}\s+(?:post ?code|zip(?: code)?)\b",
            r"\bwo wohnst du|deine adresse|ton adresse|tu dirección\b",
        ),
        _any_of("address|do you live|post|zip|wohnst du|adresse|dirección"),
    ),
    Topic(
        "birthday",
        "my birthday and age",
        _patterns(
            rf"\b{_YOU}\s+(?:birthday|date of birth|birth ?date|dob|age)\b",
            r"\bwhen (?:were|was) you born\b",
            r"\bhow old are you\b",
            r"\bwhat year were you born\b",
            r"\bgeburtstag|wie alt bist du|quel âge|cuántos años\b",
        ),
        _any_of(
            "birth|dob|age|you born|how old are you|geburtstag|wie alt bist du|quel âge|"
            "cuántos años"
        ),
    ),
    Topic(
        "pay",
        "my pay",
        _patterns(
            r"\bsalar(?:y|ies)\b",
            rf"\b{_YOU}\s+(?:pay|income|compensation|wages?|earnings|day rate|hourly rate|"
            r"daily rate|rates)(?![\w-])",
            r"\bhow much (?:do|did|does|will) (?:you|it) (?:earn|make|get paid|charge|pay you)\b",
            r"\bwhat (?:do|did) you (?:earn|make|get paid)\b",
            r"\b(?:are|were) you paid\b",
            r"\bgehalt|verdienst du|salaire|sueldo|stipendio|lön\b",
        ),
        _any_of(
            "salar|pay|income|compensation|wage|earnings|rate|how much|you earn|you make|paid|"
            "gehalt|verdienst du|salaire|sueldo|stipendio|lön"
        ),
    ),
    Topic(
        "bank",
        "my bank details",
        _patterns(
            rf"\b{_YOU}\s+(?:iban|bic|swift code|sort code|routing number|bank account(?: number)?|"
            rf"bank details|account number|card number|credit card(?: number)?){_NOT_A_THING}",
        ),
        _any_of("iban|bic|swift code|sort code|routing number|bank|account number|card"),
    ),
    Topic(
        "national_id",
        "my id numbers",
        _patterns(
            rf"\b{_YOU}\s+(?:social security(?: number)?|ssn|national insurance(?: number)?|"
            rf"ni number|passport(?: number)?|tax (?:id|number)|steuer-?id|personnummer|"
            rf"id number){_NOT_A_THING}",
        ),
        _any_of(
            "social security|ssn|national insurance|ni number|passport|tax id|tax number|"
            "steuer|personnummer|id number"
        ),
    ),
)


class PrivateTopics:
    """The topics questions are declined on."""

    def __init__(self, topics: Iterable[Topic] = BUILT_IN) -> None:
        self._topics: dict[str, Topic] = {t.name: t for t in topics}

    def match(self, question: str) -> str | None:
        """The name of the first private topic `question` asks about, or None."""
        text = question.replace("’", "'")
        # For ASCII text, lower() is exactly the patterns' case-insensitivity, so a topic none
        # of whose needles the lowered text contains cannot match and is not searched.
        lowered = text.lower() if text.isascii() else None
        for topic in self._topics.values():
            if lowered is not None and topic.needles is not None:
                for needle in topic.needles:
                    if needle in lowered:
                        break
                else:
                    continue  # no needle: the topic cannot match
            if any(p.search(text) for p in topic.patterns):
                return topic.name
        return None

    def decline(self, name: str) -> str:
        """The short polite no, in the twin's voice."""
        topic = self._topics.get(name)
        return DECLINE.format(label=topic.label if topic else "that")
