"""The README's dashboard screenshot: a demo twin's month of work, photographed by the twin's
own `twin dashboard --screenshot`.

    python -m bench.dashboard_demo docs/dashboard.png

A twin on a fresh database answers a month of questions from the fake Groq (an injected clock
walks through the days), with some repeats (cache), questions the profile cannot answer (gaps)
and a model that sometimes refuses (fallback). Then the real command takes the picture.
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from core.clock import FakeClock
from core.config import DEFAULT_NO_ANSWER, load_config
from core.factory import build_twin
from core.types import Question
from tests.fakes.groq_server import FakeGroq, Fault

ROOT = Path(__file__).resolve().parents[1]
DAYS = 30
QUESTIONS = (
    "Where did you study?",
    "What are your strongest skills?",
    "Tell me about a project you are proud of.",
    "What did you do in your last role?",
    "Which certifications do you hold?",
    "How do you approach data pipelines?",
    "What tools do you use every day?",
    "Have you led a team?",
)
GAPS = ("Do you play any sports?", "What's your favourite food?", "Do you have pets?")
CONFIG = """[persona]
profile = "{profile}"
[llm]
check_models_at_start = false
[budget]
daily_tokens = 200000
monthly_usd = 1
[storage]
path = "{db}"
"""


async def fill(config_path: Path, rng: random.Random) -> None:
    now = datetime.now(UTC)
    clock = FakeClock(start=(now - timedelta(days=DAYS - 1)).replace(hour=7, minute=0))
    async with FakeGroq(reply="I studied computer science.") as fake:
        env = {"GROQ_API_KEY": "demo", "GROQ_BASE_URL": fake.base_url}
        twin = await build_twin(load_config(config_path), env, clock=clock, wall=clock.utc)
        try:
            for day in range(DAYS):
                count = rng.randint(18, 34) if day % 7 < 5 else rng.randint(6, 14)
                for n in range(count):
                    if clock.utc() >= now:
                        return
                    fake.usage = (rng.randint(2400, 3600), rng.randint(250, 700))
                    gap = rng.random() < 0.08
                    fake.reply = DEFAULT_NO_ANSWER if gap else "I studied computer science."
                    if rng.random() < 0.05:
                        fake.fail("openai/gpt-oss-20b", Fault.rate_limit(retry_after=30), times=1)
                    text = rng.choice(GAPS if gap else QUESTIONS)
                    if not gap and rng.random() < 0.8:
                        text = f"{text} ({day}-{n})"  # mostly new questions; some repeats
                    user = f"U{rng.randint(1, 40)}"
                    await twin.answer(Question(text, "slack", user, "C1", f"demo:{day}:{n}"))
                    clock.advance(12 * 3600 / count)
                clock.advance(12 * 3600)
        finally:
            await twin.close()


async def main(out: Path) -> int:
    """Fill a demo database, then save the overview's screenshot to `out` (an absolute path)."""
    with tempfile.TemporaryDirectory(prefix="twin-demo-") as tmp:
        work = Path(tmp)
        config = work / "config.toml"
        profile = (ROOT / "profiles" / "example.json").as_posix()
        config.write_text(CONFIG.format(profile=profile, db=(work / "twin.db").as_posix()))
        await fill(config, random.Random(21))
        env = {k: v for k, v in os.environ.items() if not k.startswith("GROQ_")}
        env["TWIN_DASHBOARD_TOKEN"] = "demo-token-for-the-screenshot-only"
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "dashboard", "--config", str(config),
            "--screenshot", str(out), env=env, cwd=ROOT,
        )  # fmt: skip
        return await proc.wait()


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/dashboard.png").resolve()
    sys.exit(asyncio.run(main(target)))
