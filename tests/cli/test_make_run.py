"""`make run` stopped with Ctrl-C (SIGINT to the whole foreground group, as a terminal sends
it) ends quietly: no "make: *** [Makefile:…: run] Error 130", which reads as a failure."""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.cli.test_cli import base_env
from tests.conftest import write_config

ROOT = Path(__file__).resolve().parents[2]


def _read_until(stream: int, wanted: bytes, deadline: float) -> bytes:
    seen = b""
    while wanted not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([stream], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        chunk = os.read(stream, 4096)
        if not chunk:
            break
        seen += chunk
    return seen


@pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")
@pytest.mark.skipif(not (ROOT / ".venv" / "bin" / "twin").exists(), reason="needs make's .venv")
def test_ctrl_c_under_make_run_is_not_reported_as_an_error(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    env = base_env(None, TWIN_CONFIG=str(config))
    # -o: never reinstall the venv from here, whatever the stamp's age
    proc = subprocess.Popen(
        ["make", "--no-print-directory", "-o", ".venv/.installed", "run"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,  # open and silent: the terminal chat waits for a line
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    assert proc.stdout is not None
    try:
        shown = _read_until(proc.stdout.fileno(), b"terminal chat", time.monotonic() + 60)
        assert b"opening the terminal chat" in shown, shown.decode(errors="replace")
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C: make, its shell and the twin all get it
        rest = _read_until(proc.stdout.fileno(), b"\x00never", time.monotonic() + 20)
        proc.wait(timeout=20)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    output = (shown + rest).decode(errors="replace")
    assert "Error 130" not in output and "make: ***" not in output, output
    assert "Traceback" not in output
