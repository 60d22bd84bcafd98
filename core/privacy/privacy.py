"""Private data: every rule that keeps it out of chunks, and so out of prompts.

Removed always: contact details, `salary_location` and other sensitive keys (wherever they
appear), content chunks marked private, headings about contact or salary, sentences about pay,
and in free text every value `privacy_detect` finds (e-mail, phone, address, birth date, pay,
bank account, card, national id), replaced by `[private]` with the rest of the sentence kept.
What is removed is recorded (see `withheld`) for `twin privacy`.

Removed on request: every dotted path the owner lists. Private paths: dot-separated keys
(matched case-insensitively), with list indexes (`experience.0`), `*` (any key or element) and
`**` (any depth: `**.salary`). A key applied to a list applies to every element
(`experience.manager`). In Markdown a path's last key names a heading (`Salary`). Phrases the
owner lists (entries with a space) are withheld by `withheld.Redactor`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from core.persona.profiles.chunks import norm_key
from core.privacy.withheld import PRIVATE_TEXT, Redactor

_REMOVED = object()  # tombstone: list elements are removed after every path is applied

# Keys that are private wherever they appear (normalised: snake_case, lower case).
_SENSITIVE_KEYS = {
    "contact", "contacts", "contact_info", "contact_information", "contact_details",
    "email", "emails", "e_mail", "email_address", "phone", "phones", "phone_number",
    "mobile", "mobile_number", "telephone", "tel", "whatsapp", "address", "home_address",
    "street_address", "postal_address", "postcode", "zip_code", "date_of_birth", "dob",
    "birthday", "salary_location", "passport", "national_insurance", "ssn",
}  # fmt: skip
_SENSITIVE_PARTS = ("salary", "compensation")
_PRIVATE_MARKS = {"private", "confidential", "secret", "internal", "restricted", "hidden"}
_SENSITIVE_TYPES = {"contact", "salary", "salary_location", "compensation"} | _PRIVATE_MARKS
_SENSITIVE_HEADING_WORDS = {"contact", "contacts", "salary", "salaries", "compensation"}


def is_sensitive_key(key: str) -> bool:
    """A key that is private wherever it appears: contact details, salary, date of birth..."""
    k = norm_key(key)
    return k in _SENSITIVE_KEYS or any(part in k for part in _SENSITIVE_PARTS)


_KEY_RULES = (
    ("email", ("email", "e_mail", "mail")),
    ("phone", ("phone", "mobile", "telephone", "tel", "whatsapp")),
    ("address", ("address", "postcode", "zip")),
    ("birth_date", ("birth", "dob", "birthday")),
    ("pay", ("salary", "compensation", "pay")),
    ("national_id", ("passport", "national_insurance", "ssn")),
    ("contact", ("contact",)),
)


def rule_for_key(key: str) -> str:
    """The rule a private key or heading falls under: `phone_number` -> "phone"."""
    k = norm_key(key)
    for rule, parts in _KEY_RULES:
        if any(part in k for part in parts):
            return rule
    return "private field"


def _split_path(path: str) -> list[str]:
    return [p.strip() for p in str(path).strip().split(".") if p.strip()]


def _remove_path(node: Any, parts: list[str], gone: list[Any]) -> int:
    """Remove what `parts` names inside `node` (appending each to `gone`); returns how many."""
    if not parts:
        return 0
    head, rest = parts[0], parts[1:]
    if head == "**":
        if not rest:
            return 0
        found = _remove_path(node, rest, gone)
        children = (
            node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        )
        return found + sum(_remove_path(child, parts, gone) for child in list(children))
    if isinstance(node, dict):
        keys = [k for k in node if head == "*" or norm_key(k) == norm_key(head)]
        if not rest:
            for k in keys:
                gone.append(node.pop(k))
            return len(keys)
        return sum(_remove_path(node[k], rest, gone) for k in keys)
    if isinstance(node, list):
        if head == "*" or head.lstrip("-").isdigit():
            if head == "*":
                indexes = range(len(node))
            else:
                index = int(head)
                indexes = range(index, index + 1) if -len(node) <= index < len(node) else range(0)
            found = 0
            for i in indexes:
                if node[i] is _REMOVED:
                    continue
                if rest:
                    found += _remove_path(node[i], rest, gone)
                else:
                    gone.append(node[i])
                    node[i] = _REMOVED
                    found += 1
            return found
        # a key applies to every element
        return sum(_remove_path(item, parts, gone) for item in node)
    return 0


def text_of(node: Any) -> str:
    """Every scalar inside `node`, joined: what a removed field held."""
    if isinstance(node, dict):
        return " ".join(text_of(v) for v in node.values())
    if isinstance(node, list):
        return " ".join(text_of(v) for v in node if v is not _REMOVED)
    return "" if node is None else str(node)


def _drop_sensitive(node: Any, where: str = "", redactor: Redactor | None = None) -> Any:
    """A copy without tombstones and without keys that are always private."""
    if isinstance(node, dict):
        kept = {}
        for k, v in node.items():
            path = f"{where}.{k}" if where else str(k)
            if not is_sensitive_key(k):
                kept[k] = _drop_sensitive(v, path, redactor)
            elif redactor is not None:
                redactor.withhold(path, rule_for_key(k), text_of(v))
        return kept
    if isinstance(node, list):
        return [
            _drop_sensitive(v, f"{where}.{i}", redactor)
            for i, v in enumerate(node)
            if v is not _REMOVED
        ]
    return node


def remove_private(
    data: dict[str, Any], paths: Sequence[str], redactor: Redactor | None = None
) -> tuple[dict[str, Any], list[str]]:
    """`data` without the listed private paths and without keys that are always private.

    Returns the cleaned copy and a warning for each path that is not a field path or matched
    nothing. `data` itself is changed (paths are removed in place) and must not be used after.
    Each removed value is recorded in `redactor`, when given.
    """
    warnings: list[str] = []
    for path in paths:
        parts = _split_path(path)
        if not parts or parts == ["**"]:
            warnings.append(f"[persona] private path {path!r} is not a field path; ignored")
            continue
        gone: list[Any] = []
        if _remove_path(data, parts, gone) == 0:
            warnings.append(f"[persona] private path {path!r} matched nothing in the profile")
        elif redactor is not None:
            for value in gone:
                redactor.withhold(path, "private path", text_of(value) or "(empty)")
    cleaned: dict[str, Any] = _drop_sensitive(data, "", redactor)
    return cleaned, warnings


_PAY = re.compile(
    r"\b(?:salary|salaries|remuneration|pay (?:expectations?|range|rise)|expected pay|day rate)\b",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


def scrub(text: str) -> str:
    """Replace every private value `privacy_detect` finds in `text` (e-mail, phone, address,
    birth date, pay, bank account, card, national id) by `[private]`."""
    return Redactor().redact(text)


def mentions_pay(text: str) -> bool:
    """Whether `text` talks about salary or pay (always private)."""
    return bool(_PAY.search(text))


def drop_pay_sentences(text: str, redactor: Redactor | None = None, where: str = "") -> str:
    """Salary is always private: drop sentences that talk about it, wherever they are
    (each dropped sentence is recorded in `redactor`, when given)."""
    if not _PAY.search(text):
        return text
    lines = []
    for line in text.split("\n"):
        parts = _SENTENCE_END.split(line)
        kept = [s for s in parts if not _PAY.search(s)]
        if redactor is not None:
            for dropped in (s for s in parts if _PAY.search(s) and PRIVATE_TEXT not in s):
                redactor.withhold(where, "pay", dropped)  # else its value is counted already
        if kept or not line.strip():
            lines.append(" ".join(kept))
    return "\n".join(lines)


def is_private_chunk(item: dict[str, Any]) -> bool:
    """A content chunk marked private (`"private": true`, `"visibility": "internal"`, a private
    tag or type) or one about salary or contact details."""
    meta = item.get("metadata")
    meta = meta if isinstance(meta, dict) else {}
    for key in ("id", "title", "name"):
        words = set(norm_key(str(item.get(key) or "")).split("_"))
        if words & {"salary", "salaries", "compensation", "contact", "contacts"}:
            return True
    for source in (item, meta):
        for key, value in source.items():
            k = norm_key(key)
            if k in _PRIVATE_MARKS and value not in (False, None, "", 0, "false", "no"):
                return True
            marked = norm_key(str(value))
            if k in ("visibility", "access", "privacy", "audience", "classification") and (
                marked in _PRIVATE_MARKS
            ):
                return True
            if k in ("type", "category", "kind") and marked in _SENSITIVE_TYPES:
                return True
            tags = value if k == "tags" and isinstance(value, list) else []
            if any(norm_key(str(t)) in _PRIVATE_MARKS for t in tags):
                return True
    return False


def _private_phrases(private: Sequence[str]) -> list[tuple[str, list[str]]]:
    phrases = []
    for path in private:
        keys = [
            p for p in _split_path(path) if p not in ("*", "**") and not p.lstrip("-").isdigit()
        ]
        if keys:
            phrases.append((path, norm_key(keys[-1]).split("_")))
    return phrases


def _matches_phrase(words: list[str], phrase: list[str]) -> bool:
    return bool(words) and set(phrase) <= set(words) and len(words) <= len(phrase) + 2


class PrivateLabels:
    """Private paths applied to Markdown: a path's last key names a heading or a `Label:` line.

    `matches(words)` says whether a heading's (or label's) words name a private path and
    remembers which paths were used, so `unmatched()` can name the ones that matched nothing.
    """

    def __init__(self, paths: Sequence[str]) -> None:
        self._phrases = _private_phrases(paths)
        self._matched: set[str] = set()

    def matches(self, words: list[str]) -> bool:
        hit = [p for p, phrase in self._phrases if _matches_phrase(words, phrase)]
        self._matched.update(hit)
        return bool(hit)

    def unmatched(self) -> list[str]:
        return [p for p, _ in self._phrases if p not in self._matched]


def is_sensitive_heading(words: Iterable[str]) -> bool:
    """A Markdown heading about contact details or salary: always private."""
    return bool(_SENSITIVE_HEADING_WORDS & set(words))
