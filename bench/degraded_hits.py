"""`python -m bench.degraded_hits [-v] [--json]`: how often the answer given without a model
quotes the evidence a factual question asks for, and how long those answers are.

The profiles under bench/degraded/profiles/ are written for this benchmark in layouts owners
publish (digitaltwin.json with and without `content_chunks`, JSON Resume, Markdown résumés);
bench/degraded/questions.json lists each question with the strings a good answer must quote.
Each question goes through the twin's own path: `retrieval_query`, `recall` (retrieval with the
default `context_chunks`, plus the chunks that answer by kind), then `degraded_answer`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

from core.config import DEFAULT_NO_ANSWER, PersonaConfig
from core.persona.profiles.profile import load_profile
from core.persona.prompt import degraded_answer, retrieval_query
from core.persona.search.recall import recall
from core.persona.search.retrieval import Retriever

DATA = Path(__file__).with_name("degraded")
GOAL_HIT_RATE = 0.85
GOAL_MEDIAN_CHARS = 700


@dataclass(frozen=True)
class Result:
    profile: str
    question: str
    kind: str
    answer: str
    missing: tuple[str, ...]

    @property
    def hit(self) -> bool:
        return not self.missing


def _norm(text: str) -> str:
    for dash in "–—‑":
        text = text.replace(dash, "-")
    return " ".join(text.casefold().split())


def run(data: Path = DATA) -> list[Result]:
    """Answer every benchmark question without a model."""
    cases = json.loads((data / "questions.json").read_text(encoding="utf-8"))
    k = PersonaConfig(profile=Path()).context_chunks
    results: list[Result] = []
    for name, questions in cases.items():
        if name.startswith("_"):
            continue
        profile = load_profile(data / "profiles" / name)
        retriever = Retriever(profile.chunks)
        for case in questions:
            question = case["q"]
            query = retrieval_query(question, ())
            hits = recall(profile, retriever, question, query, k=k)
            answer = degraded_answer(profile, hits, DEFAULT_NO_ANSWER, question=question)
            said = _norm(answer)
            missing = tuple(e for e in case["expect"] if _norm(e) not in said)
            results.append(Result(name, question, case.get("kind", "fact"), answer, missing))
    return results


def summary(results: list[Result]) -> dict[str, object]:
    """Hit rate overall and per kind of question, and answer lengths."""
    lengths = [len(r.answer) for r in results]
    kinds = sorted({r.kind for r in results})
    return {
        "questions": len(results),
        "hits": sum(r.hit for r in results),
        "hit_rate": round(sum(r.hit for r in results) / max(1, len(results)), 3),
        "median_chars": statistics.median(lengths) if lengths else 0,
        "max_chars": max(lengths, default=0),
        "by_kind": {
            kind: f"{sum(r.hit for r in results if r.kind == kind)}/"
            f"{sum(1 for r in results if r.kind == kind)}"
            for kind in kinds
        },
    }


def main(argv: list[str] | None = None) -> int:
    """Print the hit rate and median length; -v shows every miss with its answer."""
    parser = argparse.ArgumentParser(prog="python -m bench.degraded_hits")
    parser.add_argument("-v", "--verbose", action="store_true", help="show each miss")
    parser.add_argument("--all", action="store_true", help="show every answer")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument(
        "--data", type=Path, default=DATA, help="a folder with profiles/ and questions.json"
    )
    args = parser.parse_args(argv)
    results = run(args.data)
    totals = summary(results)
    if args.json:
        print(json.dumps(totals))
        return 0
    for r in results:
        if args.all or (args.verbose and not r.hit):
            mark = "hit " if r.hit else "MISS"
            print(f"[{mark}] {r.profile}: {r.question}  missing={list(r.missing)}")
            print("   " + r.answer.replace("\n", "\n   "))
    rate = float(str(totals["hit_rate"]))
    median = float(str(totals["median_chars"]))
    print(
        f"degraded answers: {totals['hits']}/{totals['questions']} questions answered with their"
        f" evidence ({rate:.0%}, goal {GOAL_HIT_RATE:.0%}); median {median:.0f} characters"
        f" (goal < {GOAL_MEDIAN_CHARS}), longest {totals['max_chars']}"
    )
    kinds = totals["by_kind"]
    assert isinstance(kinds, dict)
    print("by kind: " + ", ".join(f"{k} {v}" for k, v in kinds.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
