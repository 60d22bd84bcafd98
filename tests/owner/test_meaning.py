"""Gap groups by meaning: rewordings of one everyday question (other words, other shapes) are one
group, and different questions that share a word stay apart. Written apart from the benches'
banks (a few plain wordings of the fifth set, such as "What car do you drive?", are in one by
chance). `grouping_cases.toml` holds 402 questions in 3 or 4 wordings each and 207
close-but-different pairs, filed as the owner desk files gaps."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from core.owner.gaps import question_terms, similar_terms
from core.owner.meaning import DATA, clearly_different, lexicon
from tests.owner.filing import filed

CASES: dict[str, Any] = tomllib.loads(
    (Path(__file__).with_name("grouping_cases.toml")).read_text(encoding="utf-8")
)
WORDINGS = {case["id"]: case["wordings"] for case in CASES["case"]}

REWORDINGS = [
    ("Are you scared of anything?", "What's your biggest fear?", "What frightens you?"),
    ("Do you work out?", "Do you go to the gym?", "What exercise do you do?"),
    ("How often do you go to the gym?", "How many times a week do you work out?"),
    # A topic the lexicon lacks: the words still meet (surfer / surfing, knitter / knit).
    ("Are you a surfer?", "Do you go surfing?"),
    ("Are you a knitter?", "Do you knit?"),
    (
        "What would you do if you won the lottery?",
        "What would you do with a million pounds?",
        "If you suddenly became rich, what would you buy?",
    ),
    ("Do you eat meat?", "Are you vegan?", "Any dietary requirements?"),
    ("How do you get to the office?", "How long is your commute?", "Do you cycle to work?"),
    ("What time do you go to bed?", "How much sleep do you get?", "How many hours do you sleep?"),
    ("Are you an early bird?", "Are you a morning person?", "What time do you wake up?"),
    ("Which gadget could you not live without?", "What's your favourite piece of tech?"),
    ("Who is your role model?", "Who do you look up to?", "Which person do you admire most?"),
    ("What's your favourite podcast?", "Which podcasts are you listening to?"),
    ("Where are you going on holiday this summer?", "Any trips planned for the summer break?"),
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
    # Close but different (one topic, another question): an answer to one is wrong for the other.
    ("What's your favourite book?", "What book are you reading at the moment?"),
    ("Where did you grow up?", "Where do you live now?"),
    ("Where did you go on your last holiday?", "What's your dream holiday?"),
    ("Do you have kids?", "Do you want kids?"),
    ("What's your favourite food?", "Is there any food you hate?"),
    ("Do you have a dog?", "Would you like to get a dog one day?"),
    ("What's your favourite animal?", "Do you have any pets?"),
    ("What's your biggest pet peeve?", "Do you have a pet?"),
    ("Do you drink coffee?", "Do you drink alcohol?"),
    ("Which team do you support?", "Which political party do you support?"),
    ("What did you do last weekend?", "Any plans for this weekend?"),
    ("Where are you travelling next?", "Where would you love to travel one day?"),
    ("What was your first car?", "What car do you drive?"),
    ("What's your favourite colour?", "What colour are your eyes?"),
    ("What did you want to be when you grew up?", "Where did you grow up?"),
    ("What's the best trip you've ever taken?", "Where did you go on your last trip?"),
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


# Cases the lexicon groups together, knowingly: one topic, and an answer to one misleads no one
# asking the other ("what kind of music do you like?" / "who's your favourite singer?").
# The eighth set's author wrote as two cases what the banks' authors ask as one: a liking and
# a favourite ("do you like to travel?" / "the best trip of your life?"), a partner and being
# married or single.
ACCEPTED = [
    {"fav_music", "fav_singer", "song_stuck"},
    {"coffee_how", "coffee_tea"},
    {"s8_singer", "s8_music_taste"},
    {"s8_partner", "s8_status"},
    {"s8_read_like", "s8_fav_book"},
    {"s8_travel_like", "s8_best_holiday"},
]


# Sets written without reading the others ask some questions again ("what's your favourite
# film?"): each is filed on its own, so a question and its twin from another set are not a mix.
FILED_APART = ("fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


def test_rewordings_of_everyday_questions_are_one_group_and_groups_do_not_mix() -> None:
    """Each case's wordings arrive interleaved with every other case's of its sets: at least
    90% of the cases end in one group (the later sets were written after the lexicon and hold
    the most splits), and no group mixes cases beyond the accepted ones."""
    sets = {case["id"]: case.get("set", "first") for case in CASES["case"]}
    batches = [{c: w for c, w in WORDINGS.items() if sets[c] not in FILED_APART}]
    batches += [{c: w for c, w in WORDINGS.items() if sets[c] == name} for name in FILED_APART]
    together, mixed = 0, list[set[str]]()
    for batch in batches:
        one, mixes = filed(batch)
        together, mixed = together + one, mixed + mixes
    assert together / len(WORDINGS) >= 0.9
    assert all(any(ids <= ok for ok in ACCEPTED) for ids in mixed), mixed


@pytest.mark.parametrize("name", FILED_APART)
def test_a_set_written_apart_is_grouped(name: str) -> None:
    """The fifth set (69 questions in three wordings that change the nouns and verbs, written
    before reading the lexicon; 46% in one group when written, 9 groups mixed) and the sixth
    (40 more, a probe written after the first change; 45%, 3 mixed), the seventh (40, a second
    probe after the next; 35%, 4 mixed) and the eighth (40 in casual wordings, after the next;
    50%, 7 mixed): at least 90% in one group, none mixed beyond the accepted ones. The ninth
    (40 with the widest wordings, after the next; 15%, 4 mixed) at least 75%: the splits left
    are framings the lexicon reads as other questions ("how often do you vacuum?" / "are you a
    neat freak?", "when did you last visit a museum?" / "do you like museums?"). The tenth (40
    of the most asked, typed as in chat; 50%, 6 mixed) at least 90%."""
    cases = {case["id"]: case["wordings"] for case in CASES["case"] if case.get("set") == name}
    together, mixed = filed(cases)
    assert together / len(cases) >= (0.75 if name == "ninth" else 0.9)
    assert all(any(ids <= ok for ok in ACCEPTED) for ids in mixed), mixed


@pytest.mark.parametrize("pair", [c["pair"] for c in CASES["close"]], ids="/".join)
def test_close_but_different_questions_are_never_alike(pair: list[str]) -> None:
    first, second = pair
    wrong = [
        (a, b)
        for a in WORDINGS[first]
        for b in WORDINGS[second]
        if similar_terms(question_terms(a), question_terms(b))
        or similar_terms(question_terms(b), question_terms(a))
    ]
    assert not wrong


def test_the_model_is_shown_almost_every_rewording() -> None:
    """A group the lexicon is sure asks something else is never shown to the model
    (`same_question`), so a word read into the wrong topic would also hide a rewording from the
    model. Of the ordered pairs of wordings of one case, at most 2% are clearly different (the
    lexicon before this round hid 136 of 2580, 5.3%: "is there a yard at your place?" was about
    housing and "do you have a garden?" about gardens, so the model never saw one beside the
    other; those left are framings read as other questions, "how often do you walk your dog?"
    / "do you take your pup out every day?")."""
    pairs = [(a, b) for ws in WORDINGS.values() for a in ws for b in ws if a != b]
    hidden = [p for p in pairs if clearly_different(question_terms(p[0]), question_terms(p[1]))]
    assert len(hidden) <= len(pairs) // 50, hidden


def test_the_lexicon_gives_each_word_one_topic() -> None:
    """A word in two topics would be read as the first one silently; a frame word never names
    a topic."""
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    frame = set(data["frame"].split())
    owner: dict[str, str] = {}
    for topic in data["topic"]:
        for word in topic.get("words", "").split():
            assert owner.setdefault(word, topic["name"]) == topic["name"], word
            assert word not in frame, word
    assert len(lexicon().topics) == len(data["topic"])


def test_a_topic_takes_in_only_topics_that_do_not_take_it_in() -> None:
    """A topic takes in another its questions name on the way ("dinner with anyone from any era"
    is a dinner guest, not time travel); two that took in each other would both be dropped."""
    absorbs = lexicon().absorbs
    for topic, taken in absorbs.items():
        assert taken <= lexicon().topics, (topic, taken - lexicon().topics)
        assert not any(topic in absorbs.get(other, frozenset()) for other in taken), topic
