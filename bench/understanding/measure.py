"""One side of the understanding bench: run the bank over the profiles with the `core` of one
checkout (`--root`, default this one) and print one JSON row per wording.

Run by `python -m bench.understanding` once for this tree and once for the code before the
issue (a second worktree), so both sides are measured by the same harness. Only public entry
points are used (load_profile, Retriever, retrieval_query, build_messages, degraded_reply,
is_small_talk, PrivateTopics, and the gap grouping's question_terms / similar_terms); what
exists only after the issue (the injection check) is used when present.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
NO_ANSWER = (
    "That isn't something I've written down yet - ask me about my work, projects or studies."
)
CONTEXT_CHUNKS = 6  # [persona] context_chunks default


def _optional(module: str, name: str, fallback: Any) -> Any:
    """`module.name` where the measured code has it (after issue 26), else `fallback`."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return fallback


def _wordings(q: dict[str, Any], fields: dict[str, str]) -> list[str]:
    out = []
    for w in q["wordings"]:
        try:
            out.append(w.format(**fields))
        except KeyError:
            continue  # the profile has no value for the placeholder
    return out


def _has(text: str, evidence: str) -> bool:
    low = text.lower()
    return any(alt.strip() and alt.strip() in low for alt in evidence.split("|"))


BANKS = {
    "main": ("questions.toml", "annotations.toml"),
    "heldout": ("heldout.toml", "heldout_annotations.toml"),
    "stranger": ("stranger.toml", "stranger_annotations.toml"),
    "blind": ("blind.toml", ""),  # unanswerable questions and injections only: no evidence
    "fresh": ("fresh.toml", "fresh_annotations.toml"),  # written blind, evidence added after
    "fresh2": ("fresh2.toml", "fresh2_annotations.toml"),  # a second blind bank, two more profiles
    "fresh3": ("fresh3.toml", "fresh3_annotations.toml"),  # a third blind bank, two more profiles
    "fresh4": ("fresh4.toml", "fresh4_annotations.toml"),  # a fourth blind bank, two more profiles
}


def _bank(name: str) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """A bank's questions and its per-profile annotations. A further bank's annotations (the
    held-out and the stranger's) hold evidence, and may add placeholder values: each profile's
    file and placeholder values are read from annotations.toml."""
    questions, annotations = BANKS[name]
    notes = tomllib.loads((HERE / "annotations.toml").read_text())
    bank = tomllib.loads((HERE / questions).read_text())["q"]
    if name == "main":
        return bank, notes
    held = tomllib.loads((HERE / annotations).read_text()) if annotations else {}
    merged = {
        key: {**{k: v for k, v in spec.items() if k != "evidence"}, **held.get(key, {})}
        for key, spec in notes.items()
    }
    for key, spec in merged.items():
        spec.setdefault("evidence", {})
        main = notes[key]["evidence"]  # the identity core is checked against the main notes
        spec["identity"] = main.get("about", "") + "|" + main.get("current_role", "")
    # A profile only this bank reads names its own file, placeholders and identity phrases.
    for key, spec in held.items():
        if key not in merged and isinstance(spec, dict) and "file" in spec:
            merged[key] = {"evidence": {}, **spec}
    return bank, merged


def run(root: Path, profiles_dir: Path, bank_name: str = "main") -> list[dict[str, Any]]:
    sys.path.insert(0, str(root))
    from core.persona.prompt import build_messages, degraded_reply, is_small_talk, retrieval_query
    from core.privacy.private_topics import PrivateTopics

    # persona's modules by concept package (seventh round), else flat (the code before it)
    load_profile = _optional("core.persona.profiles.profile", "load_profile", None) or _optional(
        "core.persona.profile", "load_profile", None
    )
    retriever_type = _optional("core.persona.search.retrieval", "Retriever", None) or _optional(
        "core.persona.retrieval", "Retriever", None
    )
    is_injection: Callable[[str], bool] = _optional(
        "core.persona.attacks.injection",
        "is_injection",
        _optional(
            "core.persona.injection",
            "is_injection",
            _optional("core.persona.understanding", "is_injection", lambda text: False),
        ),
    )
    recall: Callable[..., Any] = _optional(
        "core.persona.search.recall",
        "recall",
        _optional(
            "core.persona.recall",
            "recall",
            lambda profile, retriever, question, query, *, k: retriever.search(query, k=k),
        ),
    )

    bank, notes = _bank(bank_name)
    private = PrivateTopics()
    rows: list[dict[str, Any]] = []
    for key, spec in notes.items():
        path = (
            (profiles_dir / spec["file"])
            if spec["file"].startswith("fetched/")
            else (REPO / spec["file"])
        )
        if not path.exists():
            rows.append({"profile": key, "skipped": f"{path} not found"})
            continue
        try:
            profile = load_profile(path)
        except Exception:  # a ProfileError: do what it asks ([persona] name = "...")
            profile = load_profile(path, name=spec.get("full_name", ""))
        retriever = retriever_type(profile.chunks)
        fields = {k: v for k, v in spec.items() if isinstance(v, str) and k != "identity"}
        evidence: dict[str, str] = spec["evidence"]
        about = spec.get("identity") or (
            evidence.get("about", "") + "|" + evidence.get("current_role", "")
        )
        for q in bank:
            for n, text in enumerate(_wordings(q, fields)):
                query = retrieval_query(text, [])
                hits = recall(profile, retriever, text, query, k=CONTEXT_CHUNKS)
                messages = build_messages(profile, hits, [], text, no_answer=NO_ANSWER)
                prompt = "\n".join(m.content for m in messages[:-1])
                chat = is_small_talk(text)
                reply = degraded_reply(profile, hits, NO_ANSWER, question=text, small_talk=chat)
                injection = is_injection(text)
                declined = private.match(text) is not None
                ev = evidence.get(q["id"], "")
                rows.append(
                    {
                        "profile": key,
                        "id": q["id"],
                        "kind": q["kind"],
                        "n": n,
                        "text": text,
                        "evidence": ev,
                        "declined": declined,
                        "identity": _has(messages[0].content, about),
                        "prompt_ok": bool(ev) and _has(prompt, ev),
                        "answer_ok": bool(ev) and _has(reply.text, ev),
                        "no_answer": not reply.quoted and not chat,
                        "gap": not reply.quoted and not chat and not injection and not declined,
                        "answer_chars": len(reply.text),
                        "answer": reply.text,
                    }
                )
    rows.append({"grouping": _grouping(bank, root)})
    return rows


def _grouping(bank: list[dict[str, Any]], root: Path) -> dict[str, Any]:
    """Rewordings of one unanswered question filed as the owner desk files them (each into the
    first open group it is like, else a new one), wordings arriving interleaved."""
    # The measured checkout's own grouping: core/owner/gaps.py now, core/insight/gaps.py before
    # the owner desk moved it (importing the new name there would load this tree's module).
    owner = (root / "core" / "owner" / "gaps.py").exists()
    module = "core.owner.gaps" if owner else "core.insight.gaps"
    gaps = importlib.import_module(module)
    question_terms, similar_terms = gaps.question_terms, gaps.similar_terms

    absent = [q for q in bank if q["kind"] == "absent"]
    groups: list[tuple[Any, set[str]]] = []
    placed: dict[str, set[int]] = {}
    for n in range(3):
        for q in absent:
            if n >= len(q["wordings"]):
                continue
            terms = question_terms(q["wordings"][n])
            for i, (known, ids) in enumerate(groups):
                if similar_terms(terms, known):
                    ids.add(q["id"])
                    placed.setdefault(q["id"], set()).add(i)
                    break
            else:
                groups.append((terms, {q["id"]}))
                placed.setdefault(q["id"], set()).add(len(groups) - 1)
    together = sum(1 for ids in placed.values() if len(ids) == 1)
    mixed = sum(1 for _, ids in groups if len(ids) > 1)
    return {"questions": len(placed), "one_group": together, "groups": len(groups), "mixed": mixed}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, default=REPO)
    parser.add_argument("--profiles", type=Path, default=HERE)
    parser.add_argument("--bank", choices=tuple(BANKS), default="main")
    args = parser.parse_args()
    for row in run(args.root.resolve(), args.profiles.resolve(), args.bank):
        print(json.dumps(row))


if __name__ == "__main__":
    main()
