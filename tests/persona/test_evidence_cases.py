"""The profile-only answer holds the evidence for factual questions written before the code was
read (`evidence_cases.toml`, issue 26): a rate over three profiles of different layouts, and the
misses printed, so a change that loses answers shows which."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from core.persona.profiles.profile import load_profile
from tests.persona.offline import case_profile, holds

from .offline import offline_answer

CASES = tomllib.loads((Path(__file__).parent / "evidence_cases.toml").read_text(encoding="utf-8"))

# The share of (case, profile) pairs answered with their evidence. First run, before this
# branch's changes: 62% (104 of 167); after them 86% (143 of 167).
FLOOR = 0.84


def _path(spec: dict[str, Any]) -> Path:
    return case_profile(spec["file"])


def answered() -> tuple[list[str], list[str], dict[str, list[bool]]]:
    """The cases answered with their evidence, the misses, and the outcomes per kind."""
    hits: list[str] = []
    misses: list[str] = []
    kinds: dict[str, list[bool]] = {}
    for key, spec in CASES["profiles"].items():
        path = _path(spec)
        if not path.exists():
            continue
        profile = load_profile(path)
        fields = {k: v for k, v in spec.items() if k != "file"}
        for case in CASES["case"]:
            evidence = case["evidence"].get(key)
            if evidence is None:
                continue
            question = case["question"].format(**fields)
            reply = offline_answer(profile, question)
            ok = holds(reply.text, evidence)
            kinds.setdefault(case["kind"], []).append(ok)
            label = f"{key}/{case['id']}: {question!r}"
            (hits if ok else misses).append(label if ok else f"{label} -> {reply.text[:160]!r}")
    return hits, misses, kinds


def test_the_case_set_is_answered_from_the_profile() -> None:
    if not _path(CASES["profiles"]["maya"]).exists():
        pytest.skip("profiles/example.json missing")
    hits, misses, kinds = answered()
    rate = len(hits) / (len(hits) + len(misses))
    per_kind = {k: f"{sum(v)}/{len(v)}" for k, v in sorted(kinds.items())}
    print(f"\nevidence {len(hits)}/{len(hits) + len(misses)} = {rate:.0%} {per_kind}")
    print("\n".join(misses))
    assert rate >= FLOOR, "\n".join(misses)
