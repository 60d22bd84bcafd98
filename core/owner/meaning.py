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
    typical typically dream plan plans seen see use using look looks often
"""
FRAME = frozenset(_FRAME.split())

# Phrases read as one concept, before words are.
_PHRASES: tuple[tuple[str, str], ...] = (
    (r"\bstar signs?\b|\bzodiac\b|\bhoroscope\w*\b|\bastrolog\w*\b", " zodiac "),
    (r"\bonly child\b|\bbrothers?\b|\bsisters?\b|\bsiblings?\b", " sibling "),
    (r"\bgr[eo]w(?:ing)? up\b|\bas an? (?:child|kid|teen\w*)\b|\bwhen you were (?:young|little|"
     r"a (?:child|kid))\b|\bchildhood\b", " childhood "),
    (r"\bnight owl\b|\bearly bird\b|\bmorning person\b|\bwake up\b|\bgo to bed\b|"
     r"\bgo to sleep\b|\bbed ?time\b|\bget up early\b|\bstay up late\b", " sleep "),
    (r"\bshoe size\b", " body "),
    (r"\beat (?:in the morning|first thing|for breakfast)\b|\bmorning meal\b", " breakfast "),
    (r"\bvideo ?games?\b", " game "),
    (r"\bhow old\b|\byear (?:were|was) you born\b|\bdate of birth\b", " age "),
    (r"\bfree time\b|\bspare time\b|\bfor fun\b|\boutside (?:of )?work\b|\bdown ?time\b|"
     r"\bunwind\b|\brelax\w*\b", " hobby "),
    (r"\beat(?:ing)? out\b|\bdine out\b|\bdining out\b|\bplaces? to eat\b|"
     r"\bwhere (?:do|would) you (?:like to )?eat\b", " restaurant "),
    (r"\bget(?:ting)? to (?:work|the office)\b|\bto the office\b|\bto work\b", " commute "),
    (r"\blook(?:ing)? up to\b|\brole ?models?\b", " rolemodel "),
    (r"\b(?:can(?:'t|not)?|could(?:n't)?)(?: you)?(?: not)? live without\b|\bat home\b", " "),
    (r"\b(?:summer|winter|spring|christmas|easter) (?:break|holidays?|vacation)\b", " travel "),
    (r"\bmillion (?:dollars|pounds|euros|bucks)\b|\bwon the lottery\b|\bwin the lottery\b",
     " windfall "),
    (r"\blive shows?\b|\bgigs?\b", " concert "),
    (r"\b(?:perfect|ideal|dream) (?:day|weekend|sunday|saturday)\b|\bday off\b", " idealday "),
    (r"\bwork(?:ing)? (?:from|at) home\b|\bremote(?:ly)?\b|\bhybrid\b", " remote "),
    (r"\bare you single\b", " partner "),
    (r"\btake the train\b|\bby train\b", " commute "),
    (r"\bwork(?:ing)? out\b(?! (?:how|what|which|why|a|an|the|who|where|when)\b)", " fitness "),
    (r"\bcomfort zone\b", " comfortzone "),
    (r"\bbucket list\b|\b(?:fly|go|travel) anywhere\b", " travel "),
    (r"\bdesert island\b", " desertisland "),
    (r"\bsuper ?powers?\b|\bmagic(?:al)? (?:power|ability|abilities)\b", " superpower "),
    (r"\broot(?:ing)? for\b", " fan "),
    (r"\bsomeone special\b|\bsignificant other\b|\bseeing anyone\b", " partner "),
    (r"\btime of (?:the )?year\b", " season "),
    (r"\bsignature dish\b|\bin the kitchen\b", " cook "),
    (r"\bgot any ink\b|\binked\b", " tattoo "),
    (r"\bplaces? (?:to|for) (?:eat|dinner|lunch|brunch|food)\b|\bplaces? you'd recommend for "
     r"(?:dinner|lunch|food)\b", " restaurant "),
    (r"\b(?:horoscope|zodiac|star) sign\b|\bborn under\b", " zodiac "),
    (r"\bsocial media\b", " socialmedia "),
    (r"\bpet peeves?\b|\bannoys? you\b|\bget on your nerves\b|\bdrives? you (?:crazy|mad)\b",
     " peeve "),
    (r"\bguilty pleasures?\b", " guiltypleasure "),
    (r"\bhome ?town\b|\bwhere (?:are|were) you (?:from|born)\b", " hometown "),
    (r"\bfirst language\b|\bmother tongue\b|\bnative language\b", " mothertongue "),
)  # fmt: skip

# Everyday topics a work profile seldom holds, each with the words people use for it. A word
# names one topic; topics are kept narrow enough that two different questions stay apart
# ("are you vegetarian?" is not "what's your favourite restaurant?").
_CONCEPTS: tuple[tuple[str, str], ...] = (
    ("film", "film films movie movies cinema flick flicks blockbuster director directors actor "
             "actors actress"),
    ("tv", "tv television series show shows netflix sitcom sitcoms binge bingeing episode "
           "episodes streaming"),
    ("podcast", "podcast podcasts"),
    ("music", "music song songs band bands singer singers artist artists album albums listen "
              "listening genre playlist playlists spotify tune tunes"),
    ("concert", "concert concerts festival festivals"),
    ("instrument", "instrument instruments musical guitar piano drums violin bass ukulele "
                   "saxophone keyboard"),
    ("book", "book books novel novels read reading reader author authors writer writers "
             "kindle"),
    ("game", "game games gaming gamer console playstation xbox nintendo boardgame boardgames "
             "chess"),
    ("art", "art painting paint draw drawing museum museums gallery galleries"),
    ("food", "food foods eat eating dish dishes cuisine snack snacks comfort"),
    ("meal", "lunch dinner supper meal meals"),
    ("breakfast", "breakfast brunch"),
    ("restaurant", "restaurant restaurants cafe cafes diner takeaway takeout"),
    ("diet", "vegetarian vegan meat dietary diet allergy allergies allergic gluten halal kosher "
             "pescatarian"),
    ("drink", "coffee tea espresso latte cappuccino drink drinks beer wine cocktail cocktails "
              "bar pub"),
    ("cook", "cook cooking recipe recipes bake baking chef kitchen"),
    ("pet", "pet pets animal animals dog dogs cat cats puppy kitten hamster"),
    ("car", "car cars vehicle vehicles drive driving motorbike motorcycle"),
    ("commute", "commute commuting commuter bus tube subway bike cycling"),
    ("sport", "sport sports football soccer basketball cricket rugby tennis hockey baseball "
              "golf athlete athletes"),
    ("fitness", "gym workout workouts exercise exercising fitness run running jog jogging yoga"),
    ("fan", "support supporter cheer fan fans club"),
    ("partner", "married marriage spouse wife husband partner girlfriend boyfriend relationship "
                "dating"),
    ("kids", "kids kid children child son sons daughter daughters parent parents family"),
    ("age", "birthday born age"),
    ("travel", "holiday holidays vacation vacations travel travelling traveling trip trips "
               "destination destinations visit abroad country countries christmas easter "
               "thanksgiving halloween diwali eid hanukkah"),
    ("season", "weather season seasons summer winter autumn fall spring sunny rain snow"),
    ("weekend", "weekend weekends saturday sunday"),
    ("sleep", "sleep sleeping wake bedtime bed owl"),
    ("phone", "phone phones smartphone iphone android mobile"),
    ("app", "app apps"),
    ("gadget", "gadget gadgets device devices tech technology laptop headphones"),
    ("socialmedia", "instagram tiktok twitter facebook"),
    ("body", "tall height weight"),
    ("appearance", "tattoo tattoos tattooed piercing piercings hair haircut beard"),
    ("style", "clothes clothing fashion outfit outfits wear wearing dress style"),
    ("colour", "colour color colours colors"),
    ("superpower", "superpower superpowers"),
    ("religion", "religion religious god church faith pray"),
    ("politics", "politics political vote voted voting election party parties government"),
    ("hobby", "hobby hobbies fun leisure pastime pastimes"),
    ("fear", "fear fears afraid scare scared scares scary frighten frightens phobia phobias"),
    ("windfall", "lottery windfall rich wealthy fortune jackpot"),
    ("embarrass", "embarrass embarrassed embarrassing embarrassment awkward"),
    ("advice", "advice advise tip tips wisdom"),
    ("rolemodel", "idol idols hero heroes inspire inspires inspiration influence influenced "
                  "influences mentor admire admired"),
    ("name", "name names nickname nicknames named"),
    ("home", "live living house home apartment flat reside rent renting neighbourhood "
             "neighborhood"),
    ("hometown", "hometown"),
    ("mothertongue", "mothertongue"),
    ("pay", "salary salaries pay paid earn earnings income wage wages"),
    ("work", "job jobs work role roles position career employer company"),
    ("study", "study studied studies university college school degree"),
    ("memory", "memory memories remember childhood"),
    ("peeve", "peeve peeves annoy annoys annoying irritate irritates"),
)  # fmt: skip


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, str]:
    table: dict[str, str] = {}
    for _, concept in _PHRASES:  # what a phrase becomes is its own concept
        if concept.strip():
            table[concept.strip()] = concept.strip()
    for concept, words in _CONCEPTS:
        for word in words.split():
            table[word] = concept
            table.setdefault(stem(word), concept)
    return table


TOPICS = frozenset(_lexicon().values())


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


# When a question looks: back ("your last holiday") or to a wish ("where would you love to
# go?"). Two questions about one topic that look different ways are different questions.
_WHEN: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("when:past", re.compile(r"\b(?:last|most recent|recently|lately|did you (?:go|do|have|get)|"
                             r"have you been|you've been|went)\b")),
    ("when:wish", re.compile(r"\b(?:(?:would|you'd) (?:you )?(?:\w+ )?(?:love|like) to|if you "
                             r"(?:could|had|won)|bucket list|dream|wish|one day|someday)\b")),
)  # fmt: skip
WHEN = frozenset(name for name, _ in _WHEN)


@lru_cache(maxsize=4096)
def concepts(question: str) -> frozenset[str]:
    """The concepts a question is about (empty for a question of frame words only), and which
    way it looks in time when it says (`WHEN`)."""
    text = f" {_fold(question)} "
    when = {name for name, pattern in _WHEN if pattern.search(text)}
    for pattern, concept in _PHRASES:
        text = re.sub(pattern, concept, text)
    lexicon = _lexicon()
    found: set[str] = set()
    for word in re.findall(r"[a-z0-9]+", text):
        if word in STOPWORDS or word in FRAME or len(word) < 2:
            continue
        found.add(lexicon.get(word) or lexicon.get(stem(word)) or stem(word))
    return frozenset(found | when) if found else frozenset()


def alike(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two questions ask the same: at least half of their concepts shared. Where both name
    everyday topics, the topics decide ("What advice would you give your younger self?" and
    "What's the best advice you were given?" are both about advice)."""
    if not a or not b:
        return a == b
    when_a, when_b = a & WHEN, b & WHEN
    if when_a and when_b and when_a != when_b:
        return False
    a, b = a - WHEN, b - WHEN
    if not a or not b:
        return a == b
    topics_a, topics_b = a & TOPICS, b & TOPICS
    if topics_a and topics_b:
        a, b = topics_a, topics_b
    return len(a & b) * 2 >= len(a | b)
