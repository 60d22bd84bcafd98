"""Load a twin's profile (the digitaltwin.json layout, any JSON object, or Markdown) into chunks.

Private data is removed *before* chunking, so it can never reach a prompt: contact details and
`salary_location` always, every dotted path the owner lists, content chunks marked private, and
(belt and braces) e-mail addresses and phone numbers found anywhere in the text.

Private paths: dot-separated keys (matched case-insensitively), with list indexes (`experience.0`),
`*` (any key or element) and `**` (any depth: `**.salary`). A key applied to a list applies to
every element (`experience.manager`). In Markdown a path's last key names a heading (`Salary`).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

MAX_CHUNK_WORDS = 240  # long sections are split so retrieval stays precise and prompts small


@dataclass(frozen=True)
class Chunk:
    """One retrievable piece of public profile text."""

    id: str
    title: str
    text: str
    section: str
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Profile:
    """A loaded profile: only public text, in chunks."""

    name: str  # e.g. "Maya Okafor"
    headline: str  # e.g. "Data engineer in Leeds"
    chunks: tuple[Chunk, ...]
    fingerprint: str  # sha256 of the public content: changes when the profile changes
    source: Path
    warnings: tuple[str, ...] = ()  # e.g. a private path that matched nothing

    @property
    def public_chars(self) -> int:
        """Characters of public text (titles and texts): decides whole-profile prompts."""
        return sum(len(c.title) + len(c.text) + 1 for c in self.chunks)


class ProfileError(Exception):
    """A profile that cannot be used; the message names the file and what is wrong."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


def load_profile(path: Path, private: Sequence[str] = ()) -> Profile:
    """Read a profile file; `.json` / `.md` / `.markdown` by extension, otherwise sniffed."""
    path = Path(path)
    text = _read_text(path)
    if not text.strip():
        raise ProfileError(path, "the file is empty")
    suffix = path.suffix.lower()
    is_json = suffix == ".json" or (
        suffix not in _MARKDOWN_SUFFIXES and text.lstrip()[:1] in ("{", "[")
    )
    warnings: list[str] = []
    if is_json:
        name, headline, drafts = _from_json(_parse_json(path, text), private, warnings)
    else:
        name, headline, drafts = _from_markdown(text, private, warnings)
    chunks = _finish(drafts)
    if not chunks:
        raise ProfileError(path, "no usable public text found (is every section private or empty?)")
    name, headline = scrub(name), scrub(headline)
    return Profile(
        name=name,
        headline=headline,
        chunks=chunks,
        fingerprint=_fingerprint(name, headline, chunks),
        source=path,
        warnings=tuple(f"{path}: {w}" for w in warnings),
    )


# --- reading ------------------------------------------------------------------------------

_MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ProfileError(path, "file not found") from None
    except IsADirectoryError:
        raise ProfileError(path, "is a directory, not a profile file") from None
    except OSError as exc:
        raise ProfileError(path, f"cannot read the file ({exc.strerror or 'OS error'})") from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with BOM (Windows PowerShell output)
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ProfileError(path, "starts like UTF-16 but cannot be decoded") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProfileError(
            path, f"not UTF-8 text (invalid byte at offset {exc.start}); save it as UTF-8"
        ) from None


def _parse_json(path: Path, text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProfileError(
            path, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise ProfileError(path, "invalid JSON: nested too deeply") from None
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else type(data).__name__
        raise ProfileError(path, f"expected a JSON object at the top level, got {kind}")
    return data


# --- private data -------------------------------------------------------------------------

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


def _norm_key(key: str) -> str:
    key = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", str(key))
    return re.sub(r"[^a-z0-9]+", "_", key.lower()).strip("_")


def _is_sensitive_key(key: str) -> bool:
    k = _norm_key(key)
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
        keys = [k for k in node if head == "*" or _norm_key(k) == _norm_key(head)]
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
        return {k: _drop_sensitive(v) for k, v in node.items() if not _is_sensitive_key(k)}
    if isinstance(node, list):
        return [_drop_sensitive(v) for v in node if v is not _REMOVED]
    return node


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


def _drop_pay_sentences(text: str) -> str:
    """Salary is always private: drop sentences that talk about it, wherever they are."""
    if not _PAY.search(text):
        return text
    lines = []
    for line in text.split("\n"):
        kept = [s for s in _SENTENCE_END.split(line) if not _PAY.search(s)]
        if kept or not line.strip():
            lines.append(" ".join(kept))
    return "\n".join(lines)


# --- JSON ---------------------------------------------------------------------------------

_PERSONAL_KEYS = ("personal", "personal_info", "personal_information", "basics", "about", "profile")
_HEADLINE_KEYS = ("title", "headline", "label", "current_role", "role", "tagline")
_CHUNK_LIST_KEYS = {"content_chunks", "chunks", "documents", "docs", "knowledge", "entries"}
_META_KEYS = {
    "schema", "schema_version", "version", "metadata", "meta", "last_updated", "updated_at",
    "updated", "generated_at", "created_at", "comment", "comments", "note", "notes_to_self",
}  # fmt: skip
_SKIP_KEYS = {"id", "uuid", "embedding", "embeddings", "vector", "vectors"}
_NAME_KEYS = (
    "title", "name", "project_name", "role", "position", "degree", "program", "programme",
    "qualification", "course", "certification", "language", "skill", "question", "weakness",
    "label", "heading", "topic",
)  # fmt: skip
_ORG_KEYS = (
    "company", "organization", "organisation", "employer", "client", "institution",
    "university", "school", "college", "provider", "issuer", "platform",
)  # fmt: skip
_WHEN_KEYS = ("duration", "dates", "date", "period", "timeline", "years", "year", "graduation_year")
_JOB_SECTIONS = ("experience", "work", "employment", "job", "position", "role", "volunteer")
_TEXT_KEYS = ("content", "text", "body", "chunk", "description", "summary")
_PLACEHOLDERS = {"", "n/a", "na", "none", "null", "tbd", "to_add", "todo", "-", "—", "?"}
_LABELS = {
    "personal": "About me",
    "basics": "About me",
    "projects_portfolio": "Projects",
    "achievements_star": "Achievements",
    "ai_ml": "AI/ML",
    "gpa": "GPA",
    "github_url": "GitHub",
    "url": "URL",
    "star": "STAR",
}


def _label(key: str) -> str:
    k = _norm_key(key)
    if k in _LABELS:
        return _LABELS[k]
    words = k.replace("_", " ").strip() or str(key)
    return words[:1].upper() + words[1:]


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    return "" if text.lower() in _PLACEHOLDERS else text


def _first(item: dict[str, Any], keys: Iterable[str]) -> str | None:
    by_norm = {_norm_key(k): k for k in item}
    for want in keys:
        key = by_norm.get(want)
        if key is not None and _is_scalar(item[key]) and _scalar(item[key]):
            return key
    return None


def _numbers_only(values: list[Any]) -> bool:
    return len(values) > 16 and all(isinstance(v, int | float) for v in values)


def _inline(value: Any, nested: bool = False) -> str:
    """Any value on one line: `Python (proficiency: Expert, years: 6)`."""
    if _is_scalar(value):
        return _scalar(value)
    if isinstance(value, list):
        if _numbers_only(value):
            return ""
        long_items = any(isinstance(v, dict) or len(str(v).split()) > 5 for v in value)
        return ("; " if long_items else ", ").join(
            s for s in (_inline(v, nested) for v in value) if s
        )
    if not isinstance(value, dict):
        return _scalar(str(value))
    primary = _first(value, _NAME_KEYS)
    head = _scalar(value[primary]) if primary else ""
    rest = []
    for key, item in value.items():
        if key == primary or _norm_key(key) in _SKIP_KEYS:
            continue
        text = _inline(item, True)
        if text:
            label = _label(key)
            rest.append(f"{label.lower() if head or nested else label}: {text}")
    if head:
        return f"{head} ({', '.join(rest)})" if rest else head
    return ("(" + ", ".join(rest) + ")") if nested and rest else _join_parts(rest)


def _join_parts(parts: list[str]) -> str:
    """`Situation: A. Task: B.`: a space after a finished sentence, else a semicolon."""
    out = ""
    for part in parts:
        out += part if not out else (" " if out[-1] in ".!?" else "; ") + part
    return out


def _lines(value: Any, label: str) -> list[str]:
    """Readable `Label: value` lines for any JSON value."""
    if _is_scalar(value):
        text = _scalar(value)
        return [f"{label}: {text}" if label else text] if text else []
    if isinstance(value, list):
        items = [v for v in value if v is not _REMOVED and (_inline(v) if _is_scalar(v) else v)]
        if not items or _numbers_only(items):
            return []
        dicts = [v for v in items if isinstance(v, dict)]
        compact = all(_is_scalar(v) for v in items) or (
            all(_first(d, _NAME_KEYS) for d in dicts) and all(len(_inline(v)) < 140 for v in items)
        )
        if compact:
            text = _inline(items)
            return [f"{label}: {text}" if label else text] if text else []
        out: list[str] = []
        for item in items:
            primary = _first(item, _NAME_KEYS) if isinstance(item, dict) else None
            if isinstance(item, dict) and not any(
                isinstance(v, dict | list) for v in item.values()
            ):
                text = _inline(item)
                out += [f"{label}: {text}" if label else text] if text else []
            elif isinstance(item, dict) and primary:
                head = _scalar(item[primary])
                out.append(f"{label}: {head}" if label else head)
                out += _lines({k: v for k, v in item.items() if k != primary}, "")
            else:
                out += _lines(item, label)
        return out
    if isinstance(value, dict):
        out = []
        for key, item in value.items():
            if _norm_key(key) in _SKIP_KEYS:
                continue
            out += _lines(item, f"{label} / {_label(key)}" if label else _label(key))
        return out
    return _lines(str(value), label)


@dataclass
class _Draft:
    id: str
    title: str
    text: str
    section: str
    tags: tuple[str, ...] = ()


def _words(text: str) -> int:
    return len(text.split())


def _split_long_line(line: str) -> list[str]:
    if _words(line) <= MAX_CHUNK_WORDS:
        return [line]
    pieces: list[str] = []
    current: list[str] = []
    for sentence in re.split(r"(?<=[.!?;])\s+", line):
        words = sentence.split()
        while len(words) > MAX_CHUNK_WORDS:  # a single huge "sentence"
            if current:
                pieces.append(" ".join(current))
                current = []
            pieces.append(" ".join(words[:MAX_CHUNK_WORDS]))
            words = words[MAX_CHUNK_WORDS:]
        if current and len(current) + len(words) > MAX_CHUNK_WORDS:
            pieces.append(" ".join(current))
            current = []
        current += words
    if current:
        pieces.append(" ".join(current))
    return pieces


def _drafts_from_lines(
    lines: list[str], title: str, section: str, base_id: str, tags: tuple[str, ...] = ()
) -> list[_Draft]:
    groups: list[list[str]] = []
    size = 0
    for line in (piece for raw in lines for piece in _split_long_line(raw)):
        words = _words(line)
        if not groups or size + words > MAX_CHUNK_WORDS:
            groups.append([])
            size = 0
        groups[-1].append(line)
        size += words
    drafts = []
    for n, group in enumerate(groups, 1):
        text = "\n".join(group).strip()
        if not text:
            continue
        chunk_id = base_id if n == 1 else f"{base_id}-part{n}"
        chunk_title = title if n == 1 else f"{title} (part {n})"
        drafts.append(_Draft(chunk_id, chunk_title, text, section, tags))
    return drafts


def _slug(text: str) -> str:
    return re.sub(r"[\W_]+", "-", str(text).lower()).strip("-")[:48].rstrip("-") or "chunk"


_DATE_LIKE = re.compile(r"\b(?:(?:19|20)\d\d|present|current|now)\b", re.I)
_SMALL_ITEM_CHARS = 160  # list items this short share one chunk instead of one each


def _item_title(item: dict[str, Any], section: str) -> tuple[str, set[str]]:
    primary, org, when = _first(item, _NAME_KEYS), _first(item, _ORG_KEYS), _first(item, _WHEN_KEYS)
    if when and not _DATE_LIKE.search(_scalar(item[when])):
        when = None  # "years": 6 of a skill is not a date
    used = {k for k in (primary, org, when) if k}
    title = _scalar(item[primary]) if primary else ""
    if org:
        joiner = " at " if any(w in _norm_key(section) for w in _JOB_SECTIONS) else ", "
        title = f"{title}{joiner}{_scalar(item[org])}" if title else _scalar(item[org])
    if when and title:
        title = f"{title} ({_scalar(item[when])})"
    elif when:
        used.discard(when)
    return title, used


def _value_drafts(value: Any, title: str, section: str, base_id: str) -> list[_Draft]:
    dicts = [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
    if dicts and any(len(_inline(v)) > _SMALL_ITEM_CHARS for v in dicts):
        drafts: list[_Draft] = []
        for n, item in enumerate(dicts, 1):
            item_title, used = _item_title(item, section)
            lines = _lines({k: v for k, v in item.items() if k not in used}, "")
            drafts += _drafts_from_lines(
                lines or [_inline(item)], item_title or f"{title} {n}", section, f"{base_id}-{n}"
            )
        loose = [v for v in value if not isinstance(v, dict)]
        return drafts + _drafts_from_lines(_lines(loose, ""), title, section, f"{base_id}-more")
    if isinstance(value, dict):
        lists = {k: v for k, v in value.items() if isinstance(v, list) and len(v) > 1}
        lists = {k: v for k, v in lists.items() if any(isinstance(i, dict) for i in v)}
        if lists and _words("\n".join(_lines(value, ""))) > MAX_CHUNK_WORDS:
            rest = {k: v for k, v in value.items() if k not in lists}
            drafts = _drafts_from_lines(_lines(rest, ""), title, section, base_id)
            for key, items in lists.items():
                drafts += _value_drafts(
                    items, f"{title}: {_label(key)}", section, f"{base_id}.{_slug(key)}"
                )
            return drafts
    return _drafts_from_lines(_lines(value, ""), title, section, base_id)


def _meta(item: dict[str, Any]) -> dict[str, Any]:
    meta = item.get("metadata")
    return meta if isinstance(meta, dict) else {}


def _is_private_chunk(item: dict[str, Any]) -> bool:
    meta = _meta(item)
    for key in ("id", "title", "name"):
        words = set(_norm_key(str(item.get(key) or "")).split("_"))
        if words & {"salary", "salaries", "compensation", "contact", "contacts"}:
            return True
    for source in (item, meta):
        for key, value in source.items():
            k = _norm_key(key)
            if k in _PRIVATE_MARKS and value not in (False, None, "", 0, "false", "no"):
                return True
            marked = _norm_key(str(value))
            if k in ("visibility", "access", "privacy", "audience", "classification") and (
                marked in _PRIVATE_MARKS
            ):
                return True
            if k in ("type", "category", "kind") and marked in _SENSITIVE_TYPES:
                return True
            tags = value if k == "tags" and isinstance(value, list) else []
            if any(_norm_key(str(t)) in _PRIVATE_MARKS for t in tags):
                return True
    return False


def _tags_of(item: dict[str, Any]) -> tuple[str, ...]:
    meta = _meta(item)
    found: list[str] = []
    for source in (item, meta):
        for key in ("tags", "keywords"):
            values = source.get(key)
            if isinstance(values, list):
                found += [_scalar(v) for v in values if _is_scalar(v)]
            elif isinstance(values, str):
                found += [t.strip() for t in values.split(",")]
        for key in ("type", "category"):
            if _is_scalar(source.get(key)):
                found.append(_scalar(source.get(key)))
    return tuple(dict.fromkeys(t for t in found if t))


def _content_drafts(items: list[Any], key: str) -> list[_Draft]:
    drafts: list[_Draft] = []
    for n, item in enumerate(items, 1):
        base = f"{_slug(key)}-{n}"
        if _is_scalar(item):
            drafts += _drafts_from_lines(_lines(item, ""), _label(key), key, base)
            continue
        if not isinstance(item, dict) or _is_private_chunk(item):
            continue
        text_key = _first(item, _TEXT_KEYS)
        if text_key:
            paragraphs = [" ".join(p.split()) for p in str(item[text_key]).split("\n")]
            lines = [p for p in paragraphs if p]
        else:
            rest = {k: v for k, v in item.items() if _norm_key(k) not in {"metadata", "tags"}}
            lines = _lines(rest, "")
        title_key = _first(item, ("title", "name", "heading", "label"))
        kind = _scalar(item.get("type")) if _is_scalar(item.get("type")) else ""
        title = _scalar(item[title_key]) if title_key else (_label(kind) if kind else _label(key))
        chunk_id = _scalar(item.get("id")) if _is_scalar(item.get("id")) else ""
        drafts += _drafts_from_lines(lines, title, kind or key, chunk_id or base, _tags_of(item))
    return drafts


def _from_json(
    data: dict[str, Any], private: Sequence[str], warnings: list[str]
) -> tuple[str, str, list[_Draft]]:
    for path in private:
        parts = _split_path(path)
        if not parts or parts == ["**"]:
            warnings.append(f"private path {path!r} is not a field path; ignored")
        elif _remove_path(data, parts) == 0:
            warnings.append(f"private path {path!r} matched nothing in the profile")
    data = _drop_sensitive(data)

    personal_key = next((k for k in data if _norm_key(k) in _PERSONAL_KEYS), None)
    personal = data.get(personal_key) if personal_key else None
    personal = personal if isinstance(personal, dict) else {}
    name = _scalar(personal.get(_first(personal, ("name", "full_name")) or "")) or _scalar(
        data.get(_first(data, ("name", "full_name")) or "")
    )
    headline = ""
    title_key = _first(personal, _HEADLINE_KEYS)
    if title_key:
        headline = _scalar(personal[title_key])
        location = personal.get(_first(personal, ("location", "city")) or "")
        if _is_scalar(location) and _scalar(location):
            headline = f"{headline} in {_scalar(location)}"
    elif _first(personal, ("summary",)):
        headline = re.split(r"(?<=[.!?])\s", _scalar(personal["summary"]))[0][:160]

    drafts: list[_Draft] = []
    for key, value in data.items():
        norm = _norm_key(key)
        if norm in _META_KEYS or norm.startswith("_") or key.startswith(("_", "$")):
            continue
        if norm in _CHUNK_LIST_KEYS and isinstance(value, list):
            drafts += _content_drafts(value, key)
        elif key == personal_key:
            drafts += _value_drafts(value, "About me", key, "about")
        else:
            drafts += _value_drafts(value, _label(key), key, _slug(key))
    return name, headline, drafts


# --- Markdown -----------------------------------------------------------------------------

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_LABEL_LINE = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\*\*|__)?([A-Za-z][\w /&'-]{0,40}?)(?:\*\*|__)?\s*[:：]"
)
_SENSITIVE_HEADING_WORDS = {"contact", "contacts", "salary", "salaries", "compensation"}


def _plain(text: str) -> str:
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return " ".join(re.sub(r"[*_`]+", "", text).split())


def _heading_words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", _plain(text).lower())


def _private_phrases(private: Sequence[str]) -> list[tuple[str, list[str]]]:
    phrases = []
    for path in private:
        keys = [
            p for p in _split_path(path) if p not in ("*", "**") and not p.lstrip("-").isdigit()
        ]
        if keys:
            phrases.append((path, _norm_key(keys[-1]).split("_")))
    return phrases


def _matches_phrase(words: list[str], phrase: list[str]) -> bool:
    return bool(words) and set(phrase) <= set(words) and len(words) <= len(phrase) + 2


_BLOCK_START = re.compile(r"\s*(?:[-*+]\s|\d+[.)]\s|\||>)")


def _unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines: one line per paragraph or list item (code blocks kept)."""
    out: list[str] = []
    joinable = False
    in_fence = False
    for raw in lines:
        line = raw.rstrip()
        if _FENCE.match(line) or in_fence:
            in_fence = in_fence != bool(_FENCE.match(line))
            out.append(line)
            joinable = False
        elif not line.strip():
            out.append("")
            joinable = False
        elif joinable and not _BLOCK_START.match(line):
            out[-1] = f"{out[-1]} {line.strip()}"
        else:
            out.append(line)
            joinable = not line.lstrip().startswith("|")
    return out


def _from_markdown(
    text: str, private: Sequence[str], warnings: list[str]
) -> tuple[str, str, list[_Draft]]:
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)  # owners keep notes in comments
    lines = text.splitlines()
    front: dict[str, str] = {}
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, min(len(lines), 60)) if lines[i].strip() == "---"), None)
        if end is not None:
            for line in lines[1:end]:
                key, sep, value = line.partition(":")
                if sep:
                    front[_norm_key(key)] = value.strip().strip("\"'")
            lines = lines[end + 1 :]

    phrases = _private_phrases(private)
    matched: set[str] = set()

    def private_label(words: list[str]) -> bool:
        hit = [p for p, phrase in phrases if _matches_phrase(words, phrase)]
        matched.update(hit)
        return bool(hit)

    sections: list[tuple[int, str, list[str]]] = [(0, "", [])]  # (level, heading, body)
    in_fence = False
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
        found = None if in_fence else _HEADING.match(line)
        if found:
            sections.append((len(found.group(1)), _plain(found.group(2)), []))
        else:
            sections[-1][2].append(line)

    name = front.get("name", "")
    headline = front.get("headline", "") or front.get("title", "")
    drafts: list[_Draft] = []
    stack: list[tuple[int, str]] = []  # open headings above the current one
    dropped_level: int | None = None
    used_ids: set[str] = set()
    for level, heading, body in sections:
        if level and dropped_level is not None and level > dropped_level:
            continue
        dropped_level = None
        if level:
            words = _heading_words(heading)
            if _SENSITIVE_HEADING_WORDS & set(words) or private_label(words):
                dropped_level = level
                continue
            while stack and stack[-1][0] >= level:
                stack.pop()
            parents = [h for _, h in stack]
            stack.append((level, heading))
        else:
            parents = []
        kept = []
        for line in body:
            label = _LABEL_LINE.match(line)
            if label:
                words = _heading_words(label.group(1))
                if _is_sensitive_key("_".join(words)) or private_label(words):
                    continue
            kept.append(line.rstrip())
        paragraph = "\n".join(_unwrap(kept)).strip()
        paragraph = re.sub(r"\n{3,}", "\n\n", paragraph)
        if level == 1 and not name:
            name = heading
            first = paragraph.split("\n\n")[0].strip() if paragraph else ""
            if first and len(first) <= 160 and not headline and not first.startswith(("-", "*")):
                headline = _plain(first)
        if not paragraph:
            continue
        if level == 0 or (level == 1 and heading == name):
            title, section = "About me", "about"
        else:
            title = heading
            top = [p for p in parents if p != name]
            section = top[0] if top else heading
        base = _slug(title)
        chunk_id, n = base, 1
        while chunk_id in used_ids:
            n += 1
            chunk_id = f"{base}-{n}"
        used_ids.add(chunk_id)
        drafts += _drafts_from_lines(paragraph.split("\n"), title, section, chunk_id)
    for path, _ in phrases:
        if path not in matched:
            warnings.append(f"private path {path!r} matched no heading or field in the profile")
    return _plain(name), _plain(headline), drafts


# --- finishing ----------------------------------------------------------------------------


def _norm_text(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _finish(drafts: list[_Draft]) -> tuple[Chunk, ...]:
    """Scrub, drop empty and duplicate texts, make ids unique."""
    cleaned = []
    for d in drafts:
        text = _drop_pay_sentences(scrub(d.text)).strip()
        if _norm_text(text):
            tags = tuple(scrub(t) for t in d.tags if not _PAY.search(t))
            cleaned.append(replace(d, title=scrub(d.title), text=text, tags=tags))
    keys = [_norm_text(d.text) for d in cleaned]
    words = [
        set(_norm_text(f"{d.title} {d.text} {d.section} {' '.join(d.tags)}").split())
        for d in cleaned
    ]

    def repeats(i: int, j: int) -> bool:
        """Chunk i says nothing chunk j does not: same (or contained) text, no new title words."""
        if i == j or not set(_norm_text(cleaned[i].title).split()) <= words[j]:
            return False
        if keys[i] == keys[j]:
            return j < i  # of identical texts keep the first
        return len(keys[i]) >= 40 and keys[i] in keys[j]

    kept = [d for i, d in enumerate(cleaned) if not any(repeats(i, j) for j in range(len(cleaned)))]
    chunks: list[Chunk] = []
    ids: set[str] = set()
    for d in kept:
        chunk_id, n = d.id, 1
        while chunk_id in ids:
            n += 1
            chunk_id = f"{d.id}-{n}"
        ids.add(chunk_id)
        chunks.append(Chunk(chunk_id, d.title, d.text, d.section, d.tags))
    return tuple(chunks)


def _fingerprint(name: str, headline: str, chunks: tuple[Chunk, ...]) -> str:
    payload = [name, headline, [[c.id, c.title, c.text, c.section, list(c.tags)] for c in chunks]]
    blob = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()
