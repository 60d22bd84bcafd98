"""A test skipped for want of Chromium says how to install it, in every dashboard test module
(the CLI screenshot test once said only "no Chromium on this machine")."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator

import tests.dashboard
from tests.dashboard.conftest import NO_CHROMIUM


def skip_reasons() -> Iterator[tuple[str, str]]:
    """(where, reason) of every skipif mark in the dashboard tests that mentions Chromium."""
    for info in pkgutil.iter_modules(tests.dashboard.__path__):
        if not info.name.startswith("test_"):
            continue
        module = importlib.import_module(f"tests.dashboard.{info.name}")
        holders = [(info.name, module), *((f"{info.name}.{n}", o) for n, o in vars(module).items())]
        for where, holder in holders:
            marks = getattr(holder, "pytestmark", [])
            for mark in marks if isinstance(marks, list) else [marks]:
                reason = str(mark.kwargs.get("reason", ""))
                if mark.name == "skipif" and "chromium" in reason.lower():
                    yield where, reason


def test_every_chromium_skip_says_how_to_install_it() -> None:
    reasons = list(skip_reasons())
    assert {where.split(".")[0] for where, _ in reasons} >= {"test_browser", "test_cli_dashboard"}
    for where, reason in reasons:
        assert reason == NO_CHROMIUM, where
    assert "apt-get install chromium" in NO_CHROMIUM
