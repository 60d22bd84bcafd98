"""The `twin` command: run, chat, ask, health, usage, gaps, dashboard, privacy, forget, import."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import json
import logging
import os
import sys
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from bot.cli import importer, privacy
from bot.cli.ask_many import ask_many
from bot.cli.db import add_db_commands, run_db
from bot.cli.gaps import decide, usage_problem
from bot.cli.render_text import (
    gaps_text,
    health_text,
    to_json,
    usage_text,
)
from bot.cli.terminal import chat
from bot.common import SetupError
from core.config import Config, ConfigError, load_config
from core.factory import build_twin
from core.persona.profiles.profile import ProfileError
from core.privacy.withheld import summary
from core.store.records import StoreError
from core.twin import Twin

log = logging.getLogger("twin")

EXIT_SETUP = 2  # the config, profile or database is wrong: the message says which file
# Commands that keep serving (and keep conversations in memory while they run): other processes
# count them as a twin sharing the database. A short `twin ask` or a report is never counted.
SERVING = frozenset({"run", "dashboard", "chat"})


def version() -> str:
    """The installed twin's version (the source tree's when it is not installed)."""
    try:
        return metadata.version("twin")
    except metadata.PackageNotFoundError:
        return "unknown"


def _global_options(parser: argparse.ArgumentParser, config: Any, verbose: Any) -> None:
    """--config and -v, with their defaults."""
    where = "config file (default: $TWIN_CONFIG, else ./config.toml)"
    parser.add_argument("--config", metavar="PATH", default=config, help=where)
    parser.add_argument("-v", "--verbose", action="store_true", default=verbose, help="log more")


def _parser() -> argparse.ArgumentParser:
    # --config and -v are read before the subcommand and after it; SUPPRESS keeps a subcommand
    # that was not given them from resetting what came before.
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, argparse.SUPPRESS, argparse.SUPPRESS)
    parser = argparse.ArgumentParser(
        prog="twin",
        description="A digital twin that answers as you, from your profile.",
        epilog="--config PATH and -v work before or after the command.",
    )
    parser.add_argument("--version", action="version", version=f"twin {version()}")
    _global_options(parser, None, False)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    command = functools.partial(sub.add_parser, parents=[common])  # each takes --config and -v
    command("run", help="start every platform whose tokens are set (else the terminal chat)")
    chat_p = command(
        "chat", help="chat with the twin in the terminal (/help, /new, /sources, /quit)"
    )
    chat_p.add_argument("--new", action="store_true", help="start a fresh conversation")
    ask = command("ask", help="ask one question, or a file of them")
    ask.add_argument("question", nargs="?", help="the question")
    ask.add_argument(
        "--questions",
        metavar="FILE",
        help="one question per line (# starts a comment) or a JSON list; - reads stdin",
    )
    ask.add_argument(
        "--concurrency", type=int, default=4, metavar="N", help="questions in flight (default 4)"
    )
    ask.add_argument("--json", action="store_true", help="print JSON (one object per line)")
    for name, what in (
        ("health", "each model's health and breaker state"),
        ("usage", "tokens, cost and budget: today, this month, per model"),
        ("gaps", "questions the profile could not answer; answer, keep private or ignore one"),
    ):
        p = command(name, help=what)
        p.add_argument("--json", action="store_true", help="print JSON")
        if name == "gaps":
            p.add_argument("action", nargs="?", help="answer | private | ignore")
            p.add_argument("id", nargs="?", help="the group ID `twin gaps` shows")
            p.add_argument("text", nargs="?", help="the answer (for answer)")
    add_db_commands(sub, common)
    privacy.add_commands(command)
    importer.add_command(command)
    dash = command("dashboard", help="serve the web dashboard alone (TWIN_DASHBOARD_TOKEN)")
    dash.add_argument("--host", help="listen address (default: [dashboard] host)")
    dash.add_argument("--port", type=int, help="listen port (default: [dashboard] port)")
    dash.add_argument(
        "--screenshot",
        metavar="PNG",
        help="save a screenshot of the overview page and exit (needs Chromium)",
    )
    return parser


def parse_questions(text: str, where: str = "--questions") -> list[str]:
    """Questions from text: a JSON list of strings, or one per line (# starts a comment)."""
    if text.lstrip().startswith("["):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(
                f"{where}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
            ) from None
        if not isinstance(data, list) or not all(isinstance(q, str) for q in data):
            raise ValueError(f"{where}: expected a JSON list of question strings")
        return [q for q in data if q.strip()]
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def read_questions(path: Path) -> list[str]:
    """Questions from a file (see `parse_questions`); errors name the file and --questions."""
    where = f"--questions {path}"
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ValueError(f"{where}: file not found") from None
    except IsADirectoryError:
        raise ValueError(f"{where}: is a directory, not a file of questions") from None
    except UnicodeDecodeError:
        raise ValueError(f"{where}: not UTF-8 text; save it as UTF-8") from None
    except OSError as exc:
        raise ValueError(f"{where}: cannot read the file ({exc.strerror or 'OS error'})") from None
    return parse_questions(text, where)


async def _questions(args: argparse.Namespace) -> list[str] | None:
    if args.questions == "-":
        text = await asyncio.to_thread(sys.stdin.read)
        return parse_questions(text, "--questions - (stdin)")
    if args.questions:
        return await asyncio.to_thread(read_questions, Path(args.questions))
    return [args.question] if args.question else None


def platform_status(env: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """Which platforms can start, and a sentence for each that cannot."""
    from bot.discord.serve import missing_discord_env
    from bot.slack.env import missing_slack_env

    ready, missing = [], []
    for name, gaps in (("Slack", missing_slack_env(env)), ("Discord", missing_discord_env(env))):
        if gaps:
            line = f"{name} would start with {' and '.join(gaps)} set"
            if name == "Slack" and "SLACK_SIGNING_SECRET" in gaps:
                line += " (HTTP mode), or SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode)"
            missing.append(line + ".")
        else:
            ready.append(name)
    return ready, missing


async def _run(
    twin: Twin, config: Config, env: Mapping[str, str], dashboard_token: str | None = None
) -> None:
    if dashboard_token is not None:
        from bot.cli.dashboard import with_dashboard

        await with_dashboard(twin, dashboard_token, lambda: _run(twin, config, env))
        return
    if not config.metrics.enabled:
        await _run_platforms(twin, config, env)
        return
    from bot.web.metrics import start_metrics

    host, port = config.metrics.host, config.metrics.port
    runner = await start_metrics(twin, host, port, f"[metrics] port in {config.path}")
    print(f"Metrics at http://{host}:{port}/metrics", file=sys.stderr)
    try:
        await _run_platforms(twin, config, env)
    finally:
        await runner.cleanup()


async def _run_platforms(twin: Twin, config: Config, env: Mapping[str, str]) -> None:
    from bot.slack.env import incomplete_slack_env
    from bot.supervise import Platform, supervise

    incomplete = incomplete_slack_env(env)
    if incomplete is not None:  # asked for but not complete: say so, never fall back
        raise SetupError(incomplete)
    ready, missing = platform_status(env)
    for line in missing:
        print(line, file=sys.stderr)
    if not ready:
        print("No platform tokens are set: opening the terminal chat.\n", file=sys.stderr)
        await chat(twin)
        return
    platforms: list[Platform] = []
    if "Slack" in ready:
        from bot.slack.serve import serve_slack

        platforms.append(Platform("slack", lambda: serve_slack(twin, config, env)))
    if "Discord" in ready:
        from bot.discord.serve import serve_discord

        platforms.append(Platform("discord", lambda: serve_discord(twin, config, env)))
    print(f"Starting: {', '.join(ready)}. Stop with Ctrl+C.", file=sys.stderr)
    live = asyncio.create_task(twin.live.run())  # profile edits, the owner's answers, cards
    try:
        await supervise(platforms)  # each on its own: one failing never stops the other
    finally:
        live.cancel()
        await asyncio.gather(live, return_exceptions=True)


async def _main(args: argparse.Namespace, env: Mapping[str, str]) -> int:
    if args.command == "import":  # needs no config: it writes the profile a config will name
        return await asyncio.to_thread(importer.run_import, args, env)
    config = load_config(args.config)
    if args.command == "db":  # the store alone: no profile, no model
        return await run_db(args, config, env)
    command: str = args.command
    if command == "privacy":  # the profile alone: no store, no model
        profile = privacy.load_for_privacy(config)
        show = privacy.privacy_json if args.json else privacy.privacy_text
        print(show(profile, args.show))
        return 0
    member = privacy.parse_member(args.user) if command == "forget" else None
    token = None
    if command == "dashboard" or (command == "run" and config.dashboard.enabled):
        from bot.web.dashboard.auth import dashboard_token

        token = dashboard_token(env)  # refuse to start without the login token, saying why
    questions = await _questions(args) if command == "ask" else None
    if command == "ask" and not questions:
        problem = (
            f"--questions {args.questions}: no questions in it"
            if args.questions
            else "give a QUESTION or --questions FILE (- reads stdin)"
        )
        print(f"twin ask: {problem}", file=sys.stderr)
        return EXIT_SETUP
    if command == "gaps" and (wrong := usage_problem(args.action, args.id, args.text)):
        print(wrong, file=sys.stderr)
        return EXIT_SETUP
    twin = await build_twin(config, env, serves=command in SERVING)
    try:
        if not (command == "health" and not args.json):  # the health text carries its notes
            for note in twin.notes:  # start-up notes, for every command, on stderr
                print(f"Note: {note}", file=sys.stderr)
        if command in ("run", "chat"):
            print(
                f"Privacy: {summary(twin.profile.withheld)} (see `twin privacy`)", file=sys.stderr
            )
        if member is not None:
            gone = await twin.privacy.forget(*member)
            print(
                privacy.forget_text(args.user, gone.turns, gone.gaps, gone.cached, gone.usage_rows)
            )
        elif command == "run":
            await _run(twin, config, env, token)
        elif command == "dashboard":
            from bot.cli.dashboard import dashboard_command

            assert token is not None
            shot = Path(args.screenshot) if args.screenshot else None
            await dashboard_command(twin, token, args.host, args.port, shot)
        elif command == "chat":
            conversation = f"cli:chat:{uuid.uuid4().hex}" if args.new else "cli:chat"
            await chat(twin, conversation)
        elif command == "ask":
            assert questions is not None
            await ask_many(twin, questions, args.concurrency, args.json)
        elif command == "gaps" and args.action is not None:
            return await decide(twin, args.action, args.id, args.text)
        else:
            reports: dict[str, tuple[Callable[[], Awaitable[object]], Callable[..., str]]] = {
                "health": (twin.health_report, health_text),
                "usage": (twin.usage_report, usage_text),
                "gaps": (twin.gaps_report, gaps_text),
            }
            build, render = reports[command]
            report = await build()
            print(to_json(report) if args.json else render(report))
    finally:
        await twin.close()
    return 0


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point."""
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if (args.verbose or args.command == "run") else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    for noisy in ("httpx", "httpcore", "discord.gateway"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        code = asyncio.run(_main(args, os.environ))
    except (ConfigError, ProfileError, StoreError, SetupError) as exc:
        if not getattr(exc, "reported", False):  # a platform's setup error is logged already
            print(f"twin: {exc}", file=sys.stderr)
        code = EXIT_SETUP
    except BrokenPipeError:  # `twin health | head`: the reader has gone, nothing to say
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 141
    except (OSError, ValueError) as exc:
        print(f"twin: {exc}", file=sys.stderr)
        code = EXIT_SETUP
    except KeyboardInterrupt:  # Ctrl-C: end at once, on a fresh line, no traceback
        print(file=sys.stderr)
        code = 130
    except Exception as exc:  # a bug: a short line for the operator, details with -v
        if args.verbose:
            log.exception("unexpected error")
        print(
            f"twin: unexpected error ({type(exc).__name__}); run with -v for details",
            file=sys.stderr,
        )
        code = 1
    with contextlib.suppress(Exception):
        sys.stdout.flush()
    sys.exit(code)
