"""What the privacy rules withheld from a profile, for the owner to check (`twin privacy`).

`Redactor.redact(text, where)` replaces every private value in `text` by `[private]` (see
`privacy_detect`), keeps the rest of the sentence, and remembers each value as a `Withheld`
(where, which rule, the value, the sentence around it), and each sentence it kept that looks
close to private as a `Borderline`. The owner's `[persona] public` phrases release values
(a value inside one of them stays, as `released`); `[persona] private` phrases (entries that
are not field paths) are withheld wherever they appear.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from core.privacy.privacy_detect import Finding, find_borderline, find_private

PRIVATE_TEXT = "[private]"
OWNER_RULE = "private phrase"
_PATH = re.compile(r"[\w*-]+(?:\.[\w*-]+)*")


@dataclass(frozen=True)
class Withheld:
    """One private value kept out of the chunks."""

    where: str  # "Experience > Acme", "personal.email", a heading
    rule: str  # "phone", "address", "pay", ..., "private field", "private path"
    value: str = field(repr=False)  # as the owner wrote it (never in a repr or log line)
    context: str = ""  # the sentence, with this value as [private]


@dataclass(frozen=True)
class Borderline:
    """A sentence that was kept but looks close to private."""

    where: str
    reason: str
    sentence: str


def split_private(entries: Sequence[str]) -> tuple[list[str], list[str]]:
    """`[persona] private` entries: (field paths, phrases). A phrase has a space or a
    character a field path cannot have ("Kastanienallee 45", "my daughter Lena")."""
    paths: list[str] = []
    phrases: list[str] = []
    for entry in entries:
        text = entry.strip()
        (paths if _PATH.fullmatch(text) else phrases).append(text)
    return paths, [p for p in phrases if p]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text.casefold())


def mask(value: str) -> str:
    """A short preview that says what it was without saying it: `+4• •• •••••20`."""
    chars = [c for c in value if c.isalnum()]
    keep = 2 if len(chars) >= 8 else 1 if len(chars) >= 4 else 0
    seen, out = 0, []
    for c in value:
        if c.isalnum():
            seen += 1
            out.append(c if seen <= keep or seen > len(chars) - keep else "•")
        else:
            out.append(c)
    preview = "".join(out)
    return preview if len(preview) <= 40 else preview[:37] + "..."


class Redactor:
    """Redacts free text and keeps the record of what it withheld, released and doubted."""

    def __init__(self, public: Sequence[str] = (), phrases: Sequence[str] = ()) -> None:
        self._public = [_squash(p) for p in public if p.strip()]
        self._phrases = [
            re.compile(r"(?<!\w)" + re.escape(p) + r"(?!\w)", re.I) for p in phrases if p.strip()
        ]
        self.withheld: list[Withheld] = []
        self.released: list[Withheld] = []
        self.borderline: list[Borderline] = []

    def _find(self, text: str) -> list[Finding]:
        own = [
            Finding(OWNER_RULE, m.start(), m.end(), m.group(0))
            for pattern in self._phrases
            for m in pattern.finditer(text)
        ]
        found = [f for f in find_private(text) if not any(_overlap(f, o) for o in own)]
        return sorted(own + found, key=lambda f: f.start)

    def redact(self, text: str, where: str = "") -> str:
        """`text` with every private value replaced; records what was withheld."""
        findings = self._find(text)
        if not findings:
            self._doubt(text, where)
            return text
        out, last = [], 0
        kept: list[tuple[Finding, int]] = []  # (finding, its offset in the output)
        for f in findings:
            record = Withheld(where, f.rule, f.value)
            if f.rule != OWNER_RULE and any(_squash(f.value) in p for p in self._public):
                self.released.append(record)
                continue
            out.append(text[last : f.start])
            kept.append((f, sum(len(p) for p in out)))
            out.append(PRIVATE_TEXT)
            last = f.end
        out.append(text[last:])
        result = "".join(out)
        for f, at in kept:
            self.withheld.append(Withheld(where, f.rule, f.value, _sentence_at(result, at)))
        self._doubt(result, where)
        return result

    def withhold(self, where: str, rule: str, value: str) -> None:
        """Record a value a reader dropped whole (a private field, heading or labelled line)."""
        if value.strip():
            self.withheld.append(Withheld(where, rule, " ".join(value.split())))

    def _doubt(self, text: str, where: str) -> None:
        for reason, sentence in find_borderline(text):
            self.borderline.append(Borderline(where, reason, sentence))


def _overlap(a: Finding, b: Finding) -> bool:
    return a.start < b.end and b.start < a.end


def _sentence_at(text: str, at: int) -> str:
    start = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at)) + 1
    ends = [i for i in (text.find(". ", at), text.find("\n", at)) if i != -1]
    end = min(ends) + 1 if ends else len(text)
    sentence = text[start:end].strip()
    return sentence if len(sentence) <= 160 else sentence[:157] + "..."


def summary(withheld: Iterable[Withheld]) -> str:
    """'withheld 9 values: 3 phone, 2 address, ...' (most common first). A value written in
    several places counts once."""
    distinct = dict.fromkeys((w.rule, _squash(w.value)) for w in withheld)  # in order
    counts = Counter(rule for rule, _ in distinct)  # ties: the rule met first comes first
    total = sum(counts.values())
    if not total:
        return "withheld no values"
    parts = ", ".join(f"{n} {rule}" for rule, n in counts.most_common())
    return f"withheld {total} value{'s' if total != 1 else ''}: {parts}"
