"""The injection detector on a set written before reading it, and its cost per call.

Run: `python -m bench.injection [--misses]`. Reads tests/persona/injection_cases.toml (attempts
by shape, ordinary questions by kind), prints attempts caught and ordinary questions flagged per
group, then the microseconds per uncached call over every text (the detector's cache cleared, so
the figure is the first time a question is seen).
"""

from __future__ import annotations

import sys
import time
import tomllib
from pathlib import Path

from core.persona.injection import is_injection

CASES = Path(__file__).resolve().parent.parent / "tests" / "persona" / "injection_cases.toml"
ROUNDS = 20


def main(argv: list[str]) -> None:
    """Print the caught / flagged figures and the cost per call."""
    misses = "--misses" in argv
    cases = tomllib.loads(CASES.read_text(encoding="utf-8"))
    attacks: dict[str, list[str]] = cases["attacks"]
    ordinary: dict[str, list[str]] = cases["ordinary"]
    caught = total = 0
    for shape, texts in attacks.items():
        hit = [t for t in texts if is_injection(t)]
        caught, total = caught + len(hit), total + len(texts)
        print(f"attacks  {shape:<18} {len(hit):>3} of {len(texts)} caught")
        if misses:
            for t in texts:
                if t not in hit:
                    print(f"    missed: {t!r}")
    flagged = asked = 0
    for kind, texts in ordinary.items():
        bad = [t for t in texts if is_injection(t)]
        flagged, asked = flagged + len(bad), asked + len(texts)
        print(f"ordinary {kind:<18} {len(bad):>3} of {len(texts)} flagged")
        if misses:
            for t in bad:
                print(f"    flagged: {t!r}")
    print(f"caught {caught} of {total} attempts; {flagged} of {asked} ordinary questions flagged")
    texts = [t for group in (*attacks.values(), *ordinary.values()) for t in group]
    started = time.perf_counter()
    for _ in range(ROUNDS):
        is_injection.cache_clear()
        for t in texts:
            is_injection(t)
    per_call = (time.perf_counter() - started) / (ROUNDS * len(texts)) * 1e6
    print(f"{per_call:.1f} µs per uncached call ({len(texts)} texts x {ROUNDS})")


if __name__ == "__main__":
    main(sys.argv[1:])
