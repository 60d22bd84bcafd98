"""`python -m bench.grounding [--answers N] [--show]`: grounding on answers built from public
profiles (../shared/corpus/profiles/*.json beside the repository, skipped with a note when
absent) and the shipped profiles/example.*.

For each profile: grounded answers (its own fact sentences, rephrased as models rephrase:
bench/grounding/answers.py) and the same answers with one to three invented claims added
(bench/grounding/invented.py). Each answer streams through the twin's gate in small deltas.
Prints, for the tuning part and the held-out part (other profiles, other invented names and
templates, other seeds; never looked at while tuning):

  invented claims reaching the member   goal < 5%
  supported sentences held back         goal < 2%
  time the check adds per answer / per sentence, beside a bare AsyncGroq call to the fake
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

import groq

from bench.grounding.answers import fact_sentences, rephrase
from bench.grounding.invented import HELD_OUT, TUNING, Invented, Pool, invent
from core.grounding.check import Checker, evidence_of
from core.grounding.stream import GroundedStream
from core.persona.profiles.profile import Profile, load_profile
from core.persona.prompt import system_prompt
from tests.fakes.groq_server import FakeGroq

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "profiles"
QUESTION = "<question>\nTell me about your background.\n</question>"
NO_ANSWER = "That isn't something I've written down yet."
# profiles never used while tuning (by file name)
HELD_OUT_PROFILES = ("douglas.json", "tsaichun.json")


@dataclass
class Tally:
    invented: int = 0
    reached: int = 0
    supported: int = 0
    held_wrongly: int = 0
    answers: int = 0
    sentences: int = 0
    seconds: list[float] = field(default_factory=list)
    per_sentence: list[float] = field(default_factory=list)
    examples_reached: list[str] = field(default_factory=list)
    examples_held: list[str] = field(default_factory=list)


def profiles() -> tuple[list[Path], str]:
    paths = sorted((ROOT / "profiles").glob("example.*"))
    if CORPUS.is_dir():
        return paths + sorted(CORPUS.glob("*.json")), ""
    return paths, f"skipped the public profiles: {CORPUS} is absent"


async def _deltas(gate: GroundedStream, text: str, rng: random.Random) -> None:
    at = 0
    while at < len(text):
        step = rng.randint(3, 24)
        await gate.feed(text[at : at + step])
        at += step
    await gate.finish()


async def run_answer(
    given: list[str], name: str, parts: list[str], invented: list[Invented], tally: Tally
) -> None:
    shown: list[str] = []

    async def sink(text: str) -> None:
        shown.append(text)

    rng = random.Random(len(tally.seconds))
    text = " ".join(parts)
    started = time.perf_counter()
    gate = GroundedStream(Checker(given, name), sink)
    await _deltas(gate, text, rng)
    tally.seconds.append(time.perf_counter() - started)
    released = "".join(shown)
    tally.answers += 1
    tally.sentences += len(gate.released) + len(gate.held)
    tally.per_sentence.append(tally.seconds[-1] / max(1, len(gate.released) + len(gate.held)))
    made_up = {i.sentence for i in invented}
    for part in parts:
        if part in made_up:
            continue
        tally.supported += 1
        if part.strip() not in released:
            tally.held_wrongly += 1
            why = [v for v in gate.held if v.sentence.strip() == part.strip()]
            terms = [c.text for v in why for c in v.unsupported]
            tally.examples_held.append(f"{part}  <- {terms}")
    for item in invented:
        tally.invented += len(item.claims)
        if item.sentence.strip() in released:
            tally.reached += len(item.claims)
            tally.examples_reached.append(item.sentence)


async def bench_profile(path: Path, pool: Pool, seed: int, answers: int, tally: Tally) -> None:
    profile: Profile = load_profile(path)
    given = [system_prompt(profile, profile.chunks, NO_ANSWER), QUESTION]
    facts = fact_sentences([c.text for c in profile.chunks])
    if not facts:
        return
    rng = random.Random(seed)
    folded = given[0].lower()
    for _ in range(answers):
        parts = [rephrase(rng.choice(facts), rng) for _ in range(rng.randint(2, 4))]
        await run_answer(given, profile.name, parts, [], tally)
        invented = [invent(pool, rng, folded) for _ in range(rng.randint(1, 3))]
        mixed = list(parts)
        for item in invented:
            mixed.insert(rng.randint(0, len(mixed)), item.sentence)
        await run_answer(given, profile.name, mixed, invented, tally)


async def bare_call_ms(n: int = 40) -> float:
    """Median of a bare AsyncGroq streamed call to the fake, in process (the call the check
    rides on)."""
    async with FakeGroq(reply="I'm a data engineer in Leeds. I studied at Sheffield.") as fake:
        client = groq.AsyncGroq(base_url=fake.base_url, api_key="bench", max_retries=0)
        times = []
        for _ in range(n):
            started = time.perf_counter()
            stream = await client.chat.completions.create(
                model="openai/gpt-oss-20b",
                messages=[{"role": "user", "content": "hi"}],
                stream=True,
            )
            async for _chunk in stream:
                pass
            times.append(time.perf_counter() - started)
        await client.close()
    return statistics.median(times) * 1000


def _pct(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:5.2f}%" if whole else "   -  "


def report(name: str, t: Tally) -> list[str]:
    per_answer = statistics.median(t.seconds) * 1000 if t.seconds else 0.0
    per_sentence = statistics.median(t.per_sentence) * 1000 if t.per_sentence else 0.0
    return [
        f"{name:9} answers {t.answers:5}  invented claims {t.invented:5}  reached "
        f"{t.reached:4} = {_pct(t.reached, t.invented)} (goal < 5%)",
        f"{'':9} supported sentences {t.supported:5}  held back {t.held_wrongly:4} = "
        f"{_pct(t.held_wrongly, t.supported)} (goal < 2%)",
        f"{'':9} check time: median {per_answer:.3f} ms per answer, median "
        f"{per_sentence:.3f} ms per sentence (goal < 1 ms per answer)",
    ]


async def main(answers: int, show: bool, show_held_out: bool) -> None:
    paths, note = profiles()
    tuning, held = Tally(), Tally()
    for i, path in enumerate(paths):
        out = path.name in HELD_OUT_PROFILES
        tally = held if out else tuning
        await bench_profile(path, HELD_OUT if out else TUNING, 1000 + 17 * i, answers, tally)
        # every profile also meets the other pool's names, with another seed
        other_tally = held if not out else tuning
        if not out:
            await bench_profile(path, HELD_OUT, 5000 + 31 * i, answers // 2, other_tally)
    cold = []
    for path in paths:
        profile = load_profile(path)
        text = system_prompt(profile, profile.chunks, NO_ANSWER) + " "
        started = time.perf_counter()
        evidence_of(text)
        cold.append((time.perf_counter() - started) * 1000)
    bare = await bare_call_ms()
    print(f"profiles: {', '.join(p.name for p in paths)}")
    if note:
        print(note)
    print(*report("tuning", tuning), sep="\n")
    print(*report("held-out", held), sep="\n")
    print(
        f"bare AsyncGroq streamed call to the fake (in process): median {bare:.2f} ms; reading a "
        f"profile once (cached per prompt text): median {statistics.median(cold):.2f} ms"
    )
    for label, tally, wanted in (("tuning", tuning, show), ("held-out", held, show_held_out)):
        if wanted:
            print(f"\n{label}: invented sentences that reached the member")
            print(*(f"  {s}" for s in tally.examples_reached[:40]), sep="\n")
            print(f"\n{label}: supported sentences held back")
            print(*(f"  {s}" for s in tally.examples_held[:60]), sep="\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.grounding")
    parser.add_argument("--answers", type=int, default=60, help="answers per profile (x2)")
    parser.add_argument("--show", action="store_true", help="print the tuning part's misses")
    parser.add_argument("--show-held-out", action="store_true", help="(not while tuning)")
    args = parser.parse_args()
    asyncio.run(main(args.answers, args.show, args.show_held_out))
