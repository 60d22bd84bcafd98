"""Lexical retrieval over profile chunks: BM25 with a light English normaliser and synonyms.

People ask with other words than the profile uses ("internship" vs "intern", "certifications"
vs "bootcamp"): a small stemmer and a synonym map bridge the common cases. Everything is
precomputed at construction, so a search is a few dictionary lookups.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from core.persona.profiles.profile import Chunk
from core.persona.search.kinds import KINDS

K1 = 1.2
B = 0.6
SYNONYM_WEIGHT = 0.5  # a synonym counts for a little less than the word itself
KIN_WEIGHT = 0.5  # so does a word of the same family ("secure" for "security")
TITLE_WEIGHT = 2  # title words count twice
SECTION_WEIGHT = 3  # "experience" asked, "experience" section: strong evidence

_TOKEN = re.compile(r"[^\W_]+[+#]*")

_STOPWORD_TEXT = """
    a about above after again all also am an and any are aren as at be been before being below
    between both but by can could d did didn do does doesn doing don down during each else ever
    few for from further get got had has have having he her here hers herself him himself his
    how i if in into is isn it its itself just let ll m me might more most much must my myself
    no nor not now of off on once only or other our ours out over own please re s same say she
    should so some such t tell than that the their theirs them then there these they this those
    through to too under until up us ve very was wasn we were weren what when where whether
    which while who whom why will with won would you your yours yourself yourselves
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("certification", "certificate", "certified", "cert", "bootcamp", "course", "credential",
     "qualification", "accreditation", "licence", "license", "training", "exam"),
    ("education", "degree", "university", "study", "school", "college", "graduate", "academic",
     "bachelor", "master", "bsc", "msc", "phd", "diploma", "coursework", "qualification"),
    ("thesis", "dissertation", "capstone"),
    ("job", "work", "role", "employment", "experience", "position", "company", "employer",
     "worked", "workplace"),
    ("skill", "technology", "tech", "stack", "tool", "framework", "expertise", "proficiency",
     "proficient", "library", "libraries", "package", "toolbox", "toolkit", "toolchain"),
    # what I write code in: a profile lists its editor among its tools
    ("editor", "ide", "tool", "tools"),
    ("project", "built", "build", "portfolio", "app", "application", "hobby"),
    ("internship", "intern", "placement", "trainee", "apprenticeship", "apprentice"),
    ("goal", "aspiration", "ambition", "plan", "future", "objective", "aim"),
    ("achievement", "accomplishment", "result", "impact", "proud", "proudest", "highlight"),
    # An award is given by others: a result of one's work is not one ("won" is both).
    ("award", "awarded", "prize", "recognition", "recognised", "recognized", "win", "winner",
     "winning", "scholarship", "distinction", "medal"),
    ("leadership", "lead", "manage", "management", "team"),
    ("interest", "hobby", "fun", "volunteer", "volunteering", "weekend", "spare"),
    ("interest", "hobby", "free", "leisure", "pastime", "outside"),
    ("location", "based", "live", "located", "city", "reside", "region", "country"),
    ("publication", "paper", "publish", "published", "journal", "article", "author", "blog"),
    ("ci", "cd", "delivery", "deployment", "deploy", "pipeline", "release"),
    ("grade", "gpa", "score", "honours", "honors", "distinction", "mark", "marks"),
    ("performance", "latency", "speed", "faster", "fast", "optimise", "optimize", "optimized",
     "optimised"),
    ("client", "customer", "stakeholder"),
    ("specialisation", "specialization", "specialise", "specialize", "specializing",
     "specialising", "major"),
    ("mentor", "mentoring", "mentored", "coach", "coaching", "tutor", "teach", "teacher",
     "teaching"),
    ("volunteer", "volunteering", "charity", "nonprofit"),
    ("data", "analytics", "analysis", "analyse", "analyze", "analyst", "analytical"),
    ("strength", "strengths", "strong", "expertise", "expert"),
    ("motivation", "motivated", "motivate", "passion", "passionate"),
    ("website", "url", "portfolio", "site"),
    ("name", "called"),
    ("speaker", "talk", "talks", "speaking", "keynote"),
    ("agile", "scrum", "kanban", "sprint", "sprints", "methodology", "methodologies"),
    ("remote", "remotely", "hybrid"),
)  # fmt: skip

# Words that are often, not always, about the same thing: they help rank chunks, but do not
# count as the profile holding a question's subject ("languages" asked, "programming" written
# does not make "what languages do you speak?" answerable).
RELATED_GROUPS: tuple[tuple[str, ...], ...] = (
    ("language", "programming", "coding", "code"),
    ("speaker", "talk", "conference", "presentation", "presented", "speaking"),
    ("remote", "onsite", "office"),
    ("weakness", "weaknesses", "limited", "mitigation", "improve", "growth"),
    ("website", "github", "linkedin"),
    ("ai", "ml", "llm", "intelligence", "machine"),
    ("mentor", "teach", "teacher", "train", "trained"),
    ("volunteer", "community"),
    ("specialisation", "focus", "area"),
    # A thesis is part of a degree, not another word for it: a degree line does not tell one.
    ("thesis", "dissertation", "capstone", "degree", "university", "education", "study"),
)  # fmt: skip
_LOOSE = {
    ("interest", "hobby", "fun", "volunteer", "volunteering", "weekend", "spare"),
    ("location", "based", "live", "located", "city", "reside", "region", "country"),
}

# "Have you worked on X?": the verb says little, X is the subject (when the question has one).
_WORKED_ON = re.compile(r"\bwork(?:ed|ing|s)?\s+(?:on|with)\b", re.I)


def focus(query: str) -> str:
    """The query without "worked on/with" when something else is left to search for."""
    rest = _WORKED_ON.sub(" ", query)
    return rest if rest != query and terms(rest) else query


def _fold(text: str) -> str:
    if text.isascii():  # NFKD leaves ASCII as it is, and casefold() is lower() there
        return text.lower()
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


# Irregular past forms of verbs people ask and profiles write with ("have you taught?",
# "led a team"); the regular ones are stripped by `stem`.
_IRREGULAR = {
    "taught": "teach",
    "led": "lead",
    "ran": "run",
    "wrote": "write",
    "written": "write",
    "spoke": "speak",
    "spoken": "speak",
    "won": "win",
    "began": "begin",
    "begun": "begin",
    "sought": "seek",
    "thought": "think",
    "brought": "bring",
    "bought": "buy",
    "chose": "choose",
    "chosen": "choose",
    "fought": "fight",
    "caught": "catch",
    "met": "meet",
    "understood": "understand",
    "overcame": "overcome",
    # a compound that names its head: "what's in your toolbox?" asks for tools
    "toolbox": "tool",
    "toolkit": "tool",
    "toolset": "tool",
}


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """A small English suffix stripper: `internships` -> `intern`, `certified` -> `certify`;
    irregular past forms go to their verb (`taught` -> `teach`, `led` -> `lead`)."""
    w = _IRREGULAR.get(word, word)
    if len(w) == 4 and w.endswith("is") and w not in ("this", "axis", "iris"):
        return w[:-1]  # "apis", "kpis": an acronym's plural
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith(("ies", "ied")) and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ship", "ment", "ing", "ion", "ed"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            if suffix in ("ing", "ed") and len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]  # programmed -> program
            break
    if w.endswith("e") and len(w) > 4:  # "care" stays apart from "car"
        w = w[:-1]
    return w


def terms(text: str) -> list[str]:
    """Normalised search terms of `text`: folded, tokenised, stopwords out, stemmed."""
    return list(_terms(text))


@lru_cache(maxsize=8)  # one question is split by retrieval_query, then by the search
def _terms(text: str) -> tuple[str, ...]:
    return tuple([stem(t) for t in _TOKEN.findall(_fold(text)) if t not in STOPWORDS])


@lru_cache(maxsize=2)
def _synonym_map(strong: bool = False) -> dict[str, frozenset[str]]:
    """Term -> its synonyms' stems; `strong`: only the groups that mean the same thing."""
    chosen = (
        [g for g in SYNONYM_GROUPS if g not in _LOOSE]
        if strong
        else [
            *SYNONYM_GROUPS,
            *RELATED_GROUPS,
        ]
    )
    groups: dict[str, set[str]] = {}
    for group in chosen:
        stems = {stem(w) for w in group}
        for s in stems:
            groups.setdefault(s, set()).update(stems)
    return {s: frozenset(g - {s}) for s, g in groups.items()}


def synonyms_of(term: str, *, strong: bool = False) -> frozenset[str]:
    """The (stemmed) synonyms of a search term, without the term itself (`strong`: only words
    that mean the same thing, not related ones)."""
    return _synonym_map(strong).get(term, frozenset())


@lru_cache(maxsize=1)
def _member_map() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for kinds, members in KINDS.items():
        names = {t for w in members.split() for t in terms(w)}
        for kind in kinds.split():
            found.setdefault(stem(kind), set()).update(names)
    return {k: frozenset(v - {k}) for k, v in found.items()}


def members_of(term: str) -> frozenset[str]:
    """The (stemmed) names of the things of kind `term` ("databas" -> postgresql, mysql...;
    see `core.persona.search.kinds`); empty for a term that names no kind."""
    return _member_map().get(term, frozenset())


KIN_PREFIX = 5  # letters two stems of one word family share at least
# What the stemmer leaves on one member of a family: "secur|ity", "teach|er", "priorit|is".
_KIN_ENDINGS = frozenset(
    ["er", "or", "ity", "ure", "ive", "al", "ic", "ical", "is", "iz", "ise", "ize", "y"]
)


@lru_cache(maxsize=65536)
def kin(a: str, b: str) -> bool:
    """Are two different stems one word family the stemmer left apart ("security" and "secur"
    of secure, "teach" and "teacher", "priority" and "prioritis")? They share a stem of five
    letters or more, and what is left of each is a derivation ending (so "smart" is no kin of
    "smartphone", nor "intern" of "international")."""
    if a == b or not (a.isalpha() and b.isalpha()):
        return False
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    if n < KIN_PREFIX:
        return False
    rest = (a[n:], b[n:])
    return all(not r or r in _KIN_ENDINGS for r in rest)


def kin_in(term: str, words: Iterable[str]) -> bool:
    """Does `words` hold a word of `term`'s family (not the term itself)?"""
    return any(kin(term, w) for w in words)


@lru_cache(maxsize=1024)  # a profile and its chunks one by one (`holding`)
def vocabulary(chunks: tuple[Chunk, ...]) -> frozenset[str]:
    """Every search term of the chunks' titles, texts, tags and sections."""
    found: set[str] = set()
    for c in chunks:
        text = f"{c.title} {c.text} {' '.join(c.tags)} {c.section.replace('_', ' ')}"
        found.update(terms(_DATE_WORDS.sub(" ", text)))
    return frozenset(found)


_DATE_WORDS = re.compile(r"[-–—]\s*(?:present|now|current|today)\b", re.I)  # "2022 - present"


def knows(chunks: tuple[Chunk, ...], term: str) -> bool:
    """Whether the chunks hold `term` or one of its synonyms, or a name ending in it (a
    technology's family: "sql" in "PostgreSQL"; a common word is no family: "native" is not
    in "alternative", nor "eat" in "great")."""
    words = vocabulary(chunks)
    if term in words or synonyms_of(term, strong=True) & words or _family_known(words, term):
        return True
    if members_of(term) & words:
        return True  # "databases" asked, "PostgreSQL" written
    return len(term) >= 3 and any(w.endswith(term) for w in _names(chunks))


@lru_cache(maxsize=4096)
def _family_known(words: frozenset[str], term: str) -> bool:
    return kin_in(term, words)


_NAME = re.compile(r"\b[A-Za-z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*\b")  # PostgreSQL, MySQL, TypeScript


@lru_cache(maxsize=1024)  # a profile and its chunks one by one (`holding`)
def _names(chunks: tuple[Chunk, ...]) -> tuple[str, ...]:
    """The profile's words written as names (a capital inside them), lower-cased."""
    found = {
        m.group(0).lower()
        for c in chunks
        for m in _NAME.finditer(f"{c.title} {c.text} {' '.join(c.tags)}")
    }
    return tuple(w for w in found if len(w) > 4)


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float


class Retriever:
    """BM25 over chunk title, text, tags and section; build once per profile."""

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        self._chunks = tuple(chunks)
        self._synonyms = _synonym_map()
        counts: list[Counter[str]] = []
        for chunk in self._chunks:
            tf: Counter[str] = Counter(terms(chunk.text))
            tf.update(terms(" ".join(chunk.tags)))
            for term in terms(chunk.title):
                tf[term] += TITLE_WEIGHT
            for term in terms(chunk.section.replace("_", " ")):
                tf[term] += SECTION_WEIGHT
            counts.append(tf)
        n = len(counts)
        avg_len = (sum(sum(c.values()) for c in counts) / n) if n else 1.0
        df: Counter[str] = Counter(term for c in counts for term in c)
        self._weights: dict[str, dict[int, float]] = {}
        for doc, tf in enumerate(counts):
            norm = K1 * (1 - B + B * sum(tf.values()) / avg_len)
            for term, freq in tf.items():
                idf = math.log(1 + (n - df[term] + 0.5) / (df[term] + 0.5))
                self._weights.setdefault(term, {})[doc] = idf * freq * (K1 + 1) / (freq + norm)
        self._expanded: dict[str, dict[int, float]] = {}  # term -> its and its synonyms' weights
        self._kin: dict[str, list[str]] = {}  # the terms by their first letters (`kin` needs them)
        for term in self._weights:
            self._kin.setdefault(term[:KIN_PREFIX], []).append(term)

    @property
    def chunks(self) -> tuple[Chunk, ...]:
        return self._chunks

    def scores(self, query: str) -> dict[int, float]:
        """Score of every chunk index that matches `query` at all."""
        total: dict[int, float] = {}
        for term in dict.fromkeys(terms(focus(query))):
            for doc, weight in self._term_weights(term).items():
                total[doc] = total.get(doc, 0.0) + weight
        return total

    def _term_weights(self, term: str) -> dict[int, float]:
        """What `term` scores per chunk: its own weight or its best synonym's, whichever is
        higher. Worked out once per term of the profile's (or the synonyms') vocabulary."""
        best = self._expanded.get(term)
        if best is not None:
            return best
        best = dict(self._weights.get(term, {}))
        for other in self._synonyms.get(term, ()):
            for doc, weight in self._weights.get(other, {}).items():
                if SYNONYM_WEIGHT * weight > best.get(doc, 0.0):
                    best[doc] = SYNONYM_WEIGHT * weight
        for other in members_of(term):  # a kind asked, its members written
            for doc, weight in self._weights.get(other, {}).items():
                if SYNONYM_WEIGHT * weight > best.get(doc, 0.0):
                    best[doc] = SYNONYM_WEIGHT * weight
        if not best and term.isalpha():  # nothing by itself or a synonym: its word family
            for other in self._kin.get(term[:KIN_PREFIX], ()):
                if kin(term, other):
                    for doc, weight in self._weights[other].items():
                        best[doc] = max(best.get(doc, 0.0), KIN_WEIGHT * weight)
        known = term in self._weights or term in self._synonyms or members_of(term)
        if known or best:  # a bounded vocabulary
            self._expanded[term] = best
        return best

    def search(self, query: str, k: int = 6, *, min_ratio: float = 0.2) -> list[Hit]:
        """The `k` best chunks, best first; [] when nothing matches.

        Chunks scoring below `min_ratio` of the best one are left out: they only add tokens.
        """
        scored = self.scores(query)
        if not scored or k <= 0:
            return []
        top = max(scored.values())
        ranked = sorted(scored.items(), key=lambda item: (-item[1], item[0]))
        return [
            Hit(self._chunks[doc], score)
            for doc, score in ranked[:k]
            if score > 0 and score >= min_ratio * top
        ]


def overlap(query: str, text: str) -> int:
    """How many distinct query terms (or their synonyms) `text` contains."""
    have = set(terms(text))
    synonyms = _synonym_map()
    return sum(1 for t in set(terms(query)) if t in have or synonyms.get(t, frozenset()) & have)
