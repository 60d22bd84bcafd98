"""What the twin writes beside its files at run time stays out of git: a clone that ran the
twin (`twin gaps answer` writes the learned facts under a lock) shows no stray files."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(), reason="not a git checkout"
)
@pytest.mark.parametrize(
    "path", ["twin.db", "twin.db-wal", "profiles/me.learned.md.lock", "me.learned.md.lock"]
)
def test_run_time_files_are_ignored(path: str) -> None:
    done = subprocess.run(["git", "check-ignore", "--no-index", "-q", path], cwd=ROOT, check=False)
    assert done.returncode == 0, f"{path} is not in .gitignore"
