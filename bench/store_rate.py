"""Usage rows the store commits per second with many concurrent writers."""

from __future__ import annotations

import asyncio
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from core.models.usage import Attempt, CallContext
from core.store.sqlite import SqliteStore as Store


async def measure(writers: int = 64, per_writer: int = 50) -> dict[str, float]:
    """Rows per second, each `record_attempt` committed before it returns."""
    with tempfile.TemporaryDirectory(prefix="twin-bench-") as tmp:
        store = await Store.open(Path(tmp) / "rate.db")
        at = datetime.now(UTC)

        async def writer(w: int) -> None:
            ctx = CallContext(request_id=f"r{w}", platform="bench", user_id=f"u{w}")
            for _ in range(per_writer):
                await store.record_attempt(
                    Attempt(at, ctx, "openai/gpt-oss-20b", 600, 40, 0.0001, 2.0, "ok")
                )

        started = time.perf_counter()
        await asyncio.gather(*(writer(w) for w in range(writers)))
        seconds = time.perf_counter() - started
        rows = (await store.fetch("SELECT COUNT(*) FROM usage"))[0][0]
        await store.close()
    return {"rows": float(rows), "seconds": seconds, "rows_per_s": rows / seconds}


if __name__ == "__main__":
    print(asyncio.run(measure()))
