"""The Questions page's `<main>`: the owner loop's open gap groups with the owner's actions
(Answer, Keep private, Ignore), and the answers members voted down."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape

from bot.web.dashboard.actions import GAP_ACTIONS, Refusal
from bot.web.dashboard.data import Panel, Questions
from bot.web.dashboard.layout import card, figures, hidden, note, stamp, table, when
from bot.web.dashboard.visibility import Viewer, member_id, member_text
from core.config import Config
from core.insight.history import OpenGaps, ThumbsDown
from core.insight.reports import GapGroup
from core.owner.learned import MAX_ANSWER_CHARS
from core.store.owner_records import KIND_THUMBS_DOWN

ANSWER_SHOWN = 400  # characters of a voted-down answer shown before it is folded away


def _wordings(config: Config, viewer: Viewer, questions: Sequence[str]) -> str:
    """The newest wording, and the others folded away (as the privacy rule allows)."""
    first, *others = [escape(member_text(config, viewer, q)) for q in questions]
    if not others:
        return first
    items = "".join(f"<li>{q}</li>" for q in others)
    summary = f"<summary>{len(others)} more wording(s)</summary>"
    return f"{first}<details>{summary}<ul>{items}</ul></details>"


def _form(name: str, group_id: int, csrf: str, body: str, css: str) -> str:
    return (
        f'<form method="post" action="/questions/action" class="{css}">'
        f"{hidden('csrf', csrf)}{hidden('action', name)}{hidden('group', str(group_id))}"
        f"{body}</form>"
    )


def _answer_form(group_id: int, csrf: str, refusal: Refusal | None) -> str:
    """The Answer text box, folded until opened; open with the owner's text and the reason
    when their answer to this group was just refused."""
    mine = refusal is not None and refusal.group_id == group_id and refusal.action == "answer"
    kept = refusal.kept_text if mine and refusal else ""
    error = (
        f'<p class="error" role="alert">{escape(refusal.message)}</p>' if mine and refusal else ""
    )
    field = f"answer-{group_id}"
    body = (
        f'{error}<label for="{field}">Your own words: sent to everyone who asked, and added to '
        f"the learned facts (at most {MAX_ANSWER_CHARS:,} characters)</label>"
        f'<textarea id="{field}" name="text" rows="4" required{" autofocus" if mine else ""}>'
        f"{escape(kept)}</textarea>"
        f'<button type="submit">Send answer</button>'
    )
    label = escape(GAP_ACTIONS["answer"].label)
    return (
        f'<details class="answer"{" open" if mine else ""}><summary>{label}</summary>'
        f"{_form('answer', group_id, csrf, body, 'answer')}</details>"
    )


def _actions(group_id: int, csrf: str, refusal: Refusal | None) -> str:
    buttons = "".join(
        _form(name, group_id, csrf, f'<button type="submit">{escape(a.label)}</button>', "inline")
        for name, a in GAP_ACTIONS.items()
        if not a.takes_text
    )
    return _answer_form(group_id, csrf, refusal) + buttons


def _group_cell(g: GapGroup) -> str:
    tag = ' <span class="tag">thumbs-down</span>' if g.kind == KIND_THUMBS_DOWN else ""
    return f"#{g.id}{tag}"


def _refusal_box(refusal: Refusal, listed: bool) -> str:
    """The reason an action was refused; the owner's text too when its group is not listed
    any more (closed meanwhile), so it can be copied and nothing is lost."""
    if listed and refusal.action == "answer":
        return ""  # shown in the group's own open form, with the text
    box = f'<p class="error" role="alert">{escape(refusal.message)}</p>'
    if refusal.kept_text:
        box += (
            '<label for="kept-text">Your text (not used)</label>'
            f'<textarea id="kept-text" rows="4" readonly>{escape(refusal.kept_text)}</textarea>'
        )
    return f'<div class="refusal">{box}</div>'


def _gaps(
    found: Panel[OpenGaps], config: Config, viewer: Viewer, csrf: str, refusal: Refusal | None
) -> str:
    gaps = found.value
    if gaps is None:
        return card("Unanswered questions", note(found.note), name="gaps")
    listed = {g.id for g in gaps.groups}
    body = _refusal_box(refusal, refusal.group_id in listed) if refusal else ""
    body += figures(
        [
            ("open questions", f"{gaps.total:,}"),
            ("open groups", f"{max(gaps.open_groups, len(gaps.groups)):,}"),
            ("answered", f"{gaps.answered:,}"),
            ("kept private", f"{gaps.private:,}"),
            ("ignored", f"{gaps.ignored:,}"),
        ]
    )
    rows = [
        [
            _group_cell(g),
            str(g.count),
            _wordings(config, viewer, g.questions),
            when(g.last_asked),
            _actions(g.id, csrf, refusal),
        ]
        for g in gaps.groups
    ]
    head = ["gap", "asked", "question", "last asked", "the owner's decision"]
    body += table(head, rows, raw=(0, 2, 4)) or note(
        "Every question was answered from the profile."
    )
    if gaps.open_groups > len(gaps.groups):
        body += note(
            f"The {len(gaps.groups)} most asked of {gaps.open_groups:,} open groups are listed; "
            "each one answered, kept private or ignored brings up the next."
        )
    if gaps.ungrouped:
        body += note(
            f"{gaps.ungrouped:,} question(s) recorded before gaps were grouped are not listed."
        )
    body += note("The same gap numbers as in twin gaps and the owner's cards in chat.")
    return card("Unanswered questions", body, name="gaps")


def _answer_text(text: str) -> str:
    shown = escape(text[:ANSWER_SHOWN])
    if len(text) <= ANSWER_SHOWN:
        return shown or "—"
    return f"{shown}…<details><summary>all of it</summary>{escape(text)}</details>"


def _thumbs_down(found: Panel[tuple[ThumbsDown, ...]], config: Config, viewer: Viewer) -> str:
    votes = found.value
    if votes is None:
        return card("Thumbs-down answers", note(found.note), name="thumbs-down")
    rows = [
        [
            when(v.at),
            member_id(config, viewer, v.platform, v.voter),
            v.model or "—",
            escape(member_text(config, viewer, v.question)) if v.question else "(not kept)",
            _answer_text(v.answer),
        ]
        for v in votes
    ]
    head = ["when", "voted by", "model", "question", "answer"]
    body = table(head, rows, raw=(3, 4)) or note("No thumbs-down answers yet.")
    return card("Thumbs-down answers", body, name="thumbs-down")


def questions_page(
    data: Questions,
    config: Config,
    viewer: Viewer,
    csrf: str,
    flash: str,
    now: datetime,
    refusal: Refusal | None = None,
) -> str:
    parts = [f'<p class="flash" role="status">{escape(flash)}</p>'] if flash else []
    parts.append(_gaps(data.gaps, config, viewer, csrf, refusal))
    parts.append(_thumbs_down(data.thumbs_down, config, viewer))
    return "".join(parts) + stamp(now)
