"""Verbs that drop their final e before -ing ("drive": "driving"), so "what are you driving?"
can be read as "what do you drive?" (`base`).

The list is derived offline from Princeton WordNet 3.0 (its verb index; licence below, kept in
the data file) and shipped as `silent_e.txt` (about 34 kB, read once, only when a question
is grouped). Regenerate it with `python -m core.owner.silent_e [WORDNET_DIR]`; the Debian
package `wordnet-base` puts the database in /usr/share/wordnet.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("silent_e.txt")
WORDNET = Path("/usr/share/wordnet")
NOTICE = """\
# Verbs that drop their final e before -ing, one a line, "*" after one whose form without the
# e is a verb too (hope, hop): core/owner/silent_e.py made it
# from the verb index of WordNet 3.0 (python -m core.owner.silent_e). WordNet 3.0 licence:
# Permission to use, copy, modify and distribute this software and database and its
# documentation for any purpose and without fee or royalty is hereby granted, provided that
# you agree to comply with the following copyright notice and statements, including the
# disclaimer, and that the same appear on ALL copies of the software, database and
# documentation, including modifications that you make for internal use or for distribution.
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION,
# PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS
# FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR
# DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER
# RIGHTS. The name of Princeton University or Princeton may not be used in advertising or
# publicity pertaining to distribution of the software and/or database. Title to copyright
# in this software, database and any associated documentation shall at all times remain
# with Princeton University and LICENSEE agrees to preserve same.
"""


_VOWELS = "aeiou"


@lru_cache(maxsize=1)
def silent_e() -> dict[str, bool]:
    """The verbs, read once: each with whether its form without the e is a verb too."""
    lines = DATA.read_text(encoding="utf-8").splitlines()
    return {
        line.split()[0]: line.endswith("*") for line in lines if line and not line.startswith("#")
    }


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


def main(argv: list[str]) -> None:
    """Write `silent_e.txt` from the WordNet database in argv[0] (default /usr/share/wordnet)."""
    wordnet = Path(argv[0]) if argv else WORDNET
    verbs = derive(wordnet)
    DATA.write_text(NOTICE + "\n".join(verbs) + "\n", encoding="utf-8")
    print(f"{DATA}: {len(verbs)} verbs")


if __name__ == "__main__":
    main(sys.argv[1:])
