"""The benchmarks say why LiteLLM was not measured instead of "exited with 1" (#27): a venv
made by `make` has only the dev extra, and `bench.litellm_run` died on `import litellm`."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bench.__main__ import _child
from tests.conftest import REPO

# Run with LiteLLM hidden, as in a venv without the bench extra (None in sys.modules makes
# the import and importlib's find_spec both say "not installed").
HIDDEN = "import sys; sys.modules['litellm'] = None; "


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", HIDDEN + code],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_missing_litellm_is_named_with_the_command_that_installs_it() -> None:
    done = _python("from bench.litellm_run import missing; print(missing())")
    assert done.returncode == 0, done.stderr
    assert "LiteLLM is not installed" in done.stdout
    assert ".venv/bin/pip install -e '.[dev,bench]'" in done.stdout


def test_the_whole_process_bench_stops_at_once_without_litellm() -> None:
    done = _python(
        "import runpy; sys.argv = ['bench.whole_process', '--quick']; "
        "runpy.run_module('bench.whole_process', run_name='__main__')"
    )
    assert done.returncode == 2
    assert "LiteLLM is not installed" in done.stderr
    assert "pip install -e '.[dev,bench]'" in done.stderr


async def test_a_failed_bench_child_says_why() -> None:
    with pytest.raises(RuntimeError) as failed:
        await _child("bench.no_such_child")
    assert "bench.no_such_child exited with 1" in str(failed.value)
    assert "No module named bench.no_such_child" in str(failed.value)
