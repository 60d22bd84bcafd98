"""Gap groups by meaning: rewordings of one everyday question (other words, other shapes) are one
group, and different questions that share a word stay apart. Written apart from the benches'
banks: none of these wordings is in a bank."""

from __future__ import annotations

import pytest

from core.owner.gaps import question_terms, similar_terms

REWORDINGS = [
    ("Are you scared of anything?", "What's your biggest fear?", "What frightens you?"),
    ("Do you work out?", "How often do you go to the gym?", "What exercise do you do?"),
    (
        "What would you do if you won the lottery?",
        "What would you do with a million pounds?",
        "If you suddenly became rich, what would you buy?",
    ),
    ("Do you eat meat?", "Are you vegan?", "Any dietary requirements?"),
    ("How do you get to the office?", "How long is your commute?", "Do you cycle to work?"),
    ("What time do you go to bed?", "How much sleep do you get?", "Are you an early bird?"),
    ("Which gadget could you not live without?", "What's your favourite piece of tech?"),
    ("Who is your role model?", "Who do you look up to?", "Which person do you admire most?"),
    ("What's your favourite podcast?", "Which podcasts are you listening to?"),
    ("Do you celebrate Christmas?", "Where are you going for the holidays?"),
    ("Do you follow a football club?", "Who do you root for?"),
    ("Are you seeing anyone?", "Do you have a significant other?", "Are you married?"),
    ("What's your favourite time of year?", "Summer or winter?"),
    ("What's the best advice you've been given?", "What tip would you give your younger self?"),
]

APART = [
    ("Are you vegetarian?", "What's your favourite restaurant?"),
    ("Do you work from home?", "Do you live in a flat?"),
    ("What's your favourite gadget at home?", "Do you rent your home?"),
    ("How big is your team?", "Which football team do you support?"),
    ("What training have you done?", "Do you take the train to work?"),
    ("What's your ideal job?", "What does your perfect day look like?"),
    ("Do you have a tattoo?", "What does your perfect weekend look like?"),
    ("What's your favourite season?", "Any plans for the summer holidays?"),
    ("Where did you go on your last holiday?", "Where would you love to travel one day?"),
    ("What was the last concert you went to?", "Which band would you love to see live?"),
    ("What's your go-to drink in the morning?", "Are you a night owl?"),
    ("What's your star sign?", "When is your birthday?"),
]


@pytest.mark.parametrize("wordings", REWORDINGS, ids=lambda w: w[0])
def test_rewordings_share_a_group(wordings: tuple[str, ...]) -> None:
    terms = [question_terms(w) for w in wordings]
    for i, one in enumerate(terms):
        for other in terms[i + 1 :]:
            assert similar_terms(one, other), (one, other)


@pytest.mark.parametrize("pair", APART, ids=lambda p: p[0])
def test_different_questions_stay_apart(pair: tuple[str, str]) -> None:
    one, other = (question_terms(w) for w in pair)
    assert not similar_terms(one, other), (one, other)
