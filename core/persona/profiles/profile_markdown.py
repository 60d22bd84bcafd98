"""Read a Markdown profile into drafts: one section per heading, private sections left out."""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.persona.profiles.chunks import Draft, drafts_from_lines, norm_key, slug
from core.privacy.privacy import (
    PrivateLabels,
    is_sensitive_heading,
    is_sensitive_key,
    rule_for_key,
)
from core.privacy.withheld import Redactor

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_LABEL_LINE = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\*\*|__)?([A-Za-z][\w /&'-]{0,40}?)(?:\*\*|__)?\s*[:：]"
)


_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_RULE = re.compile(r"^\s*([-*_])(?:\s*\1){2,}\s*$")  # ---, ***, ___ on a line of their own
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")  # "Side Projects" underlined: a heading


def _setext_title(body: list[str], underline: str) -> str | None:
    """The heading a setext underline (`===` or `---` right under a line of text) makes of the
    body's last line: one short line of text, not a list item, quote or table row, with a blank
    line or nothing above it. A rule after a blank line stays a rule."""
    if not body or not _SETEXT.match(underline):
        return None
    last = body[-1].strip()
    above = body[-2].strip() if len(body) >= 2 else ""
    if not last or above or len(last) > 80 or _BLOCK_START.match(last) or _FENCE.match(last):
        return None
    return last


def _plain(text: str) -> str:
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return " ".join(re.sub(r"[*_`]+", "", text).split())


# A site page's title names the document, not the person: "title: Resume", "CV | Jane Doe".
_DOCUMENT_WORDS = frozenset(
    [
        "resume",
        "résumé",
        "cv",
        "vita",
        "vitae",
        "curriculum",
        "about",
        "me",
        "home",
        "page",
        "my",
        "online",
        "profile",
        "of",
    ]
)
_ROLE_WORDS = re.compile(
    r"(?i)\b(?:engineer|developer|manager|designer|scientist|analyst|consultant|architect|"
    r"director|lead|officer|student|researcher|specialist|administrator|dba|founder|intern)\b"
)


def _front_name(value: str) -> str:
    """The person's name in a front-matter title such as "Jane Doe - Resume", or "" when the
    value is a document's title ("Resume"), a role ("Data Engineer") or a handle ("3manuek")."""
    for part in re.split(r"\s[-|–—:·]\s|'s\s", value):
        words = [w for w in part.split() if w.lower().strip(".,") not in _DOCUMENT_WORDS]
        if (
            2 <= len(words) <= 4
            and all(
                w[:1].isupper() and w.replace("-", "").replace("'", "").replace(".", "").isalpha()
                for w in words
            )
            and not _ROLE_WORDS.search(part)
        ):
            return " ".join(words)
    return ""


def _front_matter(front: dict[str, str]) -> tuple[str, str]:
    """Name and headline from a page's front matter (a Jekyll or Hugo résumé): `name:` or a
    title, subtitle or author that is a person's name; `headline:`, or a title that is not."""
    name = front.get("name", "")
    for key in ("title", "subtitle", "author"):
        name = name or _front_name(front.get(key, ""))
    headline = front.get("headline", "")
    for key in ("title", "subtitle", "description"):
        value = front.get(key, "")
        words = {w.lower().strip(".,") for w in value.split()}
        if not headline and value and not words <= _DOCUMENT_WORDS and not _front_name(value):
            headline = value
    return name, headline


def _heading_words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", _plain(text).lower())


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


def _bare_entry(sections: list[tuple[int, str, list[str]]], at: int, parents: list[str]) -> bool:
    """A heading with nothing under it that is an entry of a section (a job, a degree): it has
    a section above it and no heading below it."""
    level = sections[at][0]
    leaf = at + 1 >= len(sections) or sections[at + 1][0] <= level
    return level >= 2 and bool(parents) and leaf


def read_markdown(
    text: str, private: Sequence[str], warnings: list[str], redactor: Redactor | None = None
) -> tuple[str, str, list[Draft]]:
    """Name, headline and drafts of a Markdown profile; private sections are left out.

    Front matter (`name:`, `headline:`) and the first `#` heading give the name; each heading
    starts a section. Warnings (private paths that matched nothing) are appended to `warnings`;
    the private sections and lines left out are recorded in `redactor`, when given.
    """
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)  # owners keep notes in comments
    lines = text.splitlines()
    front: dict[str, str] = {}
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, min(len(lines), 60)) if lines[i].strip() == "---"), None)
        if end is not None:
            for line in lines[1:end]:
                key, sep, value = line.partition(":")
                if sep:
                    front[norm_key(key)] = value.strip().strip("\"'")
            lines = lines[end + 1 :]

    labels = PrivateLabels(private)
    sections: list[tuple[int, str, list[str]]] = [(0, "", [])]  # (level, heading, body)
    in_fence = False
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
        found = None if in_fence else _HEADING.match(line)
        setext = None if in_fence or found else _setext_title(sections[-1][2], line)
        if setext:
            sections[-1][2].pop()
            level = 1 if line.strip().startswith("=") else 2
            sections.append((level, _plain(setext), []))
        elif found:
            sections.append((len(found.group(1)), _plain(found.group(2)), []))
        else:
            sections[-1][2].append(line)

    name, headline = _front_matter(front)
    drafts: list[Draft] = []
    stack: list[tuple[int, str]] = []  # open headings above the current one
    dropped_level: int | None = None
    used_ids: set[str] = set()
    for at, (level, heading, body) in enumerate(sections):
        if level and dropped_level is not None and level > dropped_level:
            if redactor is not None and _plain(" ".join(body)):
                redactor.withhold(heading, "private path", _plain(" ".join(body)))
            continue
        dropped_level = None
        if level:
            words = _heading_words(heading)
            sensitive = is_sensitive_heading(words)
            if sensitive or labels.matches(words):
                dropped_level = level
                if redactor is not None:
                    rule = rule_for_key("_".join(words)) if sensitive else "private path"
                    redactor.withhold(heading, rule, _plain(" ".join(body)) or "(a heading)")
                continue
            while stack and stack[-1][0] >= level:
                stack.pop()
            parents = [h for _, h in stack]
            stack.append((level, heading))
        else:
            parents = []
        kept = []
        for line in body:
            if _RULE.match(line):
                continue  # a horizontal rule divides, it says nothing
            line = _QUOTE.sub("", line)  # "> Erlang is my favourite language": a quote is text
            label = _LABEL_LINE.match(line)
            if label:
                words = _heading_words(label.group(1))
                sensitive = is_sensitive_key("_".join(words))
                if sensitive or labels.matches(words):
                    if redactor is not None:
                        rule = rule_for_key("_".join(words)) if sensitive else "private path"
                        where = f"{heading or 'top'}: {label.group(1).strip()}"
                        redactor.withhold(where, rule, _plain(line[label.end() :]) or "(a line)")
                    continue
            kept.append(line.rstrip())
        paragraph = "\n".join(_unwrap(kept)).strip()
        paragraph = re.sub(r"\n{3,}", "\n\n", paragraph)
        if level == 1 and not name:
            name = heading
            first = paragraph.split("\n\n")[0].strip() if paragraph else ""
            # not a list of contact details, nor a table of them
            if (
                first
                and len(first) <= 160
                and not headline
                and not first.startswith(("-", "*", "|"))
            ):
                headline = _plain(first)
        if not paragraph and _bare_entry(sections, at, [p for p in parents if p != name]):
            paragraph = heading  # "### BSc ..., University (2016 - 2019)" with nothing under it
        if not paragraph:
            continue
        if level == 0 or (level == 1 and heading == name):
            title, section = "About me", "about"
        else:
            title = " ".join(_TAG.sub(" ", heading).split()) or heading  # <span>Role</span>
            top = [p for p in parents if p != name]
            section = top[0] if top else heading
        base = slug(title)
        chunk_id, n = base, 1
        while chunk_id in used_ids:
            n += 1
            chunk_id = f"{base}-{n}"
        used_ids.add(chunk_id)
        drafts += drafts_from_lines(paragraph.split("\n"), title, section, chunk_id)
    for path in labels.unmatched():
        warnings.append(
            f"[persona] private path {path!r} matched no heading or field in the profile"
        )
    return _plain(name), _plain(headline), drafts
