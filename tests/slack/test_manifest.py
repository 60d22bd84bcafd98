"""The Slack app manifests: valid against Slack's published manifest schema, and declaring
exactly the events, scopes and commands the code relies on (found by reading the code: the
events its listeners take, the Web API methods it calls), nothing more."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.slack.commands import COMMANDS
from bot.slack.surface import EVENT_SCOPES, EVENTS, LEGACY_EVENTS, METHOD_SCOPES, SCOPES

ROOT = Path(__file__).resolve().parents[2]
AGENT = ROOT / "slack_manifest.yaml"
LEGACY = ROOT / "slack_manifest.assistant_view.yaml"
SCHEMAS = ROOT / ".." / "shared" / "corpus" / "slack"
SCHEMA_URL = "https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/"
API_FAMILIES = ("chat_", "agents_", "assistant_", "views_", "auth_", "users_", "conversations_")


def load(path: Path) -> dict[str, Any]:
    manifest = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(manifest, dict)
    return manifest


def events_of(manifest: dict[str, Any]) -> set[str]:
    return set(manifest["settings"]["event_subscriptions"]["bot_events"])


def scopes_of(manifest: dict[str, Any]) -> set[str]:
    return set(manifest["oauth_config"]["scopes"]["bot"])


def commands_of(manifest: dict[str, Any]) -> set[str]:
    return {c["command"] for c in manifest["features"]["slash_commands"]}


def code_calls() -> tuple[set[str], set[str], set[str]]:
    """What bot/slack relies on: events its listeners take, slash commands it registers, and
    the Web API methods it calls (`client.chat_postMessage(...)` and the like)."""
    events: set[str] = set()
    commands: set[str] = set()
    methods: set[str] = set()
    for path in sorted((ROOT / "bot" / "slack").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            name = node.func.attr
            first = node.args[0] if node.args else None
            literal = first.value if isinstance(first, ast.Constant) else None
            if name == "event" and isinstance(literal, str):
                events.add("message.im" if literal == "message" else literal)  # DMs only
            elif name == "command" and isinstance(literal, str):
                commands.add(literal)
            elif name.startswith(API_FAMILIES):
                methods.add(name)
    return events, commands, methods


def test_every_web_api_method_the_code_calls_has_its_scope_declared() -> None:
    _, _, methods = code_calls()
    assert methods, "the scan found no Web API calls: it is broken"
    unknown = methods - set(METHOD_SCOPES)
    assert not unknown, f"add these methods and their scopes to bot/slack/surface.py: {unknown}"


@pytest.mark.parametrize("path", [AGENT, LEGACY], ids=["agent_view", "assistant_view"])
def test_the_manifest_asks_for_exactly_what_the_code_uses(path: Path) -> None:
    manifest = load(path)
    events, commands, methods = code_calls()
    declared = EVENTS if path == AGENT else LEGACY_EVENTS
    assert events_of(manifest) == set(declared)
    assert events == set(EVENTS) | set(LEGACY_EVENTS)  # every listener is for a declared event
    registered = set(COMMANDS) | {c for c in commands if c.startswith("/")}  # app.command(...)
    assert commands_of(manifest) == registered
    needed = {METHOD_SCOPES[m] for m in methods} | {"commands"}
    needed |= {EVENT_SCOPES[e] for e in declared if e in EVENT_SCOPES}
    needed.discard("")
    assert scopes_of(manifest) == needed == set(SCOPES)


def test_the_default_manifest_is_an_agent_app() -> None:
    manifest = load(AGENT)
    features = manifest["features"]
    assert "assistant_view" not in features
    agent = features["agent_view"]
    assert 0 < len(agent["agent_description"]) <= 300
    assert len(agent.get("suggested_prompts") or []) <= 4
    assert features["app_home"]["messages_tab_enabled"] is True
    assert manifest["settings"]["interactivity"]["is_enabled"] is True  # feedback buttons
    legacy = load(LEGACY)
    assert "assistant_view" in legacy["features"] and "agent_view" not in legacy["features"]
    assert "cannot be undone" in LEGACY.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", [AGENT, LEGACY], ids=["agent_view", "assistant_view"])
def test_the_manifest_is_valid_against_slacks_published_schema(path: Path) -> None:
    if not (SCHEMAS / "manifest.schema.json").is_file():
        pytest.skip(f"Slack's manifest schema is not at {SCHEMAS} (../shared/corpus/slack)")
    from jsonschema import Draft7Validator
    from referencing import Registry, Resource

    def resource(name: str) -> Resource[Any]:
        return Resource.from_contents(json.loads((SCHEMAS / name).read_text(encoding="utf-8")))

    versions = ("manifest.schema.1.0.0.json", "manifest.schema.2.0.0.json")
    registry: Registry[Any] = Registry().with_resources(
        (SCHEMA_URL + name, resource(name)) for name in versions
    )
    schema = json.loads((SCHEMAS / "manifest.schema.json").read_text(encoding="utf-8"))
    validator = Draft7Validator(schema, registry=registry)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(load(path))]
    assert not errors
