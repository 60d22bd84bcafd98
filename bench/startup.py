"""Start-up to ready and resident memory of a bot running both adapters (a child process).

    python -m bench.startup CONFIG GROQ_URL SLACK_API_URL DISCORD_API_URL DISCORD_GATEWAY_URL
        TOKEN [--guild-ready-timeout S] [--answers N]

Builds the twin, starts Slack in HTTP mode and Discord against the given (local fake)
endpoints, and prints `READY <peak RSS in MB>` once Slack listens and Discord is ready; the
parent times the whole thing from spawning the interpreter to that line. Then it answers N
questions (fresh conversations, through `twin.answer`) and prints `LOADED <peak RSS in MB>`.

Discord's `guild_ready_timeout` defaults to 0.1 s here: discord.py fires on_ready only after
waiting that long past the last GUILD_CREATE (2 s by default, which production keeps), a
protocol pause rather than our work. The parent also times one start with 2 s to show it.
"""

from __future__ import annotations

import argparse
import asyncio
import resource


def peak_rss_mb() -> float:
    """Peak resident set size of this process (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def run(args: argparse.Namespace) -> None:
    from bench.workload import Questions
    from bot.discord.client import TwinDiscordClient
    from bot.discord.serve import use_discord_endpoints
    from bot.slack.app import build_slack_bot
    from bot.slack.serve import SlackHttpServer
    from core.config import load_config
    from core.factory import build_twin

    env = {
        "GROQ_API_KEY": "bench-key",
        "GROQ_BASE_URL": args.groq_url,
        "SLACK_BOT_TOKEN": "xoxb-bench",
        "SLACK_SIGNING_SECRET": "bench-secret",
        "SLACK_API_URL": args.slack_url,
        "DISCORD_TOKEN": args.token,
        "DISCORD_API_URL": args.api_url,
        "DISCORD_GATEWAY_URL": args.gateway_url,
    }
    config = load_config(args.config)
    twin = await build_twin(config, env)
    bot = build_slack_bot(twin, config, env)
    server = SlackHttpServer(bot.app, "127.0.0.1", 0)
    await server.start()
    use_discord_endpoints(env)
    client = TwinDiscordClient(twin, config, guild_ready_timeout=args.guild_ready_timeout)
    runner = asyncio.create_task(client.start(env["DISCORD_TOKEN"]))
    try:
        await asyncio.wait_for(client.wait_until_ready(), timeout=30)
        print(f"READY {peak_rss_mb():.1f}", flush=True)
        questions = Questions("startup")
        for _ in range(args.answers):
            await twin.answer(questions.next())
        print(f"LOADED {peak_rss_mb():.1f}", flush=True)
    finally:
        await client.close()
        runner.cancel()
        await asyncio.gather(runner, return_exceptions=True)
        await server.stop()
        await bot.close()
        await twin.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("config", "groq_url", "slack_url", "api_url", "gateway_url", "token"):
        parser.add_argument(name)
    parser.add_argument("--guild-ready-timeout", type=float, default=0.1)
    parser.add_argument("--answers", type=int, default=0)
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
