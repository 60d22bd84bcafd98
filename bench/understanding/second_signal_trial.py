"""The trial behind "no second signal for gap grouping" (issue 26, seventh round): two
semantic signals that ship without a network, tried BESIDE the lexicon (never instead of it),
on tests/owner/group4_probe.toml (written before reading the lexicon), the stranger case set
and the tuning banks' unanswerable questions. Not a dependency of the twin: run it from the
repository root in a virtualenv that also has wordllama, with WordNet installed (Debian
`wordnet-base`), `python -m bench.understanding.second_signal_trial`.

The signal only decides where the lexicon cannot: two questions not `alike`, not
`clearly_different` and not looking different ways in time or mood are joined when

- wordllama: the cosine of their asked things (a question's terms: its topics and the words it
  keeps once the question frame is stripped) is at least a cut (0.6, 0.7, 0.8);
- WordNet: a word of one and a word of the other share a synset in their most common sense.

and last, instead of a signal, the lexicon widened by WordNet (`widen_lexicon`).

It prints wordllama's load time and memory, then per set the cases in one group, the groups
mixing cases and the close pairs alike, lexicon alone -> with the signal.
"""

from __future__ import annotations

import importlib
import os
import resource
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from core.owner import meaning
from core.owner.gaps import question_terms
from core.persona.search.retrieval import STOPWORDS, stem

ROOT = Path(__file__).resolve().parents[2]
BANKS = ("questions", "heldout", "stranger", "fresh", "fresh2", "fresh3")
CASE_SETS = ("group4_probe", "stranger_rewordings")
Alike = Callable[[frozenset[str], frozenset[str]], bool]
Sets = dict[str, tuple[list[list[str]], list[list[str]]]]


def case_sets() -> Sets:
    """Each set's cases (wordings of one question) and close pairs (none in a bank)."""
    sets: Sets = {}
    for name in CASE_SETS:
        data = tomllib.loads((ROOT / "tests" / "owner" / f"{name}.toml").read_text())
        sets[name] = ([c["questions"] for c in data["same"]], [a["pair"] for a in data["apart"]])
    for name in BANKS:
        data = tomllib.loads((ROOT / "bench" / "understanding" / f"{name}.toml").read_text())
        sets[name] = ([q["wordings"][:3] for q in data["q"] if q["kind"] == "absent"], [])
    return sets


def filed(cases: list[list[str]], apart: list[list[str]], alike: Alike) -> tuple[int, int, int]:
    """Wordings filed interleaved into the first group they are alike: cases in one group,
    groups mixing cases, close pairs alike."""
    groups: list[tuple[frozenset[str], set[int]]] = []
    homes: dict[int, set[int]] = {}
    for turn in range(3):
        for case, wordings in enumerate(cases):
            if turn >= len(wordings):
                continue
            terms = question_terms(wordings[turn])
            home = next((i for i, (known, _) in enumerate(groups) if alike(terms, known)), None)
            if home is None:
                groups.append((terms, set()))
                home = len(groups) - 1
            groups[home][1].add(case)
            homes.setdefault(case, set()).add(home)
    together = sum(1 for places in homes.values() if len(places) == 1)
    mixed = sum(1 for _, cases_in in groups if len(cases_in) > 1)
    pairs = [(question_terms(a), question_terms(b)) for a, b in apart]
    close = sum(1 for a, b in pairs if alike(a, b) or alike(b, a))
    return together, mixed, close


def undecided(a: frozenset[str], b: frozenset[str]) -> bool:
    """The lexicon neither joins nor parts them."""
    return not (
        meaning.clearly_different(a, b) or meaning.clearly_different(b, a) or apart_marks(a, b)
    )


def apart_marks(a: frozenset[str], b: frozenset[str]) -> bool:
    """They look different ways in time or mood (`meaning`'s own reading)."""
    looks_apart: Callable[[frozenset[str], frozenset[str]], bool] = meaning._looks_apart
    return looks_apart(a, b)


def with_wordllama(cut: float, model: Any) -> Alike:
    """The lexicon, then the embedding of the asked things where it is undecided."""
    cache: dict[str, Any] = {}

    def vector(terms: frozenset[str]) -> Any:
        text = " ".join(sorted(t for t in terms if ":" not in t))
        if text not in cache:
            cache[text] = model.embed([text], norm=True)[0]
        return cache[text]

    def alike(a: frozenset[str], b: frozenset[str]) -> bool:
        if meaning.alike(a, b):
            return True
        return undecided(a, b) and float(vector(a) @ vector(b)) >= cut

    return alike


def with_wordnet(wordnet: Path) -> Alike:
    """The lexicon, then a shared WordNet synset (most common sense) where it is undecided."""
    senses: dict[str, set[str]] = {}
    for pos in ("noun", "verb", "adj"):
        for line in (wordnet / f"index.{pos}").read_text(encoding="latin-1").splitlines():
            if not line.startswith(" "):
                fields = line.split()
                senses.setdefault(stem(fields[0]), set()).add(
                    f"{pos}{fields[4 + int(fields[3]) + 2]}"
                )

    def words(terms: frozenset[str]) -> set[str]:
        return {t for t in terms if ":" not in t and t not in STOPWORDS and len(t) > 2}

    def alike(a: frozenset[str], b: frozenset[str]) -> bool:
        if meaning.alike(a, b):
            return True
        if not undecided(a, b):
            return False
        return any(
            u != v and senses.get(u, set()) & senses.get(v, set())
            for u in words(a)
            for v in words(b)
        )

    return alike


def widen_lexicon(wordnet: Path) -> int:
    """The third try, a table a maintainer could derive: each lexicon word's usual synset's
    other one-word lemmas (whose own usual sense it is too) join the word's topic ("slumber":
    sleep, "gramps": grandparents). Widens `meaning.lexicon()` in place; how many words."""
    usual: dict[str, tuple[str, str]] = {}
    members: dict[tuple[str, str], list[str]] = {}
    for pos in ("noun", "verb", "adj"):
        for line in (wordnet / f"index.{pos}").read_text(encoding="latin-1").splitlines():
            fields = line.split()
            if not line.startswith(" "):
                usual.setdefault(fields[0], (pos, fields[4 + int(fields[3]) + 2]))
        for line in (wordnet / f"data.{pos}").read_text(encoding="latin-1").splitlines():
            fields = line.split("|", 1)[0].split()
            if not line.startswith(" "):
                lemmas = range(int(fields[3], 16))
                members[(pos, fields[0])] = [fields[4 + 2 * i].lower() for i in lemmas]
    lex = meaning.lexicon()
    found: dict[str, set[str]] = {}
    for word, topic in list(lex.words.items()):
        for lemma in members.get(usual.get(word, ("", "")), []):
            known = lemma in lex.words or lemma in lex.frame or lemma in STOPWORDS
            if lemma.isalpha() and not known and usual.get(lemma) == usual.get(word):
                found.setdefault(lemma, set()).add(topic)
    for lemma, topics in found.items():
        if len(topics) == 1:
            lex.words.setdefault(lemma, next(iter(topics)))
            lex.words.setdefault(stem(lemma), next(iter(topics)))
    meaning.concepts.cache_clear()
    return sum(1 for topics in found.values() if len(topics) == 1)


def main() -> None:
    started = time.perf_counter()
    wordllama = importlib.import_module("wordllama")  # not a dependency of the twin
    model = wordllama.WordLlama.load(
        cache_dir=os.path.dirname(str(wordllama.__file__)), disable_download=True
    )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"wordllama: load {time.perf_counter() - started:.2f} s, max RSS {rss} MB")
    signals: dict[str, Alike] = {
        f"wordllama {c}": with_wordllama(c, model) for c in (0.6, 0.7, 0.8)
    }
    signals["wordnet synonym"] = with_wordnet(Path("/usr/share/wordnet"))
    sets = case_sets()
    base = {name: filed(cases, apart, meaning.alike) for name, (cases, apart) in sets.items()}
    runs = [*signals.items(), ("wordnet-widened lexicon", meaning.alike)]
    for label, alike in runs:
        if label == "wordnet-widened lexicon":
            print(f"({widen_lexicon(Path('/usr/share/wordnet'))} words added to the lexicon)")
        print(f"== lexicon -> lexicon + {label}: cases in one group, groups mixing, close alike")
        for name, (cases, apart) in sets.items():
            (t0, m0, c0), (t1, m1, c1) = base[name], filed(cases, apart, alike)
            print(
                f"  {name:20} {t0:3}/{len(cases):<3} -> {t1:3}   mixing {m0} -> {m1}"
                f"   close {c0}/{len(apart)} -> {c1}"
            )


if __name__ == "__main__":
    main()
