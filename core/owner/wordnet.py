"""Word lists derived offline from Princeton WordNet 3.0 and shipped as data files
(`silent_e.txt`, `places.txt`): where the database is, its licence (kept in every list it
made), reading a shipped list, and the maintainer step that writes one. The Debian package
`wordnet-base` puts the database in /usr/share/wordnet.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

WORDNET = Path("/usr/share/wordnet")
LICENCE = """\
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


def entries(data: Path) -> list[str]:
    """A shipped list's lines, its header (the "#" lines) left out."""
    lines = data.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def regenerate(
    data: Path, header: str, derive: Callable[[Path], list[str]], argv: Sequence[str]
) -> None:
    """Write `data` from the WordNet database in argv[0] (default WORDNET): `header` (the
    list's own "#" lines), WordNet's licence, then `derive`'s lines."""
    wordnet = Path(argv[0]) if argv else WORDNET
    lines = derive(wordnet)
    data.write_text(header + LICENCE + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{data}: {len(lines)} lines")
