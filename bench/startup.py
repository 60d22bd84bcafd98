"""Start-up to ready and resident memory of a bot running both adapters (a child process).

`python -m bench.startup CONFIG GROQ_URL SLACK_API_URL DISCORD_API_URL DISCORD_GATEWAY_URL`
builds the twin, starts Slack in HTTP mode and Discord against the given (local fake)
endpoints, and prints `READY <peak RSS in MB>` once Slack listens and Discord is ready; the
parent times the whole thing from spawning the interpreter to that line. Discord's
`guild_ready_timeout` is 0.1 s here: discord.py's default waits 2 s for late GUILD_CREATEs,
a protocol pause rather than our work.
"""

from __future__ import annotations

import asyncio
import resource
import sys


async def run(config_path: str, groq_url: str, slack_url: str, api: str, gateway: str) -> None:
    from bot.discord_app import TwinDiscordClient, use_discord_endpoints
    from bot.slack_app import SlackHttpServer, build_slack_bot
    from core.config import load_config
    from core.factory import build_twin

    env = {
        "GROQ_API_KEY": "bench-key",
        "GROQ_BASE_URL": groq_url,
        "SLACK_BOT_TOKEN": "xoxb-bench",
        "SLACK_SIGNING_SECRET": "bench-secret",
        "SLACK_API_URL": slack_url,
        "DISCORD_TOKEN": sys.argv[6] if len(sys.argv) > 6 else "bench-token",
        "DISCORD_API_URL": api,
        "DISCORD_GATEWAY_URL": gateway,
    }
    config = load_config(config_path)
    twin = await build_twin(config, env)
    bot = build_slack_bot(twin, config, env)
    server = SlackHttpServer(bot.app, "127.0.0.1", 0)
    await server.start()
    use_discord_endpoints(env)
    client = TwinDiscordClient(twin, config, guild_ready_timeout=0.1)
    runner = asyncio.create_task(client.start(env["DISCORD_TOKEN"]))
    await asyncio.wait_for(client.wait_until_ready(), timeout=30)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"READY {rss_mb:.1f}", flush=True)
    await client.close()
    runner.cancel()
    await asyncio.gather(runner, return_exceptions=True)
    await server.stop()
    await bot.close()
    await twin.close()


def main() -> None:
    asyncio.run(run(*sys.argv[1:6]))


if __name__ == "__main__":
    main()
