"""Helpers for tests of the answer without a model: a Markdown profile written in a test's
folder, the twin's profile-only reply to a question, whether that reply is a gap, and for the
case sets, where a case profile is, whether a text holds a case's evidence, and a whole set
asked and checked against its floors."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from core.config import DEFAULT_NO_ANSWER
from core.persona.offline.degraded import Degraded, degraded_reply
from core.persona.profiles.profile import Profile, load_profile
from core.persona.prompt import is_small_talk, retrieval_query
from core.persona.search.recall import recall
from core.persona.search.retrieval import Retriever

REPO = Path(__file__).resolve().parents[2]


def case_profile(file: str) -> Path:
    """A case set's profile path: absolute, or relative to the repository."""
    path = Path(file)
    return path if path.is_absolute() else REPO / path


def holds(text: str, evidence: str | list[str]) -> bool:
    """Every part of `evidence` is in `text`; a part is alternatives split by "|"."""
    low = text.lower()
    parts = [evidence] if isinstance(evidence, str) else evidence
    return all(any(alt.strip() and alt.strip() in low for alt in p.split("|")) for p in parts)


def profile_of(tmp_path: Path, text: str) -> Profile:
    """The profile `text` (Markdown), loaded as the twin loads it."""
    path = tmp_path / "owner.md"
    path.write_text(text, encoding="utf-8")
    return load_profile(path)


def offline_answer(profile: Profile, question: str) -> Degraded:
    """The reply without a model, from what recall gives the question."""
    hits = recall(profile, Retriever(profile.chunks), question, retrieval_query(question, []), k=6)
    chat = is_small_talk(question)
    return degraded_reply(profile, hits, DEFAULT_NO_ANSWER, question=question, small_talk=chat)


def is_gap(reply: Degraded) -> bool:
    """The reply says the question is not written down (and quotes nothing)."""
    return not reply.quoted and DEFAULT_NO_ANSWER in reply.text


@dataclass
class CaseSet:
    """A case set's outcomes: per kind, whether each answered (case, profile, wording) held its
    evidence; whether each case marked "-" was a gap; and the misses of both, readable."""

    kinds: dict[str, list[bool]] = field(default_factory=dict)
    gaps: list[bool] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def check(self, answered_floor: float, unanswered_floor: float) -> None:
        """Print the shares and the misses; fail below either floor."""
        if not self.kinds and not self.gaps:
            pytest.skip("none of the case set's profiles is here")
        every = [ok for oks in self.kinds.values() for ok in oks]
        answered = sum(every) / len(every)
        unanswered = sum(self.gaps) / len(self.gaps) if self.gaps else 1.0
        per_kind = {k: f"{sum(v)}/{len(v)}" for k, v in sorted(self.kinds.items())}
        print(f"\nevidence {sum(every)}/{len(every)} = {answered:.0%} {per_kind}")
        print(f"not written down {sum(self.gaps)}/{len(self.gaps)} = {unanswered:.0%}")
        print("\n".join(self.misses))
        assert answered >= answered_floor, "\n".join(self.misses)
        assert unanswered >= unanswered_floor, "\n".join(self.misses)


def run_cases(cases: dict[str, Any]) -> CaseSet:
    """Ask every wording of every case of a set (`[profiles]` and `[[case]]` with `kind`,
    `wordings` and per-profile `evidence`, "-" for not written down) without a model; profiles
    that are not here (fetched ones) are left out."""
    profiles: dict[str, Profile] = {}
    out = CaseSet()
    for case in cases["case"]:
        for key, evidence in case["evidence"].items():
            spec = cases["profiles"][key]
            path = case_profile(spec["file"])
            if not path.exists():
                continue
            if key not in profiles:
                profiles[key] = load_profile(path, name=spec.get("name", ""))
            for question in case["wordings"]:
                reply = offline_answer(profiles[key], question)
                if evidence == "-":
                    ok = is_gap(reply)
                    out.gaps.append(ok)
                else:
                    ok = holds(reply.text, evidence)
                    out.kinds.setdefault(case["kind"], []).append(ok)
                if not ok:
                    want = "gap" if evidence == "-" else evidence
                    said = reply.text[:200]
                    out.misses.append(f"{key}/{case['id']} {question!r} want {want} -> {said!r}")
    return out
