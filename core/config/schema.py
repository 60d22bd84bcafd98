"""How a config section is declared and read: one frozen dataclass per `[section]`, each key
declared once as a field. The key's type is the field's annotation, its bounds are the field's
metadata (`key(...)`, `port(...)`), and checks across keys are the section's `problems()`.

`read_section` reads a TOML table through that declaration and reports every problem with the
key it names, so one `ConfigError` can list them all.
"""

from __future__ import annotations

import dataclasses
import functools
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from core.prices import Price


class ConfigError(Exception):
    """Every problem found in a config file, each naming its key and the file."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{path}: {len(problems)} problem(s) in the config:\n{lines}")


class Section:
    """A `[section]` of config.toml (subclasses are frozen dataclasses)."""

    def problems(self) -> list[str]:
        """Mistakes no single key shows (keys that must agree), each naming its key."""
        return []


@dataclass(frozen=True)
class Rule:
    """The bounds of one key, kept in its field's metadata (`key()` and `port()` build it)."""

    at_least: float | None = None
    more_than: float | None = None
    at_most: float | None = None
    choices: tuple[str, ...] = ()
    note: str = ""  # what the floor means ("0 = no cap"), said with the problem
    is_id: bool = False  # a platform ID: a number is read as text
    is_port: bool = False
    from_file: bool = True  # False: set by the loader (a provider's name), not a key

    def problem(self, value: Any) -> str | None:
        """What is wrong with a value of the right type, or None."""
        note = f" ({self.note})" if self.note else ""
        if self.is_port and not 0 <= value <= 65535:
            return f"{value} is not a port: use 1-65535 (or 0 for any free port)"
        if self.at_least is not None and value < self.at_least:
            if self.at_least == 0:
                return f"must not be negative{note}"
            return f"must be at least {self.at_least:g}{note}"
        if self.more_than is not None and value <= self.more_than:
            return f"must be more than {self.more_than:g}{note}"
        if self.at_most is not None and value > self.at_most:
            return f"must be at most {self.at_most:g}{note}"
        if self.choices and value not in self.choices:
            named = [f'"{c}"' for c in self.choices if c]
            listed = ", ".join(named[:-1]) + f" or {named[-1]}" if len(named) > 1 else named[0]
            empty = ' (or "" for none)' if "" in self.choices else ""
            return f"expected {listed}{empty}, got {value!r}"
        return None


def key(default: Any = dataclasses.MISSING, **rule: Any) -> Any:
    """A config key with its bounds (the fields of `Rule`); no default: the key is required."""
    return dataclasses.field(default=default, metadata={"rule": Rule(**rule)})


def port(default: int) -> Any:
    """A TCP port key: 1-65535, or 0 for any free port (what tests bind to)."""
    return key(default, is_port=True)


@dataclass(frozen=True)
class Kind:
    """A type a key may have: its name in problems, its check and its conversion."""

    name: str
    fits: Callable[[Any], bool]
    convert: Callable[[Any, Path], Any]


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_float(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _as_is(v: Any, _base: Path) -> Any:
    return v


_STR = Kind("str", lambda v: isinstance(v, str), _as_is)
_FLOAT = Kind("float", _is_float, lambda v, _b: float(v))
_ID = Kind(
    "str (an ID; a number is read as text)",
    lambda v: isinstance(v, str) or _is_int(v),
    lambda v, _b: str(v),
)
_PATH = Kind("str", lambda v: isinstance(v, str), lambda v, base: base / v)  # from the file
KINDS: dict[Any, Kind] = {
    str: _STR,
    int: Kind("int", _is_int, _as_is),
    float: _FLOAT,
    float | None: _FLOAT,
    bool: Kind("bool", lambda v: isinstance(v, bool), _as_is),
    Path: _PATH,
    tuple[str, ...]: Kind(  # IDs written as numbers are still IDs
        "list[str]",
        lambda v: isinstance(v, list) and all(isinstance(x, str) or _is_int(x) for x in v),
        lambda v, _b: tuple(str(x) for x in v),
    ),
    tuple[float, ...]: Kind(
        "list[float]",
        lambda v: isinstance(v, list) and all(_is_float(x) for x in v),
        lambda v, _b: tuple(float(x) for x in v),
    ),
    tuple[int, ...]: Kind(
        "list[int]",
        lambda v: isinstance(v, list) and all(_is_int(x) for x in v),
        lambda v, _b: tuple(v),
    ),
}


@dataclass(frozen=True)
class Declared:
    """One key of a section as its dataclass declares it."""

    name: str
    kind: Kind
    rule: Rule
    default: Any  # dataclasses.MISSING: the key is required


@functools.cache
def declared(cls: type) -> dict[str, Declared]:
    """The keys a section's dataclass declares, read once per class."""
    hints = typing.get_type_hints(cls)
    out: dict[str, Declared] = {}
    for f in dataclasses.fields(cls):
        rule = f.metadata.get("rule", Rule())
        if not rule.from_file:
            continue
        kind = _ID if rule.is_id else KINDS[hints[f.name]]
        made = f.default_factory
        default = f.default if made is dataclasses.MISSING else made()
        out[f.name] = Declared(f.name, kind, rule, default)
    return out


def read_values(
    cls: type, raw: Mapping[str, Any], where: str, base: Path, problems: list[str]
) -> dict[str, Any]:
    """The keys of `raw` that `cls` declares with a value of the right type, converted; every
    unknown key, wrong type and value out of bounds is added to `problems` as `[where] key: ...`.
    Values out of bounds are kept, so checks across sections still see them."""
    keys = declared(cls)
    out: dict[str, Any] = {}
    for name, value in raw.items():
        spec = keys.get(name)
        if spec is None:
            problems.append(
                f"[{where}] {name}: unknown key (known keys: {', '.join(sorted(keys))})"
            )
        elif not spec.kind.fits(value):
            wrong = f"expected {spec.kind.name}, got {type(value).__name__} {value!r}"
            problems.append(f"[{where}] {name}: {wrong}")
        else:
            out[name] = spec.kind.convert(value, base)
            if (problem := spec.rule.problem(out[name])) is not None:
                problems.append(f"[{where}] {name}: {problem}")
    return out


S = TypeVar("S", bound=Section)


def read_section(
    cls: type[S],
    raw: Mapping[str, Any],
    where: str,
    base: Path,
    problems: list[str],
    **fixed: Any,
) -> S:
    """A section from its TOML table (`fixed`: fields the loader sets, not the file); a required
    key that is missing is a problem, and the section is still built so later checks run."""
    values = read_values(cls, raw, where, base, problems)
    for spec in declared(typing.cast(type, cls)).values():
        if spec.name in values:
            continue
        if spec.default is dataclasses.MISSING:
            problems.append(f"[{where}] {spec.name}: required ({spec.rule.note})")
            values[spec.name] = spec.kind.convert("", base)
        elif spec.kind is _PATH:  # a default path is relative to the config file too
            values[spec.name] = base / spec.default
    section = cls(**values, **fixed)
    problems.extend(section.problems())
    return section


def read_price(raw: Mapping[str, Any], where: str, old: Price, problems: list[str]) -> Price:
    """A `[prices."MODEL"]` table over the model's built-in price (if it has one)."""
    return dataclasses.replace(old, **read_values(Price, raw, where, Path(), problems))
