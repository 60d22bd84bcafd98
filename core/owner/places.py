"""Names of places ("Japan", "Lisbon", "Bali"), so questions naming different places stay
apart: "have you visited Japan?" is not "have you visited Italy?", nor "how many countries have
you visited?", though all three are about travel (`meaning.alike`).

A topic reads what a question is about; a place named beside it is what is asked, and the
lexicon cannot list every place. The list is derived offline from Princeton WordNet 3.0 (one-word
names whose most common sense is a named location: not planets, "on earth", and that are no verb,
adjective or adverb in use: "Turkey", "Nice" and "Reading" are left out) and shipped as `places.txt`
(about 17 kB, read once, only when a question is grouped). Regenerate it with
`python -m core.owner.places [WORDNET_DIR]` (see `wordnet`).
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

from core.owner.wordnet import entries, regenerate
from core.persona.search.retrieval import stem

DATA = Path(__file__).with_name("places.txt")
HEADER = (
    "# Names of places, one a line, folded: core/owner/places.py made it from the noun\n"
    "# database of WordNet 3.0 (python -m core.owner.places). WordNet 3.0 licence:\n"
)
_LOCATION = "15"  # WordNet's lexicographer file noun.location


@lru_cache(maxsize=1)
def place_stems() -> frozenset[str]:
    """The places, read once, as the stems a question's words are kept as ("itali")."""
    return frozenset(stem(line) for line in entries(DATA))


def places(terms: frozenset[str]) -> frozenset[str]:
    """The terms of a question (`meaning.concepts`) that name a place."""
    return terms & place_stems()


def derive(wordnet: Path) -> list[str]:
    """From a WordNet database folder: the one-word names whose most common noun sense is a
    named location (an instance of a country, a city, a region: "Japan", "Bali"), left out when
    the word is also a verb, an adjective or an adverb in use ("nice"; not "to japan", never
    tagged)."""
    named: set[str] = set()  # offsets of the synsets that are named places
    for line in (wordnet / "data.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split("|", 1)[0].split()
        words = int(fields[3], 16)
        at = 4 + 2 * words
        pointers = {fields[at + 1 + 4 * k] for k in range(int(fields[at]))}
        if fields[1] == _LOCATION and "@i" in pointers:
            named.add(fields[0])
    other: set[str] = set()
    for pos in ("verb", "adj", "adv"):
        for line in (wordnet / f"index.{pos}").read_text(encoding="latin-1").splitlines():
            fields = line.split()
            if not line.startswith(" ") and int(fields[4 + int(fields[3]) + 1]) > 0:
                other.add(fields[0])  # a verb, adjective or adverb in use (tagged in SemCor)
    found = []
    for line in (wordnet / "index.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split()
        lemma, kinds = fields[0], int(fields[3])
        first = fields[4 + kinds + 2]  # senses are listed most common first
        if lemma.isalpha() and len(lemma) > 2 and lemma not in other and first in named:
            found.append(lemma)
    return sorted(found)


if __name__ == "__main__":
    regenerate(DATA, HEADER, derive, sys.argv[1:])
