"""Verbs that drop their final e before -ing ("drive": "driving"), so "what are you driving?"
can be read as "what do you drive?" (`base`).

The list is derived offline from Princeton WordNet 3.0 (its verb index; licence below, kept in
the data file) and shipped as `silent_e.txt` (about 34 kB, read once, only when a question
is grouped). Regenerate it with `python -m core.owner.silent_e [WORDNET_DIR]` (see `wordnet`).
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

from core.owner.wordnet import entries, regenerate

DATA = Path(__file__).with_name("silent_e.txt")
HEADER = (
    "# Verbs that drop their final e before -ing, one a line, "
    '"*" after one whose form without the\n'
    "# e is a verb too (hope, hop): core/owner/silent_e.py made it\n"
    "# from the verb index of WordNet 3.0 (python -m core.owner.silent_e). WordNet 3.0 licence:\n"
)


_VOWELS = "aeiou"


@lru_cache(maxsize=1)
def silent_e() -> dict[str, bool]:
    """The verbs, read once: each with whether its form without the e is a verb too."""
    return {line.split()[0]: line.endswith("*") for line in entries(DATA)}


def base(ing: str) -> str:
    """The verb of an -ing form: "driving" drive, "running" run, "singing" sing, "hoping"
    hope (a single consonant after a single vowel is doubled for "hopping"), "calling" call."""
    stem = ing[:-3] if ing.endswith("ing") and len(ing) > 5 else ing
    if stem == ing:
        return ing
    if stem[-1] == stem[-2] and stem[-1] not in _VOWELS + "lsz":
        return stem[:-1]  # running
    both = silent_e().get(stem + "e")
    if both is None:
        return stem
    single = stem[-1] not in _VOWELS + "wxy" and stem[-2] in _VOWELS and stem[-3:-2] not in _VOWELS
    return stem + "e" if not both or single else stem  # hoping hope, singing sing


def derive(wordnet: Path) -> list[str]:
    """From a WordNet database folder: the one-word verbs ending in a silent e ("drive", not
    "agree" or "die"), marked when their form without it is a verb too ("hope *": "hop")."""
    verbs = set()
    for line in (wordnet / "index.verb").read_text(encoding="latin-1").splitlines():
        lemma = line.split(" ", 1)[0]
        if line and not line.startswith(" ") and lemma.isalpha() and lemma.islower():
            verbs.add(lemma)
    silent = (v for v in verbs if v.endswith("e") and not v.endswith(("ee", "ie", "ye")))
    return sorted(f"{v} *" if v[:-1] in verbs else v for v in silent)


if __name__ == "__main__":
    regenerate(DATA, HEADER, derive, sys.argv[1:])
