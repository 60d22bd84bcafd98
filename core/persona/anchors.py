"""Anchors: the words every match of a regular expression must contain, read from the pattern
itself, and a prefilter that skips a pattern when a text lacks them.

`required(pattern)` reads the pattern's parse tree (re's own parser) and gives its top-level
alternatives, each as sets of strings: every match of that alternative holds at least one
string of each set. It only ever drops a constraint it cannot read (a class like `\\w`, a
lookaround, a repeat that may be empty), never adds one, so a text that holds no string of a set
cannot match that way: the prefilter is a superset of the pattern by construction, and a phrase
added to a pattern brings its own anchors. A string is checked by one of its whole words (the
text's words are read as `\\b` reads them) or, if it has none, as characters.

`Prefilter(patterns)` reads a text's words once (`seen`); `may(pattern, seen)` is False only
when the pattern cannot match that text. `Gate(patterns)` does the same for patterns of any
flags, case-insensitive ones read on the case-folded text.

Reading every pattern takes about half a second, so the anchors of the shipped patterns are
worked out ahead into `anchors.json` (`python -m core.persona.attacks.injection` rewrites
it), looked up by the pattern's text; a pattern the table does not hold (one changed since)
is read at start-up instead, so the table only ever saves time.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from core.persona.lazy_pattern import Searchable

__all__ = [
    "GATE_TABLE",
    "TABLE",
    "Gate",
    "Prefilter",
    "Seen",
    "ahead",
    "pattern_key",
    "required",
    "write_table",
]

TABLE = Path(__file__).with_name("anchors.json")  # the shipped patterns' anchors, read ahead
GATE_TABLE = Path(__file__).with_name("understanding_anchors.json")  # understanding's (`Gate`)

# re's own parser (typeshed has no stub for it): the tree `re.compile` builds its code from
_PARSER: Any = importlib.import_module("re._parser")

_LIMIT = 64  # the most strings two parts of a pattern are multiplied out to
_ALTERNATIVES = 1024  # the most strings an alternation is followed through exactly
_UNREAD = re.IGNORECASE | re.LOCALE  # flags under which a literal stands for more than itself
# Inside a known string: a break between words (a \b, or one or more characters that are not
# word characters, like \s+): what is on either side is not part of the same word.
_BREAK = "\x00"
_RUN = re.compile(r"\w+")
_WORDY = re.compile(r"\w")
# words too common to tell texts apart: a string is checked by another of its words if it can be
_COMMON = frozenset(
    [
        "a",
        "an",
        "the",
        "you",
        "your",
        "yours",
        "i",
        "me",
        "my",
        "we",
        "us",
        "our",
        "it",
        "its",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "to",
        "of",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "as",
        "and",
        "or",
        "not",
        "no",
        "do",
        "does",
        "did",
        "what",
        "how",
        "who",
        "this",
        "that",
        "so",
        "if",
        "can",
    ]
)

Needs = tuple[frozenset[str], ...]  # every match holds one string of each set


@dataclass(frozen=True)
class _Info:
    """What a part of a pattern matches: every string it can match (`exact`, when they are few),
    and sets of which every match holds one string each (`need`)."""

    exact: frozenset[str] | None
    need: Needs = ()


_ANYTHING = _Info(None)
_EMPTY = _Info(frozenset({""}))
_BROKEN = _Info(frozenset({_BREAK}))


# How a text is checked for a string: it has the key as a word, as the start or the end of a
# word, or as characters anywhere.
WORD, START, END, CHARS = "word", "start", "end", "chars"
_RANK = {WORD: 3, START: 2, END: 2, CHARS: 1}


@cache
def _key(literal: str) -> tuple[str, str]:
    """What a text holding `literal` must hold, the most telling: a whole word of it (bounded
    inside it by other characters or breaks), a word's start or end, or a piece of it between
    breaks as characters; with how it is checked."""
    best: tuple[tuple[int, int], str, str] | None = None
    for m in _RUN.finditer(literal):
        left, right = m.start() > 0, m.end() < len(literal)
        how = WORD if left and right else START if left else END if right else CHARS
        rank = _RANK[how] if how != WORD or m.group(0) not in _COMMON else 0
        if best is None or (rank, len(m.group(0))) > best[0]:
            best = (rank, len(m.group(0))), m.group(0), how
    piece = max(literal.split(_BREAK), key=len)
    if best is None or best[0][0] < _RANK[CHARS] or (best[2] == CHARS and len(piece) > best[0][1]):
        return piece, CHARS
    return best[1], best[2]


@cache
def _keys(literal: str) -> tuple[tuple[str, str], ...]:
    """Everything a text holding `literal` must hold: each of its runs of word characters that
    is bounded on a side, as a word, a word's start or a word's end; if none is, its longest
    piece between breaks, as characters."""
    keys = []
    for m in _RUN.finditer(literal):
        left, right = m.start() > 0, m.end() < len(literal)
        if left or right:
            keys.append((m.group(0), WORD if left and right else START if left else END))
    return tuple(keys) if keys else ((max(literal.split(_BREAK), key=len), CHARS),)


def _rarity(key: tuple[str, str]) -> tuple[bool, int]:
    """Words outside `_COMMON` first, then longer ones."""
    return key[0] not in _COMMON, len(key[0])


def _rarest(keys: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """The two rarest keys, rarest first (as `sorted(keys, key=_rarity, reverse=True)[:2]`,
    without a sort for the one or two keys most literals have)."""
    if len(keys) == 1:
        return keys
    if len(keys) == 2:
        return keys if _rarity(keys[0]) >= _rarity(keys[1]) else (keys[1], keys[0])
    return tuple(sorted(keys, key=_rarity, reverse=True)[:2])


def _quality(literal: str) -> tuple[int, int]:
    key, how = _key(literal)
    return (_RANK[how] if how != WORD or key not in _COMMON else 0), len(key)


def _blank(strings: frozenset[str]) -> bool:
    """Some string of the set is empty but for breaks: every text holds it."""
    return any(not s.replace(_BREAK, "") for s in strings)


def _score(strings: frozenset[str]) -> tuple[tuple[int, int], int]:
    """The set a text is least likely to hold: better keys, then fewer strings."""
    return min(_quality(s) for s in strings), -len(strings)


def _sets(info: _Info) -> Needs:
    """Every set of strings of which each match holds one."""
    exact = (info.exact,) if info.exact is not None and not _blank(info.exact) else ()
    return (*info.need, *exact)


def _one(info: _Info) -> frozenset[str] | None:
    """The most telling set of strings of which every match holds one, or None."""
    sets = _sets(info)
    return max(sets, key=_score) if sets else None


def _class(items: list[tuple[Any, Any]]) -> _Info:
    """A character class: its characters when they are a few literals and short ranges; a
    break when it holds only characters that are not word characters."""
    chars: set[str] = set()
    listed = True  # every character it matches is in `chars`
    breaks = True  # it matches only characters that are not word characters
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            chars.add(chr(av))
            breaks = breaks and not _WORDY.match(chr(av))
        elif name == "RANGE" and av[1] - av[0] < 16:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
            breaks = False
        elif name == "CATEGORY" and str(av) in ("CATEGORY_SPACE", "CATEGORY_NOT_WORD"):
            listed = False
        else:  # NEGATE, other categories (\w, \d), wide ranges
            return _ANYTHING
    if breaks:
        return _BROKEN
    return _Info(frozenset(chars)) if listed and len(chars) <= 16 else _ANYTHING


def _sequence(items: Iterable[tuple[Any, Any]], flags: int) -> _Info:
    """A concatenation: runs of exactly known parts multiplied out; every part's needs kept."""
    need: list[frozenset[str]] = []
    run: frozenset[str] = frozenset({""})
    whole = True  # every part exactly known and the product small: the sequence is exact

    def flush() -> None:
        if not _blank(run):
            need.append(run)

    for op, av in items:
        info = _item(str(op), av, flags)
        need.extend(info.need)
        if info.exact is not None and len(run) * len(info.exact) <= max(
            _LIMIT, len(run), len(info.exact)
        ):
            run = frozenset(a + b for a in run for b in info.exact)
            continue
        whole = False
        flush()
        run = info.exact if info.exact is not None else frozenset({""})
    if whole:
        return _Info(run, tuple(need))
    flush()
    return _Info(None, tuple(need))


def _branch(alternatives: list[Any], flags: int) -> _Info:
    """An alternation: the union of what each alternative matches, or of one need of each."""
    infos = [_sequence(alt, flags) for alt in alternatives]
    exact: set[str] = set()
    for info in infos:
        if info.exact is None or len(exact) + len(info.exact) > _ALTERNATIVES:
            break
        exact |= info.exact
    else:
        return _Info(frozenset(exact))
    ones = [_one(info) for info in infos]
    if any(one is None for one in ones):
        return _ANYTHING
    return _Info(None, (frozenset().union(*(one for one in ones if one is not None)),))


def _repeat(low: int, high: int, item: Any, flags: int) -> _Info:
    inner = _sequence(item, flags)
    if low == high == 1:
        return inner
    if low == 0:  # may match nothing: only an optional part of known strings stays known
        if high == 1 and inner.exact is not None and len(inner.exact) < _LIMIT:
            return _Info(inner.exact | {""})
        return _EMPTY if high == 0 else _ANYTHING
    if inner.exact == _BROKEN.exact:
        return _BROKEN  # one or more characters that are not word characters: still a break
    return _Info(None, _sets(inner))


def _item(name: str, av: Any, flags: int) -> _Info:
    """One node of re's parse tree."""
    if name == "LITERAL":
        return _Info(frozenset({chr(av)}))
    if name == "AT" and str(av) == "AT_BOUNDARY" and not flags & re.ASCII:
        return _BROKEN  # \b: the text's words are read as \b reads them
    if name in ("AT", "ASSERT", "ASSERT_NOT"):  # anchors and lookarounds match no characters
        return _EMPTY
    if name == "IN":
        return _class(av)
    if name == "BRANCH":
        return _branch(av[1], flags)
    if name == "SUBPATTERN":
        _group, add_flags, _del_flags, inner = av
        return _ANYTHING if add_flags & _UNREAD else _sequence(inner, flags)
    if name == "ATOMIC_GROUP":
        return _sequence(av, flags)
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        return _repeat(av[0], av[1], av[2], flags)
    return _ANYTHING  # ANY, NOT_LITERAL, CATEGORY, group references: any characters


def required(pattern: Searchable) -> tuple[Needs, ...]:
    """The pattern's top-level alternatives, each as sets of strings such that every match of
    it holds at least one string of each set; () when nothing is known (some alternative holds
    no known string). A string holds breaks ("\\x00") where words must end."""
    if pattern.flags & _UNREAD:
        return ()
    items = list(_PARSER.parse(pattern.pattern, pattern.flags))
    # re's parser takes what all alternatives begin with (a \b) out before the alternation
    at = [i for i, (op, _av) in enumerate(items) if str(op) == "BRANCH"]
    if len(at) == 1:
        i = at[0]
        sequences = [[*items[:i], *alt, *items[i + 1 :]] for alt in items[i][1][1]]
    else:
        sequences = [items]
    alternatives = [_sequence(sequence, pattern.flags) for sequence in sequences]
    needs = [
        tuple(dict.fromkeys(sorted(_sets(alt), key=_score, reverse=True))) for alt in alternatives
    ]
    return () if any(not n for n in needs) else tuple(needs)


def pattern_key(pattern: Searchable) -> str:
    """The table's key of a pattern: a digest of its flags and text."""
    return hashlib.sha256(f"{pattern.flags}:{pattern.pattern}".encode()).hexdigest()[:32]


def ahead(table: Path = TABLE) -> dict[str, tuple[Needs, ...]]:
    """The anchors worked out ahead, by pattern key ({} when the table is missing or unread)."""
    try:
        raw = json.loads(table.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {
        key: tuple(tuple(frozenset(strings) for strings in needs) for needs in alternatives)
        for key, alternatives in raw.items()
    }


def write_table(patterns: Iterable[Searchable], table: Path = TABLE) -> None:
    """Work out the anchors of `patterns` and write them to `table`."""
    found = {
        pattern_key(p): [[sorted(strings) for strings in needs] for needs in required(p)]
        for p in patterns
    }
    lines = (
        f"{json.dumps(k)}:{json.dumps(v, separators=(',', ':'))}" for k, v in sorted(found.items())
    )
    table.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")  # a pattern a line


class Seen:
    """A text as the prefilter read it: the anchors it holds (one bit each), and the ids of the
    patterns that may match it."""

    __slots__ = ("allowed", "held")

    def __init__(self, held: int, allowed: frozenset[int]) -> None:
        self.held = held
        self.allowed = allowed


_CACHED = 20_000  # words remembered with their anchors (then forgotten all at once)


class Prefilter:
    """The anchors of a set of patterns, found in a text by reading its words once: each word
    is looked up (a word seen before costs one look-up), and the few strings that hold other
    characters than word characters are looked for in the whole text. Which patterns may match
    is worked out once for each combination of anchors a text holds."""

    def __init__(
        self, patterns: Iterable[Searchable], known: dict[str, tuple[Needs, ...]] | None = None
    ) -> None:
        known = {} if known is None else known  # anchors worked out ahead, by pattern key
        bits: dict[tuple[str, str], int] = {}  # each key, one bit
        tables: dict[str, dict[str, int]] = {WORD: {}, START: {}, END: {}, CHARS: {}}
        index: dict[frozenset[str], int] = {}
        # each set of strings: the keys that each alone stand for a string of it, and for the
        # others (two keys each) each first key with the keys any of them pairs it with
        self._sets: list[tuple[int, tuple[tuple[int, int], ...], int]] = []
        self._patterns: list[Searchable] = []  # kept alive: their ids stay theirs
        self._alternatives: list[tuple[int, ...]] = []  # each the sets it needs, one bit each
        for pattern in patterns:
            alternatives = []
            found = known.get(pattern_key(pattern))
            for needs in required(pattern) if found is None else found:
                for needed in needs:
                    if needed not in index:
                        index[needed] = len(self._sets)
                        pairs: list[tuple[int, int]] = []  # a literal's two rarest keys
                        for literal in needed:
                            keys = _rarest(_keys(literal))
                            for key in keys:
                                if key not in bits:
                                    bits[key] = 1 << len(bits)
                                    tables[key[1]][key[0]] = bits[key]
                            pairs.append((bits[keys[0]], bits[keys[1]] if len(keys) > 1 else 0))
                        single = 0
                        for first, second in pairs:
                            single |= first if not second else 0
                        partners: dict[int, int] = {}
                        for first, second in pairs:
                            if second and not (first | second) & single:
                                partners[first] = partners.get(first, 0) | second
                        firsts = 0
                        for first in partners:
                            firsts |= first
                        self._sets.append((single, tuple(partners.items()), firsts))
                alternative = 0
                for needed in needs:
                    alternative |= 1 << index[needed]
                alternatives.append(alternative)
            self._patterns.append(pattern)
            self._alternatives.append(tuple(alternatives))
        self._known = frozenset(id(p) for p in self._patterns)
        self._words, self._starts, self._ends = tables[WORD], tables[START], tables[END]
        chars = tables[CHARS].items()
        self._inner: dict[str, list[tuple[str, int]]] = {}  # inside one word, by first letters
        for k, b in chars:
            if _RUN.fullmatch(k):
                self._inner.setdefault(k[:2], []).append((k, b))
        self._spanning = [(k, b) for k, b in chars if not _RUN.fullmatch(k)]
        self._ascii_spanning = [(k, b) for k, b in self._spanning if k.isascii()]
        self._by_word: dict[str, int] = {}
        self._by_held: dict[int, frozenset[int]] = {}

    def _allowed(self, held: int) -> frozenset[int]:
        """The ids of the patterns that may match a text holding the keys `held`."""
        sets = 0  # the sets of strings the text may hold, one bit each
        for i, (single, pairs, firsts) in enumerate(self._sets):
            if held & single:
                sets |= 1 << i
            elif held & firsts:
                for first, seconds in pairs:
                    if held & first and held & seconds:
                        sets |= 1 << i
                        break
        allowed = []
        for pattern, alternatives in zip(self._patterns, self._alternatives, strict=True):
            if not alternatives:
                allowed.append(id(pattern))
            for alternative in alternatives:
                if sets & alternative == alternative:
                    allowed.append(id(pattern))
                    break
        return frozenset(allowed)

    def _word(self, word: str) -> int:
        """The anchors a word of a text holds: the word, its starts and ends, its pieces."""
        held = self._words.get(word, 0)
        starts, ends = self._starts, self._ends
        for i in range(1, len(word) + 1):
            held |= starts.get(word[:i], 0) | ends.get(word[-i:], 0)
        inner = self._inner  # a key in the word starts with one of its letters or pairs
        for piece in {*word, *(word[i : i + 2] for i in range(len(word) - 1))}:
            for key, bit in inner.get(piece, ()):
                if key in word:
                    held |= bit
        if len(self._by_word) >= _CACHED:
            self._by_word.clear()
        self._by_word[word] = held
        return held

    def seen(self, text: str) -> Seen:
        """Which anchors `text` holds, and which patterns may match it."""
        held = 0
        by_word = self._by_word
        for word in set(_RUN.findall(text)):
            bits = by_word.get(word)
            held |= self._word(word) if bits is None else bits
        for key, bit in self._ascii_spanning if text.isascii() else self._spanning:
            if key in text:
                held |= bit
        allowed = self._by_held.get(held)
        if allowed is None:
            if len(self._by_held) >= _CACHED:
                self._by_held.clear()
            allowed = self._by_held[held] = self._allowed(held)
        return Seen(held, allowed)

    def may(self, pattern: Searchable, seen: Seen) -> bool:
        """False only when `pattern` cannot match the text `seen` read (a pattern the prefilter
        was not built with, or that nothing is known of, may always match)."""
        return id(pattern) in seen.allowed or id(pattern) not in self._known

    def covers(self, pattern: Searchable) -> bool:
        """The prefilter was built with `pattern`."""
        return id(pattern) in self._known

    def unanchored(self) -> list[Searchable]:
        """The patterns nothing is known of: always run."""
        return [p for p, alts in zip(self._patterns, self._alternatives, strict=True) if not alts]


class Gate:
    """A prefilter for patterns of any flags, case-insensitive ones too: `allowed(text)` holds
    the id of every pattern that may match `text` (one it lacks cannot). A case-insensitive
    pattern's anchors are read from its text without the flag and looked for in the case-folded
    text (so only lower-case anchors gate: a pattern with an upper-case one always runs).
    `table`: the anchors worked out ahead (`write` rewrites it); a pattern it lacks is read at
    start-up."""

    def __init__(self, patterns: Iterable[re.Pattern[str]], table: Path) -> None:
        self._table = table
        known = ahead(table)
        self._plain: list[re.Pattern[str]] = []  # every pattern as its anchors are read
        self._gated: list[tuple[int, int]] = []  # (the pattern's id, its plain form's id)
        always: list[int] = []
        for pattern in patterns:
            plain = re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)
            key = pattern_key(plain)
            needs = known[key] = known[key] if key in known else required(plain)
            self._plain.append(plain)
            if any(c.isupper() for n in needs for s in n for lit in s for c in lit):
                always.append(id(pattern))
            else:
                self._gated.append((id(pattern), id(plain)))
        self._always = frozenset(always)
        self._prefilter = Prefilter(self._plain, known)
        self._by_allowed: dict[frozenset[int], frozenset[int]] = {}
        self._last: tuple[str, frozenset[int]] = ("", frozenset())  # a text asked twice in a row

    def allowed(self, text: str) -> frozenset[int]:
        """The ids of the patterns that may match `text`."""
        folded = text.casefold()
        last, ids = self._last
        if folded == last and folded:  # the question as written and as texted, often the same
            return ids
        ids = self._allowed(folded)
        self._last = (folded, ids)
        return ids

    def _allowed(self, folded: str) -> frozenset[int]:
        plain = self._prefilter.seen(folded).allowed
        found = self._by_allowed.get(plain)  # one set per combination of anchors held
        if found is None:
            if len(self._by_allowed) >= _CACHED:
                self._by_allowed.clear()
            found = self._always | frozenset(p for p, q in self._gated if q in plain)
            self._by_allowed[plain] = found
        return found

    def stale(self) -> list[str]:
        """The patterns whose anchors the table lacks or holds wrong (read at start-up)."""
        known = ahead(self._table)
        return [p.pattern for p in self._plain if known.get(pattern_key(p)) != required(p)]

    def write(self) -> None:
        """Work out every pattern's anchors again and rewrite the table."""
        write_table(self._plain, self._table)
