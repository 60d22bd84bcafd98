"""What a question is about, as a small set of concepts, so rewordings compare equal.

"What's your favourite film?" and "Which movie do you love the most?" share no word that
matters, yet they are one question for the owner. A question becomes the set of its concepts:
words are folded, stemmed, stripped of what only frames a question ("favourite", "do you",
"most") and mapped to a concept when they name a common topic (film = movie = cinema,
pet = animal = dog). Phrases come first ("star sign", "grew up", "only child"). The set is
what the gap groups are filed and compared by; a few words each, stored as they are.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from core.persona.retrieval import STOPWORDS, stem

# Words that only frame a question: nothing to group by.
_FRAME = """
    favourite favorite fav love loved like liked likes best most prefer preferred enjoy enjoyed
    recommend kind type sort thing things really usually typically ever much many lot know
    think feel want give tell share describe explain talk mention also right now currently
    current day today someone something anything everything person people way good great big
    little bit usual generally actually personally please could would should might got get
    go going went one ones two three time times let us follow following any every own
    describe say said ask asked question answer pick choose chosen happen happened last
    typical typically dream plan plans seen see use using
"""
FRAME = frozenset(_FRAME.split())

# Phrases read as one concept, before words are.
_PHRASES: tuple[tuple[str, str], ...] = (
    (r"\bstar signs?\b|\bzodiac\b|\bhoroscope\w*\b|\bastrolog\w*\b", " zodiac "),
    (r"\bonly child\b|\bbrothers?\b|\bsisters?\b|\bsiblings?\b", " sibling "),
    (r"\bgr[eo]w(?:ing)? up\b|\bas an? (?:child|kid|teen\w*)\b|\bwhen you were (?:young|little|"
     r"a (?:child|kid))\b|\bchildhood\b", " childhood "),
    (r"\bnight owl\b|\bearly bird\b|\bmorning person\b|\bwake up\b", " sleep "),
    (r"\bshoe size\b", " body "),
    (r"\beat (?:in the morning|first thing|for breakfast)\b|\bmorning meal\b", " breakfast "),
    (r"\bvideo ?games?\b", " game "),
    (r"\bhow old\b|\byear (?:were|was) you born\b|\bdate of birth\b", " age "),
    (r"\bfree time\b|\bspare time\b|\bfor fun\b|\boutside (?:of )?work\b", " hobby "),
)  # fmt: skip

_CONCEPTS: tuple[tuple[str, str], ...] = (
    ("film", "film films movie movies cinema flick flicks"),
    ("tv", "tv television series show shows netflix sitcom"),
    ("music", "music song songs band bands singer singers artist artists album albums listen "
              "listening genre playlist"),
    ("book", "book books novel novels read reading reader author authors"),
    ("food", "food foods eat eating dish dishes meal meals cuisine snack snacks lunch dinner"),
    ("breakfast", "breakfast brunch"),
    ("drink", "coffee tea espresso latte drink drinks beer wine"),
    ("cook", "cook cooking recipe recipes bake baking chef"),
    ("pet", "pet pets animal animals dog dogs cat cats puppy kitten"),
    ("car", "car cars vehicle vehicles drive driving motorbike motorcycle"),
    ("sport", "sport sports football soccer basketball cricket rugby tennis hockey baseball"),
    ("fan", "support supporter cheer fan fans"),
    ("partner", "married marriage spouse wife husband partner girlfriend boyfriend relationship "
                "dating single"),
    ("kids", "kids kid children child son sons daughter daughters parent parents"),
    ("age", "birthday born age"),
    ("travel", "holiday holidays vacation vacations travel travelling traveling trip trips "
               "destination destinations visit"),
    ("weekend", "weekend weekends saturday sunday"),
    ("sleep", "morning mornings sleep wake bedtime"),
    ("phone", "phone phones smartphone iphone android mobile"),
    ("body", "tall height weight"),
    ("colour", "colour color colours colors"),
    ("game", "game games gaming gamer console playstation xbox nintendo"),
    ("superpower", "superpower superpowers"),
    ("religion", "religion religious god church faith"),
    ("politics", "politics political vote voted election party"),
    ("hobby", "hobby hobbies fun leisure pastime pastimes"),
    ("pay", "salary salaries pay paid earn earnings income wage wages"),
    ("work", "job jobs work role roles position career employer company"),
    ("study", "study studied studies university college school degree"),
    ("home", "live living house home apartment flat reside"),
)  # fmt: skip


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, str]:
    table: dict[str, str] = {}
    for concept, words in _CONCEPTS:
        for word in words.split():
            table[word] = concept
            table.setdefault(stem(word), concept)
    return table


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@lru_cache(maxsize=4096)
def concepts(question: str) -> frozenset[str]:
    """The concepts a question is about (empty for a question of frame words only)."""
    text = f" {_fold(question)} "
    for pattern, concept in _PHRASES:
        text = re.sub(pattern, concept, text)
    lexicon = _lexicon()
    found: set[str] = set()
    for word in re.findall(r"[a-z0-9]+", text):
        if word in STOPWORDS or word in FRAME or len(word) < 2:
            continue
        found.add(lexicon.get(word) or lexicon.get(stem(word)) or stem(word))
    return frozenset(found)


def alike(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two questions ask the same: at least half of their concepts shared."""
    if not a or not b:
        return a == b
    return len(a & b) * 2 >= len(a | b)
