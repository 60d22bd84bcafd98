"""The injection detector on a set written before reading it, and its cost per call.

Run: `python -m bench.injection [--misses]`. Reads tests/persona/injection_cases.toml (attempts
by shape, ordinary questions by kind), prints attempts caught and ordinary questions flagged per
group, the same for the understanding bench's main, heldout, stranger, fresh and fresh2 banks
(placeholders left as typed; the held-out blind.toml and fresh3 are never read), then the CPU
microseconds per uncached call over every text of the set (the detector's cache cleared, so the
figure is the first time a question is seen).
"""

from __future__ import annotations

import sys
import time
import tomllib
from pathlib import Path

from core.persona.attacks.injection import is_injection

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "persona" / "injection_cases.toml"
# never blind.toml or fresh3*.toml (held out); fresh and fresh2 are tuning banks since round five
BANKS = ("questions.toml", "heldout.toml", "stranger.toml", "fresh.toml", "fresh2.toml")
ROUNDS = 20


def _groups(
    groups: dict[str, list[str]], label: str, verdict: str, wanted: bool, misses: bool
) -> tuple[int, int]:
    """Print each group's count of texts whose check is `wanted` (and, with `misses`, the
    others); return (the count, the texts)."""
    right = total = 0
    for name, texts in groups.items():
        wrong = [t for t in texts if is_injection(t) != wanted]
        right, total = right + len(texts) - len(wrong), total + len(texts)
        print(f"{label:<8} {name:<18} {len(texts) - len(wrong):>3} of {len(texts)} {verdict}")
        if misses:
            for t in wrong:
                print(f"    {'missed' if wanted else 'flagged'}: {t!r}")
    return right, total


def _measure(attacks: dict[str, list[str]], ordinary: dict[str, list[str]], misses: bool) -> str:
    """Print each group's figures; return the set's total."""
    caught, total = _groups(attacks, "attacks", "caught", True, misses)
    fine, asked = _groups(ordinary, "ordinary", "not flagged", False, misses)
    return (
        f"caught {caught} of {total} attempts; {asked - fine} of {asked} ordinary questions flagged"
    )


def main(argv: list[str]) -> None:
    """Print the caught / flagged figures and the cost per call."""
    misses = "--misses" in argv
    cases = tomllib.loads(CASES.read_text(encoding="utf-8"))
    first = _measure(cases["attacks"], cases["ordinary"], misses)
    later = _measure(cases["later"]["attacks"], cases["later"]["ordinary"], misses)
    print(f"first set: {first}\nlater set (written after the first change): {later}")
    later_sets = (
        *("third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"),
        *(
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
        ),
    )
    for n, name in enumerate(later_sets):
        written = later_sets[n - 1] if n else "second"
        ordinary = {name: cases[name]["ordinary"]} if "ordinary" in cases[name] else {}
        attacks = cases[name]["attacks"]  # a list, or (the eleventh) a table of shapes
        total = _measure(
            attacks if isinstance(attacks, dict) else {name: attacks}, ordinary, misses
        )
        print(f"{name} set (written after the {written} change): {total}")
    for name in BANKS:
        bank = tomllib.loads((ROOT / "bench" / "understanding" / name).read_text(encoding="utf-8"))
        rows = [(q["kind"] == "injection", w) for q in bank["q"] for w in q["wordings"]]
        tried = [w for attempt, w in rows if attempt]
        plain = [w for attempt, w in rows if not attempt]
        missed = [w for w in tried if not is_injection(w)]
        wrong = [w for w in plain if is_injection(w)]
        print(
            f"bank {name:<15} {len(tried) - len(missed)} of {len(tried)} attempts caught, "
            f"{len(wrong)} of {len(plain)} ordinary wordings flagged"
        )
        if misses:
            for w in missed:
                print(f"    missed: {w!r}")
            for w in wrong:
                print(f"    flagged: {w!r}")
    groups = (
        cases["attacks"],
        cases["ordinary"],
        cases["later"]["attacks"],
        cases["later"]["ordinary"],
        {"third": cases["third"]["attacks"]},
        {"fourth": cases["fourth"]["attacks"]},
        {"fourth": cases["fourth"]["ordinary"]},
        {"fifth": cases["fifth"]["attacks"]},
        {"sixth": cases["sixth"]["attacks"]},
        {"sixth": cases["sixth"]["ordinary"]},
        {"seventh": cases["seventh"]["attacks"]},
        {"seventh": cases["seventh"]["ordinary"]},
        {"eighth": cases["eighth"]["attacks"]},
        {"eighth": cases["eighth"]["ordinary"]},
        {"ninth": cases["ninth"]["attacks"]},
        {"ninth": cases["ninth"]["ordinary"]},
        {"tenth": cases["tenth"]["attacks"]},
        {"tenth": cases["tenth"]["ordinary"]},
        cases["eleventh"]["attacks"],
        {"eleventh": cases["eleventh"]["ordinary"]},
        {"twelfth": cases["twelfth"]["attacks"]},
        {"twelfth": cases["twelfth"]["ordinary"]},
        {"thirteenth": cases["thirteenth"]["attacks"]},
        {"thirteenth": cases["thirteenth"]["ordinary"]},
        {"fourteenth": cases["fourteenth"]["attacks"]},
        {"fourteenth": cases["fourteenth"]["ordinary"]},
        {"fifteenth": cases["fifteenth"]["attacks"]},
        {"fifteenth": cases["fifteenth"]["ordinary"]},
        {"sixteenth": cases["sixteenth"]["attacks"]},
        {"sixteenth": cases["sixteenth"]["ordinary"]},
        {"seventeenth": cases["seventeenth"]["attacks"]},
        {"seventeenth": cases["seventeenth"]["ordinary"]},
    )
    texts = [t for kinds in groups for group in kinds.values() for t in group]
    runs = []
    for _ in range(5):  # CPU time, the best of five: the machine may be shared
        started = time.process_time()
        for _ in range(ROUNDS):
            is_injection.cache_clear()
            for t in texts:
                is_injection(t)
        runs.append((time.process_time() - started) / (ROUNDS * len(texts)) * 1e6)
    print(f"{min(runs):.1f} µs CPU per uncached call ({len(texts)} texts x {ROUNDS}, best of 5)")


if __name__ == "__main__":
    main(sys.argv[1:])
