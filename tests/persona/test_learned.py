"""The learned-facts file: a heading per fact (question and date), the owner's words kept as
written but never able to start a heading or hide in a comment, atomic appends that never leave
the file half written, and two writers at once both landing."""

from __future__ import annotations

import os
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from core.owner.learned import LearnedWriteError, append_fact, load_persona
from tests.conftest import EXAMPLE_PROFILE

DAY = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


def test_facts_are_appended_under_a_heading_with_the_question_and_date(tmp_path: Path) -> None:
    path = tmp_path / "me.learned.md"
    append_fact(path, "Do you have pets?", "Yes, a collie called Pip.", DAY)
    append_fact(path, "Favourite film?\nreally", "# Spirited Away\n<!-- not a comment -->", DAY)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Learned facts")
    assert "## Do you have pets? (answered 2026-12-01)\n\nYes, a collie called Pip.\n" in text
    assert "## Favourite film? really (answered 2026-12-01)\n\nSpirited Away\n< !--" in text
    profile = load_persona(EXAMPLE_PROFILE, path)
    learned = [c for c in profile.chunks if c.id.startswith("learned-")]
    assert [c.title for c in learned] == [
        "Do you have pets? (answered 2026-12-01)",
        "Favourite film? really (answered 2026-12-01)",
    ]
    assert "not a comment" in learned[1].text


def test_a_failed_write_leaves_the_old_file_whole_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "me.learned.md"
    append_fact(path, "Do you have pets?", "Yes.", DAY)
    before = path.read_bytes()

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(LearnedWriteError, match="No space left on device") as caught:
        append_fact(path, "Another?", "Text " * 1000, DAY)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["me.learned.md", "me.learned.md.lock"]


def test_two_writers_at_once_both_land(tmp_path: Path) -> None:
    path = tmp_path / "me.learned.md"
    writers = [
        threading.Thread(target=append_fact, args=(path, f"Question {i}?", f"Answer {i}.", DAY))
        for i in range(8)
    ]
    for w in writers:
        w.start()
    for w in writers:
        w.join()
    text = path.read_text(encoding="utf-8")
    assert sorted(line for line in text.splitlines() if line.startswith("## ")) == sorted(
        f"## Question {i}? (answered 2026-12-01)" for i in range(8)
    )


def test_a_learned_file_that_is_not_utf8_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "me.learned.md"
    path.write_bytes(b"# Learned\n\n## Pets\n\n\xff\xfe broken")
    with pytest.raises(LearnedWriteError, match="not UTF-8"):
        append_fact(path, "Q?", "A.", DAY)
