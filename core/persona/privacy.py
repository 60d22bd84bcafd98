"""Private data: every rule that keeps it out of chunks, and so out of prompts.

Removed always: contact details, `salary_location` and other sensitive keys (wherever they
appear), content chunks marked private, headings about contact or salary, sentences about pay,
and (belt and braces) e-mail addresses and phone numbers found anywhere in the text.

Removed on request: every dotted path the owner lists. Private paths: dot-separated keys
(matched case-insensitively), with list indexes (`experience.0`), `*` (any key or element) and
`**` (any depth: `**.salary`). A key applied to a list applies to every element
(`experience.manager`). In Markdown a path's last key names a heading (`Salary`).

Public surface: `remove_private(data, paths)` for JSON data, `PrivateLabels(paths)` and
`is_sensitive_heading(words)` for Markdown, `is_sensitive_key(key)`, `is_private_chunk(item)`,
and for free text `scrub(text)`, `mentions_pay(text)`, `drop_pay_sentences(text)`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from core.persona.chunks import norm_key

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


def _split_path(path: str) -> list[str]:
    return [p.strip() for p in str(path).strip().split(".") if p.strip()]


def _remove_path(node: Any, parts: list[str]) -> int:
    """Remove what `parts` names inside `node`; returns how many values were removed."""
    if not parts:
        return 0
    head, rest = parts[0], parts[1:]
    if head == "**":
        if not rest:
            return 0
        found = _remove_path(node, rest)
        children = (
            node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        )
        return found + sum(_remove_path(child, parts) for child in list(children))
    if isinstance(node, dict):
        keys = [k for k in node if head == "*" or norm_key(k) == norm_key(head)]
        if not rest:
            for k in keys:
                del node[k]
            return len(keys)
        return sum(_remove_path(node[k], rest) for k in keys)
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
                    found += _remove_path(node[i], rest)
                else:
                    node[i] = _REMOVED
                    found += 1
            return found
        return sum(_remove_path(item, parts) for item in node)  # a key applies to every element
    return 0


def _drop_sensitive(node: Any) -> Any:
    """A copy without tombstones and without keys that are always private."""
    if isinstance(node, dict):
        return {k: _drop_sensitive(v) for k, v in node.items() if not is_sensitive_key(k)}
    if isinstance(node, list):
        return [_drop_sensitive(v) for v in node if v is not _REMOVED]
    return node


def remove_private(data: dict[str, Any], paths: Sequence[str]) -> tuple[dict[str, Any], list[str]]:
    """`data` without the listed private paths and without keys that are always private.

    Returns the cleaned copy and a warning for each path that is not a field path or matched
    nothing. `data` itself is changed (paths are removed in place) and must not be used after.
    """
    warnings: list[str] = []
    for path in paths:
        parts = _split_path(path)
        if not parts or parts == ["**"]:
            warnings.append(f"[persona] private path {path!r} is not a field path; ignored")
        elif _remove_path(data, parts) == 0:
            warnings.append(f"[persona] private path {path!r} matched nothing in the profile")
    cleaned: dict[str, Any] = _drop_sensitive(data)
    return cleaned, warnings


_EMAIL = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?<![\w.+/-])\+?\(?\d[\d ().\-]{5,22}\d(?![\w/])")
_PRIVATE_TEXT = "[private]"


def _phone_like(match: re.Match[str]) -> str:
    found = match.group(0)
    digits = sum(ch.isdigit() for ch in found)
    low = 8 if found.startswith("+") else 9
    if low <= digits <= 15 and not re.fullmatch(r"\d{4}\s*[-–]\s*\d{4}", found):
        return _PRIVATE_TEXT
    return found


_PAY = re.compile(
    r"\b(?:salary|salaries|remuneration|pay (?:expectations?|range|rise)|expected pay|day rate)\b",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


def scrub(text: str) -> str:
    """Replace e-mail addresses and phone numbers in `text` (a last line of defence)."""
    return _PHONE.sub(_phone_like, _EMAIL.sub(_PRIVATE_TEXT, text))


def mentions_pay(text: str) -> bool:
    """Whether `text` talks about salary or pay (always private)."""
    return bool(_PAY.search(text))


def drop_pay_sentences(text: str) -> str:
    """Salary is always private: drop sentences that talk about it, wherever they are."""
    if not _PAY.search(text):
        return text
    lines = []
    for line in text.split("\n"):
        kept = [s for s in _SENTENCE_END.split(line) if not _PAY.search(s)]
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
