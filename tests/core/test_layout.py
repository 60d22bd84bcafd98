"""The layout's promises: core/ never pulls in a platform library, and no module grows past
what one reader takes in at a sitting."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_LINES = 470


def test_importing_all_of_core_loads_no_discord_or_slack_module() -> None:
    modules = sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for path in (ROOT / "core").rglob("*.py")
        if path.name != "__init__.py"
    )
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('discord', 'slack_bolt',"
        " 'slack_sdk')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert len(modules) > 20
    assert out.stdout.strip() == "[]"


def test_no_module_in_core_or_bot_is_over_the_line_limit() -> None:
    long = {
        str(path.relative_to(ROOT)): n
        for folder in ("core", "bot")
        for path in (ROOT / folder).rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
