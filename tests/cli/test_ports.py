"""A port that cannot be used (out of range, already taken) is one line naming the setting that
chose it, exit 2; under `twin run`'s supervisor it stops the platform instead of being retried
(a port in use stays in use)."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot.common import SetupError
from bot.slack.serve import serve_slack
from bot.supervise import Platform, supervise
from tests.cli.test_cli import base_env, run_twin
from tests.conftest import MakeTwin, write_config
from tests.fakes.slack_api import FakeSlack
from tests.slack.conftest import SECRET

TOKEN = "correct-horse-battery-staple-42"
NO_MODELS = "[llm]\ncheck_models_at_start = false\n"


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A loopback port something else already listens on."""
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        yield int(held.getsockname()[1])


def problem_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line and not line.startswith("Note: ")]


async def test_dashboard_port_out_of_range_is_one_line_naming_the_flag(tmp_path: Path) -> None:
    config = write_config(tmp_path, NO_MODELS)
    env = base_env(None, TWIN_DASHBOARD_TOKEN=TOKEN)
    code, _, err = await run_twin("dashboard", "--port", "80000", "--config", str(config), env=env)
    assert code == 2, err
    assert problem_lines(err) == ["twin: --port: 80000 is not a port (1-65535)"]
    assert "RuntimeWarning" not in err and "unexpected error" not in err


async def test_dashboard_port_in_use_names_the_flag_or_the_config_key(
    tmp_path: Path, taken_port: int
) -> None:
    env = base_env(None, TWIN_DASHBOARD_TOKEN=TOKEN)
    config = write_config(tmp_path, NO_MODELS)
    flag = ("--host", "127.0.0.1", "--port", str(taken_port))
    code, _, err = await run_twin("dashboard", *flag, "--config", str(config), env=env)
    assert code == 2, err
    assert problem_lines(err) == [
        f"twin: cannot listen on 127.0.0.1:{taken_port}: the port is already in use "
        "(another twin, or another program); choose another port with --port"
    ]
    assert "RuntimeWarning" not in err and "Errno" not in err

    dashboard = f'[dashboard]\nhost = "127.0.0.1"\nport = {taken_port}\n'
    for command, extra in (("dashboard", ""), ("run", "enabled = true\n")):
        keyed = write_config(tmp_path, NO_MODELS + dashboard + extra)
        code, _, err = await run_twin(command, "--config", str(keyed), env=env)
        assert code == 2, err
        assert problem_lines(err)[-1].endswith(
            f"choose another port with [dashboard] port in {keyed}"
        ), err
        assert "RuntimeWarning" not in err and "Traceback" not in err


async def test_a_slack_port_in_use_stops_slack_without_a_restart(
    make_twin: MakeTwin, taken_port: int
) -> None:
    twin = await make_twin(f'[slack]\nhost = "127.0.0.1"\nport = {taken_port}\n')
    waits: list[float] = []

    async def recorded(seconds: float) -> None:
        waits.append(seconds)
        await asyncio.sleep(0)

    async with FakeSlack() as slack_api:
        env = {
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": slack_api.base_url,
        }
        platform = Platform("slack", lambda: serve_slack(twin, twin.config, env))
        with pytest.raises(SetupError) as stopped:
            await asyncio.wait_for(supervise([platform], sleep=recorded, attempts=3), 10)
    assert waits == []  # never retried
    assert f"cannot listen on 127.0.0.1:{taken_port}: the port is already in use" in str(
        stopped.value
    )
    assert str(stopped.value).endswith(
        f"choose another port with [slack] port in {twin.config.path}"
    )


async def test_a_slack_port_out_of_range_stops_slack_without_a_restart(
    make_twin: MakeTwin,
) -> None:
    twin = await make_twin('[slack]\nhost = "127.0.0.1"\n')
    # a port the config check would refuse at load, handed to Slack as if it had passed
    config = replace(twin.config, slack=replace(twin.config.slack, port=-1))
    waits: list[float] = []

    async def recorded(seconds: float) -> None:
        waits.append(seconds)

    async with FakeSlack() as slack_api:
        env = {
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": slack_api.base_url,
        }
        platform = Platform("slack", lambda: serve_slack(twin, config, env))
        with pytest.raises(SetupError) as stopped:
            await asyncio.wait_for(supervise([platform], sleep=recorded, attempts=3), 10)
    assert waits == []
    assert str(stopped.value) == f"[slack] port in {config.path}: -1 is not a port (1-65535)"
