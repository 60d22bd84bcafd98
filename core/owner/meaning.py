"""What a question is about, as a small set of terms, so rewordings compare equal.

"What's your favourite film?" and "Which movie do you love the most?" share no word that
matters, yet they are one question for the owner. A question becomes the set of its terms:

- topics: everyday subjects a work profile seldom holds (`everyday.toml`: film = movie =
  flick, pet = "furry friends"), phrases read before words, chat spellings written out first
  ("r u" = "are you"); a weak topic (a context such as "in your spare time") counts only when
  nothing else is named, and a topic may take in another its questions name on the way
  ("dinner with anyone from any era" is a dinner guest, not time travel);
- how it looks in time (`when:past`, `when:recent`, `when:now`, `when:next` for a plan,
  `when:ahead` for a wish) and what it wants (`mood:best` for a favourite, `mood:dislike` for
  what one hates, `mood:first`, `mood:dream`, `mood:young` for a childhood, `mood:often`,
  `mood:bond` with someone, `mood:alive`, `mood:since` for how long), from the question's
  framing (`[aspect]` in `everyday.toml`);
- for a question naming no topic, its own stemmed words.

A question in another order ("what are you driving?", "what club are you a fan of?") is
also read in the plain order its phrases are written for (`rephrase`), and that reading wins
when more phrases match it; an emoji that names a subject ("which games lately 🎮") is read
where the words name none (`pictographs`).

Two questions are the same (`alike`) when they name the same topics and do not look different
ways ("your last holiday" / "your dream holiday", "do you have kids?" / "do you want kids?",
"your favourite book" / "what are you reading now?", "favourite food" / "food you hate");
for a timeless topic ("which superpower would you pick?") only a dislike tells them apart.
Precision first: a split asks the owner twice, a mixed group sends an answer to people who
asked something else. The set is what gap groups are filed and compared by, stored as words.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from core.owner.pictographs import pictographs
from core.owner.places import places
from core.owner.rephrase import rephrased
from core.persona.search.retrieval import STOPWORDS, stem

DATA = Path(__file__).with_name("everyday.toml")

PAST, RECENT, NOW = "when:past", "when:recent", "when:now"
NEXT, AHEAD = "when:next", "when:ahead"
BEST, DISLIKE, FIRST = "mood:best", "mood:dislike", "mood:first"
DREAM, YOUNG = "mood:dream", "mood:young"
OFTEN, BOND, ALIVE = "mood:often", "mood:bond", "mood:alive"
SINCE = "mood:since"
WHEN = frozenset({PAST, RECENT, NOW, NEXT, AHEAD})
MOOD = frozenset({BEST, DISLIKE, FIRST, DREAM, YOUNG, OFTEN, BOND, ALIVE, SINCE})
_MUST_MATCH = (DISLIKE, FIRST, YOUNG, OFTEN, BOND, ALIVE, SINCE)
_OLD_WHEN = {"when:wish": AHEAD}  # terms stored by an earlier lexicon
_LOOKING_BACK = frozenset({PAST, RECENT})
_LOOKING_AHEAD = frozenset({NEXT, AHEAD})
# Which way a question looks when its framing says several: the most telling first
# ("what did you do last weekend?" looks at the recent past, not just the past).
_PRECEDENCE = (NEXT, AHEAD, RECENT, NOW, PAST)


@dataclass(frozen=True)
class Lexicon:
    """The everyday topics and a question's framing, as read from `everyday.toml`."""

    frame: frozenset[str]
    neutral: tuple[re.Pattern[str], ...]
    phrases: tuple[tuple[re.Pattern[str], str], ...]
    words: dict[str, str]
    topics: frozenset[str]
    weak: frozenset[str]
    context: frozenset[str]
    timeless: frozenset[str]
    marks: tuple[tuple[str, re.Pattern[str]], ...]
    absorbs: dict[str, frozenset[str]]
    spelled: dict[str, str]
    ongoing: re.Pattern[str]


def _pattern(parts: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon, read once."""
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    phrases: list[tuple[re.Pattern[str], str]] = []
    words: dict[str, str] = {}
    weak: set[str] = set()
    context: set[str] = set()
    timeless: set[str] = set()
    absorbs: dict[str, frozenset[str]] = {}
    for topic in data["topic"]:
        name = topic["name"]
        if topic.get("absorbs"):
            absorbs[name] = frozenset(topic["absorbs"].split())
        if topic.get("phrases"):
            phrases.append((_pattern(topic["phrases"]), name))
        for word in topic.get("words", "").split():
            words.setdefault(word, name)
        if topic.get("weak"):
            (context if topic["weak"] == "context" else weak).add(name)
        if topic.get("timeless"):
            timeless.add(name)
    for word, name in list(words.items()):  # a stem finds the inflections not listed
        words.setdefault(stem(word), name)
    marks = {"past": PAST, "recent": RECENT, "now": NOW, "next": NEXT, "ahead": AHEAD}
    marks |= {"best": BEST, "dislike": DISLIKE, "first": FIRST, "dream": DREAM, "young": YOUNG}
    marks |= {"often": OFTEN, "bond": BOND, "alive": ALIVE, "since": SINCE}
    return Lexicon(
        frame=frozenset(data["frame"].split()),
        neutral=tuple(re.compile(p) for p in data["neutral"]),
        phrases=tuple(phrases),
        words=words,
        topics=frozenset(topic["name"] for topic in data["topic"]),
        weak=frozenset(weak | context),
        context=frozenset(context),
        timeless=frozenset(timeless),
        marks=tuple((term, _pattern(data["aspect"][key])) for key, term in marks.items()),
        absorbs=absorbs,
        spelled=dict(data["spelled"]),
        ongoing=_pattern(data["aspect"]["ongoing"]),
    )


def _fold(text: str, spelled: dict[str, str]) -> str:
    """Lower case without accents or punctuation, chat spellings written out ("r u" = "are
    you", "ur" = "your")."""
    text = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^a-z0-9' -]+", " ", text)
    return re.sub(r"[a-z0-9']+", lambda m: spelled.get(m.group(0), m.group(0)), text)


@lru_cache(maxsize=4096)
def concepts(question: str) -> frozenset[str]:
    """The terms a question is compared by: its topics (or, naming none, its own words), which
    way it looks in time and whether it asks for a favourite or a dislike. Empty for a question
    of frame words only."""
    lex = lexicon()
    plain, pictured = pictographs(question)
    text = f" {_fold(plain, lex.spelled)} "
    found_marks = {term for term, pattern in lex.marks if pattern.search(text)}
    if RECENT in found_marks and lex.ongoing.search(text):
        found_marks = (found_marks - {RECENT}) | {NOW}  # "what are you playing lately?"
    when = next((w for w in _PRECEDENCE if w in found_marks), None)
    for term, pattern in lex.marks:
        if term == DISLIKE:  # "can't stand", "refuse to": said by the mark, not a subject
            text = pattern.sub(" ", text)
    found, phrased = _read(text, lex)
    if (plainer := rephrased(text)) != text:  # "what are you driving?" = "what do you drive?"
        again, phrased_again = _read(plainer, lex)
        if phrased_again > phrased and (again & lex.topics) - lex.weak:
            found = again
    if pictured and not (found & lex.topics) - lex.weak:
        found |= _pictured(pictured, found, lex)
    if not found:
        return frozenset()
    for topic in found & lex.absorbs.keys():
        found -= lex.absorbs[topic]
    return frozenset(found | (found_marks & MOOD) | ({when} if when else set()))


def _read(text: str, lex: Lexicon) -> tuple[set[str], int]:
    """The topics a folded question names (its phrases first, then its words) and its words
    that name none; and how many phrases it holds (of two orders of one question, the one
    more phrases are written for is read)."""
    phrased = 0
    for pattern, topic in lex.phrases:
        text, n = pattern.subn(f" @{topic} ", text)
        phrased += n
    for pattern in lex.neutral:
        text = pattern.sub(" ", text)
    found: set[str] = set()
    for token in re.findall(r"@?[a-z0-9]+", text):
        if token.startswith("@"):
            found.add(token[1:])
            continue
        if token in STOPWORDS or token in lex.frame or len(token) < 2:
            continue
        word = stem(token)
        named = lex.words.get(token) or lex.words.get(word)
        if not named:
            word = root(word)
            if word in lex.frame:
                continue
        found.add(named or (f"{word}_" if word in lex.topics else word))  # "race": not a topic
    return found, phrased


def _pictured(names: tuple[str, ...], found: set[str], lex: Lexicon) -> set[str]:
    """For a question its words name no subject of (`found`: weak topics and words at most),
    the topic the first pictograph naming one stands for, read from its name: a phrase of the
    lexicon, else its first word that names a topic (🎂 "birthday cake" is a birthday). Only
    where it fills in what the words leave unread ("turning a year older 🎂") or narrows a word
    the question says ("which games 🎮", "video game"): "your taste in songs 🎧" is about
    music, not headphones. A weak topic is no subject (🍜 "steaming bowl" is not bowling)."""
    named = found & lex.topics
    unread = bool(found - named) or not named
    for name in names:
        said = named & {lex.words.get(stem(w)) or lex.words.get(w) for w in name.split()}
        if not (unread or said):
            continue
        text = f" {name} "
        for pattern, topic in lex.phrases:
            if pattern.search(text) and topic not in lex.weak:
                return {topic}
        for token in name.split():
            word_topic = lex.words.get(token) or lex.words.get(stem(token))
            if word_topic and word_topic not in lex.weak:
                return {word_topic}
    return set()


def root(word: str) -> str:
    """A stemmed word without the endings that make a doer or a quality, so the words of a
    topic the lexicon lacks still meet: surfer = surf(ing), swimmer = swim, superstitious =
    superstit(ions), shopaholic = shop."""
    for ending in ("aholic", "ious", "ous", "ists", "ist", "ers", "er"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            word = word[: -len(ending)]
            if ending in ("ers", "er") and word[-1] == word[-2] and word[-1] not in "aeiou":
                word = word[:-1]  # swimm -> swim
            break
    return word


def _subject(terms: frozenset[str], lex: Lexicon) -> tuple[frozenset[str], bool]:
    """What a question asks about, and whether a topic names it: its topics without the weak
    ones; when every topic it names is weak (or it names none), those and its own words."""
    topics = terms & lex.topics
    strong = topics - lex.weak
    if strong:
        return strong, True
    if topics - lex.context:
        terms -= lex.context
    return terms - WHEN - MOOD - set(_OLD_WHEN), False


def _looks_apart(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two questions about one subject that want different answers, by their marks: a dislike,
    a first, a childhood, how often, a bond with someone, being alive or how long against the
    rest ("how long have you been married?" is not "are you married?"); one looking ahead (a
    plan or a wish) and the other not; what comes next against a dream; the
    recent past against no time said; the past against now; a favourite against now; looking
    back, the best against the rest ("the best trip you've taken" is not "your last trip")."""
    if any((mark in a) != (mark in b) for mark in _MUST_MATCH):
        return True
    when_a = {_OLD_WHEN.get(t, t) for t in a} & WHEN
    when_b = {_OLD_WHEN.get(t, t) for t in b} & WHEN
    if bool(when_a & _LOOKING_AHEAD) != bool(when_b & _LOOKING_AHEAD):
        return True
    if _next_against_dream(a, when_a, b) or _next_against_dream(b, when_b, a):
        return True
    if (RECENT in when_a and not when_b) or (RECENT in when_b and not when_a):
        return True  # "your last trip" is not "do you travel?"
    if (PAST in when_a and NOW in when_b) or (PAST in when_b and NOW in when_a):
        return True
    if _favourite_against(a, when_a, b, when_b) or _favourite_against(b, when_b, a, when_a):
        return True  # "your favourite book" is not "what are you reading now?"
    looking_back = when_a & _LOOKING_BACK and when_b & _LOOKING_BACK
    return bool(looking_back and (BEST in a) != (BEST in b))


def _favourite_against(
    a: frozenset[str], when_a: set[str], b: frozenset[str], when_b: set[str]
) -> bool:
    """`a` asks for a favourite and `b`, asking for none, what is going on now ("your favourite
    book" / "what are you reading now?", but "your favourite band right now" is "who are you
    listening to these days?")."""
    return BEST in a and BEST not in b and NOW in when_b and NOW not in when_a


def _next_against_dream(a: frozenset[str], when_a: set[str], b: frozenset[str]) -> bool:
    """`a` asks what comes next and `b` for a dream ("where are you travelling next?" /
    "where would you love to travel?")."""
    return NEXT in when_a and DREAM not in a and DREAM in b


def _few_more(a: frozenset[str], b: frozenset[str]) -> bool:
    """Beside the same weak topics, the words say little more: at least half of them shared,
    or one side has none and the other one word ("paint your room a colour" / "colour")."""
    if a and b:
        return len(a & b) * 2 >= len(a | b)
    return len(a | b) <= 1


def alike(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two questions ask the same: they name the same topics (weak ones only when nothing else)
    and do not look different ways in time or mood (except for a timeless topic, where only a
    dislike tells them apart). Questions naming no topic: at least half of their words shared."""
    if not a or not b:
        return a == b
    if places(a) != places(b):  # "have you visited Japan?" is not "... Italy?" nor "... abroad?"
        return False
    lex = lexicon()
    (subject_a, named_a), (subject_b, named_b) = _subject(a, lex), _subject(b, lex)
    if not subject_a or not subject_b or named_a != named_b:
        return False
    if named_a and subject_a != subject_b:
        return False
    if not named_a:
        weak_a, weak_b = subject_a & lex.topics, subject_b & lex.topics
        if weak_a or weak_b:  # the same weak topics ("christmas food" is not "food"), and
            rest_a, rest_b = subject_a - weak_a, subject_b - weak_b  # no more said by words
            if weak_a != weak_b or not _few_more(rest_a, rest_b):
                return False
        elif len(subject_a & subject_b) * 2 < len(subject_a | subject_b):
            return False  # words only: at least half of them shared
    if subject_a & lex.topics and subject_a & lex.topics <= lex.timeless:
        return (DISLIKE in a) == (DISLIKE in b)
    return not _looks_apart(a, b)


def clearly_different(a: frozenset[str], b: frozenset[str]) -> bool:
    """The lexicon is sure two questions differ: both name topics and share none ("do you have
    a pet?" / "what's your pet peeve?"), or they are about the same and look different ways
    ("do you have kids?" / "do you want kids?", "favourite food" / "food you hate"), or they
    name different places ("have you visited Japan?" / "... Italy?"). A
    likeness it cannot see (other words, a topic it lacks) is never clearly different: a model
    may still group those."""
    if not a or not b:
        return False
    if places(a) and places(b) and places(a) != places(b):
        return True  # "have you visited Japan?" / "... Italy?"
    lex = lexicon()
    (subject_a, named_a), (subject_b, named_b) = _subject(a, lex), _subject(b, lex)
    if subject_a and subject_a == subject_b:
        return not alike(a, b)
    return named_a and named_b and not subject_a & subject_b
