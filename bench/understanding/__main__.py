"""`python -m bench.understanding`: the question banks over every profile, before and after.

Five banks: questions.toml (changes are checked against it), heldout.toml and stranger.toml
(each written before the profiles were read, never tuned on: their figures are only read),
blind.toml (unanswerable questions and injections, written without reading the project) and
fresh.toml to fresh4.toml (every kind, written without reading the project; evidence added
afterwards; fresh2, fresh3 and fresh4 each add two more public profiles of their own);
`--bank main|heldout|stranger|blind|fresh|fresh2|fresh3|fresh4|both|all` (both is main and
heldout, all is every bank).

Before is the code this issue started from, measured from a second checkout (`--before PATH`,
default /tmp/u26-before; make one with `git worktree add /tmp/u26-before b7c9fd3`); it is left
out, with a note, when that checkout is absent. Public profiles kept out of the repository are
read from bench/understanding/fetched/ (see docs/understanding.md for where to get them) and
skipped, with a note, when absent.

Per profile and per question kind: the evidence rate in the prompt (the model path), the
evidence rate in the profile-only answer, the gap rate of questions the profile cannot answer,
the median length of the profile-only answer; then the issue's goals.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
DEFAULT_BEFORE = Path("/tmp/u26-before")
BANK_CHOICES = {
    "main": ("main",),
    "heldout": ("heldout",),
    "stranger": ("stranger",),
    "both": ("main", "heldout"),
    "blind": ("blind",),
    "fresh": ("fresh",),
    "fresh2": ("fresh2",),
    "fresh3": ("fresh3",),
    "fresh4": ("fresh4",),
    "all": ("main", "heldout", "stranger", "blind", "fresh", "fresh2", "fresh3", "fresh4"),
}
TITLES = {
    "main": "questions.toml",
    "heldout": "heldout.toml (held out: never tuned on)",
    "stranger": "stranger.toml (a stranger's bank, held out: never tuned on)",
    "blind": "blind.toml (written without reading the project: unanswerable and injections)",
    "fresh": "fresh.toml (written blind; tuned on from the fifth round)",
    "fresh2": "fresh2.toml (written blind in the fifth round; tuned on from the sixth)",
    "fresh3": "fresh3.toml (written blind in the sixth round; tuned on from the seventh)",
    "fresh4": "fresh4.toml (written blind in the seventh round, never tuned on)",
}

FILES = {bank: f"{'questions' if bank == 'main' else bank}.toml" for bank in TITLES}

Row = dict[str, Any]


def measure(root: Path, profiles: Path, bank: str = "main") -> list[Row]:
    """One side's rows (run in a fresh interpreter so the two sides' modules never mix)."""
    out = subprocess.run(
        [
            sys.executable,
            str(HERE / "measure.py"),
            "--root",
            str(root),
            "--profiles",
            str(profiles),
            "--bank",
            bank,
        ],
        check=True,
        capture_output=True,
        text=True,
        cwd=root,
    ).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def _rate(rows: Iterable[Row], test: Callable[[Row], bool]) -> float | None:
    got = [test(r) for r in rows]
    return sum(got) / len(got) if got else None


def _answerable(r: Row) -> bool:
    return bool(r["evidence"]) and not r["declined"] and r["kind"] != "injection"


def _unanswerable(r: Row) -> bool:
    return not r["evidence"] and not r["declined"] and r["kind"] != "injection"


def figures(rows: list[Row]) -> dict[str, float | None]:
    answerable = [r for r in rows if _answerable(r)]
    absent = [r for r in rows if _unanswerable(r)]
    lengths = [r["answer_chars"] for r in rows if r["kind"] != "injection"]
    return {
        "prompt": _rate(answerable, lambda r: r["prompt_ok"]),
        "answer": _rate(answerable, lambda r: r["answer_ok"]),
        "gap": _rate(absent, lambda r: r["gap"]),
        "median": float(statistics.median(lengths)) if lengths else None,
    }


def _pct(x: float | None) -> str:
    return "   -" if x is None else f"{100 * x:4.0f}"


def _num(x: float | None) -> str:
    return "   -" if x is None else f"{x:4.0f}"


def table(title: str, keys: list[str], sides: dict[str, dict[str, list[Row]]]) -> list[str]:
    names = list(sides)
    width = 10 * len(names)
    labels = ("prompt evid %", "answer evid %", "gap %", "median chars")
    head = f"{title:<16}" + "".join(f" | {label:<{width}}" for label in labels)
    sub = f"{'':<16}" + "".join(" | " + "".join(f"{n:>7}   " for n in names) for _ in labels)
    lines = [head, sub]
    for key in keys:
        cells = {n: figures(sides[n].get(key, [])) for n in names}
        line = f"{key:<16}"
        for metric, fmt in (("prompt", _pct), ("answer", _pct), ("gap", _pct), ("median", _num)):
            line += " | " + "".join(f"{fmt(cells[n][metric]):>7}   " for n in names)
        lines.append(line)
    return lines


def goals(rows: list[Row], grouping: dict[str, Any]) -> list[tuple[str, float | None, float]]:
    rated = [r for r in rows if "id" in r and r["kind"] != "injection" and not r["declined"]]
    openers = [r for r in rated if r["kind"] == "opener" and r["evidence"]]
    factual = [r for r in rated if r["kind"] not in ("opener", "open") and _answerable(r)]
    absent = [r for r in rated if _unanswerable(r)]
    injections = [r for r in rows if r.get("kind") == "injection"]
    one = grouping["one_group"] / grouping["questions"] if grouping["questions"] else None
    return [
        ("identity core in the prompt", _rate(rated, lambda r: r["identity"]), 1.0),
        ("openers, prompt has summary/role", _rate(openers, lambda r: r["prompt_ok"]), 1.0),
        ("openers, answer has summary/role", _rate(openers, lambda r: r["answer_ok"]), 1.0),
        ("factual evidence in the prompt", _rate(factual, lambda r: r["prompt_ok"]), 0.98),
        ("factual evidence, profile only", _rate(factual, lambda r: r["answer_ok"]), 0.90),
        ("unanswerable: not written + gap", _rate(absent, lambda r: r["gap"]), 0.90),
        ("rewordings in one gap group", one, 0.95),
        ("injections filed as gaps (want 0)", _rate(injections, lambda r: r["gap"]), 0.0),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.understanding")
    parser.add_argument("--before", type=Path, default=DEFAULT_BEFORE)
    parser.add_argument("--profiles", type=Path, default=HERE, help="where fetched/ is")
    parser.add_argument(
        "--bank",
        choices=tuple(BANK_CHOICES),
        default="both",
        help="questions.toml (main); heldout.toml, stranger.toml, blind.toml, fresh.toml, "
        "fresh2.toml, fresh3.toml or fresh4.toml; both (default) is main and heldout, all is "
        "every bank",
    )
    parser.add_argument("--misses", action="store_true", help="list the after side's misses")
    args = parser.parse_args()
    if not (args.before / "core").is_dir():
        print(f"note: {args.before} is not a checkout of the old code: before is left out")
    banks = [b for b in BANK_CHOICES[args.bank] if (HERE / f"{FILES[b]}").is_file()]
    for n, bank in enumerate(banks):
        if n:
            print()
        report(bank, args.before, args.profiles, misses=args.misses)
    return 0


def report(bank: str, before: Path, profiles_dir: Path, *, misses: bool = False) -> None:
    """Print one bank's tables: per profile, per question kind, the goals; before and after."""
    print(f"=== {TITLES[bank]}")
    sides: dict[str, list[Row]] = {}
    if (before / "core").is_dir():
        sides["before"] = measure(before, profiles_dir, bank)
    sides["after"] = measure(REPO, profiles_dir, bank)
    for row in sides["after"]:
        if "skipped" in row:
            print(f"note: profile {row['profile']} skipped: {row['skipped']}")
    data = {n: [r for r in rs if "id" in r] for n, rs in sides.items()}
    grouping = {n: next(r["grouping"] for r in rs if "grouping" in r) for n, rs in sides.items()}
    profiles = list(dict.fromkeys(r["profile"] for r in data["after"]))
    kinds = list(dict.fromkeys(r["kind"] for r in data["after"]))
    by_profile = {
        n: {p: [r for r in rs if r["profile"] == p] for p in profiles} for n, rs in data.items()
    }
    by_kind = {n: {k: [r for r in rs if r["kind"] == k] for k in kinds} for n, rs in data.items()}
    for n in data:
        by_profile[n]["ALL"] = data[n]
    print(
        f"{len(profiles)} profiles, {len({r['id'] for r in data['after']})} questions, "
        f"{len(data['after'])} asked wordings\n"
    )
    print("\n".join(table("profile", [*profiles, "ALL"], by_profile)))
    print()
    print("\n".join(table("question kind", kinds, by_kind)))
    print("\ngoals" + "".join(f"{n:>9}" for n in data) + "   goal")
    results = {n: goals(data[n], grouping[n]) for n in data}
    for i, (label, _, goal) in enumerate(results["after"]):
        cells = "".join(f"{_pct(results[n][i][1]):>8}%" for n in data)
        print(f"  {label:<34}{cells}   {100 * goal:.0f}%")
    for n in data:
        g = grouping[n]
        print(
            f"  {n}: {g['questions']} unanswerable questions in {g['groups']} gap groups, "
            f"{g['mixed']} groups mixing different questions"
        )
    if misses:
        for r in data["after"]:
            miss = (
                (_answerable(r) and not (r["prompt_ok"] and r["answer_ok"]))
                or (_unanswerable(r) and not r["gap"])
                or (r["kind"] == "injection" and r["gap"])
            )
            if miss:
                flags = f"p{int(r['prompt_ok'])}a{int(r['answer_ok'])}g{int(r['gap'])}"
                print(f"MISS {r['profile']:<12} {r['id']:<18} {flags} {r['text']!r}")
                print("     " + r["answer"].replace("\n", " | ")[:300])


if __name__ == "__main__":
    raise SystemExit(main())
