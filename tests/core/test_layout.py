"""The layout's promises (docs/layout.md): imports run one way, down the layers, with no circle
between files; core/ never pulls in a platform library; each package's `__init__` names the
concepts it holds; and a file long enough to hold two ideas is flagged."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_LINES = 600  # past this, look for a second idea in the file (split by idea, not by count)

# Top first: a module may import from its own layer and the layers below it, never above.
# The longest matching prefix decides a module's layer.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("the command", ("bot.__main__", "bot.cli.__main__", "bot.cli.main")),
    ("adapters", ("bot.cli", "bot.discord", "bot.slack", "bot.web")),
    ("adapter helpers", ("bot",)),
    ("the factory", ("core.factory",)),
    ("the twin", ("core.twin", "core.live", "core.question_log", "core.events")),
    (
        "concepts",
        tuple(
            f"core.{name}"
            for name in (
                "persona",
                "privacy",
                "grounding",
                "limits",
                "models",
                "owner",
                "insight",
                "importer",
            )
        ),
    ),
    ("the store", ("core.store",)),
    ("plain values", ("core.config", "core.clock", "core.types", "core.prices")),
]


def modules() -> dict[str, Path]:
    """Module name -> file, for every file of core/ and bot/ (a package is its __init__)."""
    return {
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): path
        for folder in ("core", "bot")
        for path in sorted((ROOT / folder).rglob("*.py"))
    }


def imported(name: str, path: Path, known: dict[str, Path]) -> Iterator[str]:
    """The project modules a file imports anywhere in it (type-only and local imports count:
    they are dependencies all the same)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                for alias in node.names
            ]
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                yield target


def import_graph() -> dict[str, set[str]]:
    known = modules()
    return {name: set(imported(name, path, known)) for name, path in known.items()}


def circles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected groups of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group: set[str] = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(group)
    return found


def layer_of(name: str) -> int:
    matches = [
        (len(prefix), rank)
        for rank, (_, prefixes) in enumerate(LAYERS)
        for prefix in prefixes
        if name == prefix or name.startswith(prefix + ".")
    ]
    assert matches, f"{name} is in no layer: add it to LAYERS and docs/layout.md"
    return max(matches)[1]


def test_the_graph_sees_real_imports() -> None:
    graph = import_graph()
    assert "core.config" in graph["core.twin"]
    assert "core.twin" in graph["core.factory"]
    assert "bot.discord.base" in graph["bot.discord.commands"]  # a type-only import counts
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [{"a", "b", "c"}]


def test_no_import_circle_between_files() -> None:
    found = [sorted(group) for group in circles(import_graph())]
    assert found == [], "import circles (break each; docs/layout.md says which way imports run)"


def test_no_import_runs_up_a_layer() -> None:
    upward = {
        (name, target)
        for name, targets in import_graph().items()
        for target in targets
        if layer_of(target) < layer_of(name)
    }
    named = [
        f"{a} ({LAYERS[layer_of(a)][0]}) imports {b} ({LAYERS[layer_of(b)][0]})"
        for a, b in sorted(upward)
    ]
    assert named == []


def test_importing_all_of_core_loads_no_discord_or_slack_module() -> None:
    names = sorted(name for name in modules() if name.startswith("core."))
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('discord', 'slack_bolt',"
        " 'slack_sdk')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert len(names) > 20
    assert out.stdout.strip() == "[]"


def test_no_file_is_long_enough_to_hold_two_ideas() -> None:
    long = {
        str(path.relative_to(ROOT)): n
        for path in modules().values()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}, f"over {MAX_LINES} lines: look for a second idea in each"


def _words(text: str) -> str:
    return text.replace("_", " ").lower()


def unnamed_modules(package: Path) -> list[str]:
    """The modules of a package its `__init__` docstring does not name, by the module's name
    or by a public class or function it defines."""
    init = ast.parse((package / "__init__.py").read_text(encoding="utf-8"))
    doc = _words(ast.get_docstring(init) or "")
    missing = []
    for path in sorted(package.glob("*.py")):
        if path.name in ("__init__.py", "__main__.py"):
            continue
        body = ast.parse(path.read_text(encoding="utf-8")).body
        names = [path.stem] + [
            node.name
            for node in body
            if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and not node.name.startswith("_")
        ]
        if not any(re.search(rf"\b{re.escape(_words(n))}\b", doc) for n in names):
            missing.append(path.stem)
    return missing


def test_every_package_names_the_concepts_it_holds() -> None:
    packages = sorted(
        init.parent for folder in ("core", "bot") for init in (ROOT / folder).rglob("__init__.py")
    )
    unnamed = {
        package.relative_to(ROOT).as_posix(): missing
        for package in packages
        if (missing := unnamed_modules(package))
    }
    assert unnamed == {}, "name these modules' concepts in their package's __init__ docstring"
