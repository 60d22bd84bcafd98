"""Read a JSON profile: the digitaltwin.json layout, or any JSON object, into drafts.

Known sections (`personal`, `experience`, `content_chunks`, ...) get readable titles; anything
else becomes `Label: value` lines. Private data is removed (see `privacy`) before any text is made.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from core.persona.profiles.chunks import (
    MAX_CHUNK_WORDS,
    Draft,
    drafts_from_lines,
    norm_key,
    slug,
    word_count,
)
from core.privacy.privacy import is_private_chunk, remove_private, text_of
from core.privacy.withheld import Redactor

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
    k = norm_key(key)
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
    by_norm = {norm_key(k): k for k in item}
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
        if key == primary or norm_key(key) in _SKIP_KEYS:
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
        items = [v for v in value if (_inline(v) if _is_scalar(v) else v)]
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
            if norm_key(key) in _SKIP_KEYS:
                continue
            out += _lines(item, f"{label} / {_label(key)}" if label else _label(key))
        return out
    return _lines(str(value), label)


_DATE_LIKE = re.compile(r"\b(?:(?:19|20)\d\d|present|current|now)\b", re.I)
_SMALL_ITEM_CHARS = 160  # list items this short share one chunk instead of one each


def _item_title(item: dict[str, Any], section: str) -> tuple[str, set[str]]:
    primary, org, when = _first(item, _NAME_KEYS), _first(item, _ORG_KEYS), _first(item, _WHEN_KEYS)
    position = _first(item, ("position",))
    if position and primary and norm_key(primary) == "name" and not org:
        primary, org = position, primary  # JSON Resume: {"name": company, "position": role}
    if when and not _DATE_LIKE.search(_scalar(item[when])):
        when = None  # "years": 6 of a skill is not a date
    used = {k for k in (primary, org, when) if k}
    title = _scalar(item[primary]) if primary else ""
    if org:
        joiner = " at " if any(w in norm_key(section) for w in _JOB_SECTIONS) else ", "
        title = f"{title}{joiner}{_scalar(item[org])}" if title else _scalar(item[org])
    span, span_keys = _start_end(item)
    if when and title:
        title = f"{title} ({_scalar(item[when])})"
    elif span and title:
        title = f"{title} ({span})"
        used |= span_keys
    elif when:
        used.discard(when)
    return title, used


def _start_end(item: dict[str, Any]) -> tuple[str, set[str]]:
    """JSON Resume's `startDate` / `endDate` as "2019-03 – 2022-07" (no end: "present")."""
    start = _first(item, ("start_date", "start", "from"))
    if not start or not _DATE_LIKE.search(_scalar(item[start])):
        return "", set()
    end = _first(item, ("end_date", "end", "to", "until"))
    until = _scalar(item[end]) if end else "present"
    return f"{_scalar(item[start])} – {until}", {start} | ({end} if end else set())


def _dated_entries(dicts: list[dict[str, Any]], section: str) -> bool:
    """Jobs or studies that each give a date: each is an entry of the timeline ("before X",
    "my first job", the current role), so each is a chunk of its own however short."""
    if not any(w in norm_key(section) for w in (*_JOB_SECTIONS, "education")):
        return False
    return all(_item_title(item, section)[0] and _dated(item) for item in dicts)


def _dated(item: dict[str, Any]) -> bool:
    when = _first(item, _WHEN_KEYS)
    return bool(_start_end(item)[0]) or bool(when and _DATE_LIKE.search(_scalar(item[when])))


def _value_drafts(value: Any, title: str, section: str, base_id: str) -> list[Draft]:
    dicts = [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
    if dicts and (
        any(len(_inline(v)) > _SMALL_ITEM_CHARS for v in dicts) or _dated_entries(dicts, section)
    ):
        drafts: list[Draft] = []
        for n, item in enumerate(dicts, 1):
            item_title, used = _item_title(item, section)
            lines = _lines({k: v for k, v in item.items() if k not in used}, "")
            drafts += drafts_from_lines(
                lines or [_inline(item)], item_title or f"{title} {n}", section, f"{base_id}-{n}"
            )
        loose = [v for v in value if not isinstance(v, dict)]
        return drafts + drafts_from_lines(_lines(loose, ""), title, section, f"{base_id}-more")
    if isinstance(value, dict):
        lists = {k: v for k, v in value.items() if isinstance(v, list) and len(v) > 1}
        lists = {k: v for k, v in lists.items() if any(isinstance(i, dict) for i in v)}
        if lists and word_count("\n".join(_lines(value, ""))) > MAX_CHUNK_WORDS:
            rest = {k: v for k, v in value.items() if k not in lists}
            drafts = drafts_from_lines(_lines(rest, ""), title, section, base_id)
            for key, items in lists.items():
                drafts += _value_drafts(
                    items, f"{title}: {_label(key)}", section, f"{base_id}.{slug(key)}"
                )
            return drafts
    return drafts_from_lines(_lines(value, ""), title, section, base_id)


def _meta(item: dict[str, Any]) -> dict[str, Any]:
    meta = item.get("metadata")
    return meta if isinstance(meta, dict) else {}


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


def _content_drafts(items: list[Any], key: str, redactor: Redactor | None) -> list[Draft]:
    drafts: list[Draft] = []
    for n, item in enumerate(items, 1):
        base = f"{slug(key)}-{n}"
        if _is_scalar(item):
            drafts += drafts_from_lines(_lines(item, ""), _label(key), key, base)
            continue
        if not isinstance(item, dict):
            continue
        if is_private_chunk(item):
            if redactor is not None:
                where = f"{key}.{_scalar(item.get('id')) or n - 1}"
                redactor.withhold(where, "private chunk", text_of(item.get("content") or item))
            continue
        text_key = _first(item, _TEXT_KEYS)
        if text_key:
            paragraphs = [" ".join(p.split()) for p in str(item[text_key]).split("\n")]
            lines = [p for p in paragraphs if p]
        else:
            rest = {k: v for k, v in item.items() if norm_key(k) not in {"metadata", "tags"}}
            lines = _lines(rest, "")
        title_key = _first(item, ("title", "name", "heading", "label"))
        kind = _scalar(item.get("type")) if _is_scalar(item.get("type")) else ""
        title = _scalar(item[title_key]) if title_key else (_label(kind) if kind else _label(key))
        chunk_id = _scalar(item.get("id")) if _is_scalar(item.get("id")) else ""
        drafts += drafts_from_lines(lines, title, kind or key, chunk_id or base, _tags_of(item))
    return drafts


def read_json(
    data: dict[str, Any],
    private: Sequence[str],
    warnings: list[str],
    redactor: Redactor | None = None,
) -> tuple[str, str, list[Draft]]:
    """Name, headline and drafts of a parsed JSON profile; private data is removed first.

    `data` is consumed (private paths are removed from it in place); warnings are appended;
    what was removed is recorded in `redactor`, when given.
    """
    data, unmatched = remove_private(data, private, redactor)
    warnings += unmatched

    personal_key = next((k for k in data if norm_key(k) in _PERSONAL_KEYS), None)
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

    drafts: list[Draft] = []
    for key, value in data.items():
        norm = norm_key(key)
        if norm in _META_KEYS or norm.startswith("_") or key.startswith(("_", "$")):
            continue
        if norm in _CHUNK_LIST_KEYS and isinstance(value, list):
            drafts += _content_drafts(value, key, redactor)
        elif key == personal_key:
            drafts += _value_drafts(value, "About me", key, "about")
        else:
            drafts += _value_drafts(value, _label(key), key, slug(key))
    return name, headline, drafts
