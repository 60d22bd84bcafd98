"""CPU work per answer as instructions counted by valgrind: a figure the machine's load does not
move (the wall-time benches on a shared VM move by tens of percent from run to run).

    python -m bench.instructions [--small 20] [--large 220] [--postgres] [--down]

Starts the fake Groq in its own process, then runs, under `valgrind --tool=callgrind`, a child
that answers SMALL and then LARGE fresh questions with the twin (`twin.answer`, the bench's
config, a new SQLite file: every thread of the process is counted, SQLite's too), and a child
that makes as many bare `AsyncGroq` calls with the twin's request. Instructions per answer =
(instructions for LARGE - for SMALL) / (LARGE - SMALL), so start-up and imports cancel out.
Needs valgrind (Debian's `valgrind` package); it runs each child about 50 times slower.
Instructions are not time: the waits (the model call, SQLite's thread hand-overs) count for
nothing here, so read it beside `python -m bench` and `bench.breakdown`. With `--postgres` the
twin's store is a throwaway PostgreSQL on loopback (`tests.pg`, as `bench.pg_statements`): the
twin's process is counted, the server's is not. With `--down` the first model answers 503 to
every call (the twin's breaker opens and the second model answers) and the bare call goes to the
second model.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.workload import (
    API_KEY,
    FIRST,
    REPO,
    SECOND,
    Questions,
    bench_messages,
    request_fields,
    twin_env,
    write_config,
)

_COLLECTED = re.compile(r"Collected : (\d+)")
_DOWN = "TWIN_BENCH_FIRST_DOWN"  # set in the children when the first model is down


async def _answer(contender: str, count: int, groq_url: str) -> None:
    """The child: `count` twin answers (every one from the model, none held) or bare calls."""
    import groq

    from core.config import load_config
    from core.factory import build_twin

    with tempfile.TemporaryDirectory(prefix="twin-bench-") as tmp:
        config = write_config(Path(tmp))
        if contender == "twin":
            env = twin_env(groq_url)
            if database_url := os.environ.get("TWIN_BENCH_DATABASE_URL"):
                env["TWIN_DATABASE_URL"] = database_url
            twin = await build_twin(load_config(config), env)
            questions = Questions("instructions")
            try:
                for _ in range(count):
                    answer = await twin.answer(questions.next())
                    if answer.model is None or answer.degraded or answer.held_claims:
                        raise SystemExit(f"not an answer from the model: {answer}")
                    if _DOWN in os.environ and answer.model != SECOND:
                        raise SystemExit(f"not an answer from the second model: {answer}")
            finally:
                await twin.close()
        else:
            client = groq.AsyncGroq(api_key=API_KEY, base_url=groq_url, max_retries=0)
            model = SECOND if _DOWN in os.environ else FIRST
            fields = request_fields(model, bench_messages(config))
            try:
                for _ in range(count):
                    await client.chat.completions.create(**fields)
            finally:
                await client.close()


def count(contender: str, answers: int, groq_url: str) -> int:
    """Instructions of a whole child process making `answers` answers (or calls)."""
    with tempfile.TemporaryDirectory(prefix="twin-callgrind-") as tmp:
        done = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={Path(tmp) / 'out'}",
                sys.executable,
                "-m",
                "bench.instructions",
                "--child",
                contender,
                str(answers),
                groq_url,
            ],
            capture_output=True,
            text=True,
            cwd=REPO,
            env={**os.environ, "PYTHONHASHSEED": "0"},  # the same dict layouts every run
            timeout=1800,
            check=False,
        )
    found = _COLLECTED.search(done.stderr)
    if done.returncode != 0 or found is None:
        raise RuntimeError(f"{contender} under valgrind failed: {done.stderr.strip()[-600:]}")
    return int(found.group(1))


async def measure(
    small: int, large: int, postgres: bool = False, down: bool = False
) -> dict[str, float]:
    """Instructions per answer: the twin's, a bare call's, and the twin's extra."""
    from bench.fake_proc import FakeGroqProcess

    if down:
        os.environ[_DOWN] = "1"
    if postgres:
        return await _on_postgres(small, large)
    async with FakeGroqProcess() as fake:
        if down:
            await fake.fail(FIRST, 503)
        per: dict[str, float] = {}
        for contender in ("twin", "bare"):
            low = await asyncio.to_thread(count, contender, small, fake.base_url)
            high = await asyncio.to_thread(count, contender, large, fake.base_url)
            per[contender] = (high - low) / (large - small)
    per["extra"] = per["twin"] - per["bare"]
    return per


async def _on_postgres(small: int, large: int) -> dict[str, float]:
    """`measure` with the twin's store on a throwaway PostgreSQL (a new database per child)."""
    from tests.pg import PgServer, PgTarget, find_binaries

    bindir, reason = find_binaries()
    if bindir is None:
        raise SystemExit(reason)
    server = await asyncio.to_thread(PgServer.create, bindir)
    try:
        target = PgTarget(server.url("postgres"))
        counts = []
        for answers in (small, large):
            os.environ["TWIN_BENCH_DATABASE_URL"] = await target.new_database()
            counts.append(await _count_with_fake("twin", answers))
        os.environ.pop("TWIN_BENCH_DATABASE_URL")
        bare = [await _count_with_fake("bare", n) for n in (small, large)]
    finally:
        await asyncio.to_thread(server.destroy)
    per = {
        "twin": (counts[1] - counts[0]) / (large - small),
        "bare": (bare[1] - bare[0]) / (large - small),
    }
    return {**per, "extra": per["twin"] - per["bare"]}


async def _count_with_fake(contender: str, answers: int) -> int:
    from bench.fake_proc import FakeGroqProcess

    async with FakeGroqProcess() as fake:
        if _DOWN in os.environ:
            await fake.fail(FIRST, 503)
        return await asyncio.to_thread(count, contender, answers, fake.base_url)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.instructions")
    parser.add_argument("--small", type=int, default=20)
    parser.add_argument("--large", type=int, default=220)
    parser.add_argument("--postgres", action="store_true", help="the store on PostgreSQL")
    parser.add_argument("--down", action="store_true", help="the first model answers 503")
    parser.add_argument("--child", nargs=3, metavar=("CONTENDER", "N", "URL"), help="internal")
    args = parser.parse_args()
    if args.child is not None:
        contender, n, url = args.child
        asyncio.run(_answer(contender, int(n), url))
        return
    if shutil.which("valgrind") is None:
        print("bench.instructions needs valgrind (apt-get install valgrind)", file=sys.stderr)
        raise SystemExit(2)
    per = asyncio.run(measure(args.small, args.large, args.postgres, args.down))
    store = ", store on PostgreSQL (its server not counted)" if args.postgres else ""
    store += ", first model down" if args.down else ""
    print(f"instructions per answer ({args.large} - {args.small} answers, callgrind{store})")
    print(f"  bare AsyncGroq call      {per['bare'] / 1e6:8.2f} M")
    print(f"  twin.answer              {per['twin'] / 1e6:8.2f} M")
    share = 100 * per["extra"] / per["bare"]
    print(f"  twin extra               {per['extra'] / 1e6:+8.2f} M   ({share:.0f}% of bare)")


if __name__ == "__main__":
    main()
