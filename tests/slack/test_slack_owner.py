"""The owner loop on Slack end to end: slack-bolt in HTTP mode, the fake Web API, the fake Groq.
A gap becomes a DM card; Answer opens a modal; the submitted words reach the asker's thread,
land in the learned file and are in the next prompt; keep private, ignore, not-the-owner, the
daily limit; the sources line and /twin-why."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from core.twin import Twin
from tests.conftest import MakeTwin
from tests.fakes.groq_server import FakeGroq
from tests.fakes.owner import PET_FACT, facts_sent, knows_only_prompt, owner_section, profile_copy
from tests.fakes.slack_api import FakeMessage, FakeSlack, block_actions, view_submission
from tests.slack.builders import feedback_click
from tests.slack.conftest import ADMIN, SLACK_CONFIG, SlackHarness, StartSlack, mention

OWNER = "UOWNER"


async def setup(
    make_twin: MakeTwin,
    start_slack: StartSlack,
    tmp_path: Path,
    fake_groq: FakeGroq,
    cards: int = 5,
) -> tuple[Twin, SlackHarness]:
    fake_groq.reply = knows_only_prompt
    twin = await make_twin(
        SLACK_CONFIG + owner_section(slack=OWNER, cards=cards), profile=profile_copy(tmp_path)
    )
    return twin, await start_slack(twin)


async def ask(h: SlackHarness, text: str, ts: str, user: str = "U1", n: int = 1) -> None:
    await h.send_event(mention(text, ts=ts, user=user), f"Ev{ts}")
    await h.answered(n)


def cards(api: FakeSlack) -> list[FakeMessage]:
    return [m for m in api.in_channel(OWNER) if any(b["type"] == "actions" for b in m.blocks or [])]


async def click(h: SlackHarness, card: FakeMessage, action: str, user: str = OWNER) -> None:
    value = next(b for b in card.blocks or [] if b["type"] == "actions")["elements"][0]["value"]
    payload = block_actions(
        user,
        f"twin_gap_{action}",
        value,
        channel=card.channel,
        message=card,
        response_url=h.api.response_url("action"),
    )
    status, _ = await h.send_interaction(payload)
    assert status == 200


def answer_in_thread(api: FakeSlack, channel: str, ts: str) -> list[str]:
    return [m.text for m in api.thread(channel, ts)]


async def test_a_gap_becomes_a_card_and_the_owners_answer_goes_everywhere(
    make_twin: MakeTwin, start_slack: StartSlack, tmp_path: Path, fake_groq: FakeGroq
) -> None:
    twin, h = await setup(make_twin, start_slack, tmp_path, fake_groq)
    await ask(h, "Do you have any pets?", "1700000100.000001")
    await ask(h, "do you have pets", "1700000200.000001", user="U2", n=2)
    [card] = cards(h.api)
    assert "Do you have any pets?" in json.dumps(card.blocks)
    labels = [
        e["text"]["text"]
        for b in card.blocks or []
        if b["type"] == "actions"
        for e in b["elements"]
    ]
    assert labels == ["Answer", "Keep private", "Ignore"]

    await click(h, card, "answer")
    await h.api.wait_until(lambda: bool(h.api.views), "views.open")
    view = h.api.views[0]
    status, body = await h.send_interaction(
        view_submission(OWNER, view, {"answer": {"text": PET_FACT}})
    )
    assert status == 200 and "errors" not in body

    def told_both() -> bool:
        return all(
            any("answered this personally" in t for t in answer_in_thread(h.api, "C1", ts))
            for ts in ("1700000100.000001", "1700000200.000001")
        )

    await h.api.wait_until(told_both, "the owner's words in both threads")
    words = answer_in_thread(h.api, "C1", "1700000100.000001")[-1]
    assert words == f"Maya answered this personally: {PET_FACT}"
    assert PET_FACT in (tmp_path / "maya.learned.md").read_text(encoding="utf-8")
    await h.api.wait_until(
        lambda: not cards(h.api) and any("Thanks!" in c.text for c in h.api.posts_to(OWNER)),
        "the card closed and the owner thanked",
    )

    await ask(h, "Have you got any pets?", "1700000300.000001", user="U3", n=3)
    assert "Pip" in facts_sent(fake_groq.requests[-1])
    [reply] = h.api.thread("C1", "1700000300.000001")
    assert reply.text == "I have a border collie called Pip."
    footer = [b for b in reply.blocks or [] if b["type"] == "context"]
    assert footer and footer[0]["elements"][0]["text"].startswith("Sources: do you have pets")
    assert (await twin.gaps_report()).groups == ()


async def test_keep_private_and_ignore_close_their_groups(
    make_twin: MakeTwin, start_slack: StartSlack, tmp_path: Path, fake_groq: FakeGroq
) -> None:
    twin, h = await setup(make_twin, start_slack, tmp_path, fake_groq)
    await ask(h, "Do you have any pets?", "1700000100.000001")
    await ask(h, "What's your favourite film?", "1700000200.000001", n=2)
    pets, film = sorted(cards(h.api), key=lambda m: "film" in json.dumps(m.blocks))
    await click(h, pets, "private")
    await click(h, film, "ignore")
    await h.api.wait_until(lambda: not cards(h.api), "both cards closed")
    assert (await twin.gaps_report()).groups == ()
    closed = h.api.messages[(OWNER, pets.ts)]
    assert "private" in json.dumps(closed.blocks)
    calls = len(fake_groq.requests)
    await ask(h, "do you have pets?", "1700000300.000001", n=3)
    assert len(fake_groq.requests) == calls
    assert "I keep that private" in h.api.thread("C1", "1700000300.000001")[0].text


async def test_someone_who_is_not_the_owner_is_refused(
    make_twin: MakeTwin, start_slack: StartSlack, tmp_path: Path, fake_groq: FakeGroq
) -> None:
    twin, h = await setup(make_twin, start_slack, tmp_path, fake_groq)
    await ask(h, "Do you have any pets?", "1700000100.000001")
    [card] = cards(h.api)
    await click(h, card, "ignore", user="U1")
    await h.api.wait_until(lambda: bool(h.api.calls_to("response_url")), "the refusal")
    refusal = h.api.calls_to("response_url")[0]
    assert "only the twin's owner" in refusal.text and refusal.args["response_type"] == "ephemeral"
    view: dict[str, Any] = {"callback_id": "twin_gap_answer_modal", "private_metadata": "{}"}
    status, body = await h.send_interaction(view_submission("U1", view, {"answer": {"text": "x"}}))
    assert status == 200 and json.loads(body)["response_action"] == "errors"
    assert len((await twin.gaps_report()).groups) == 1 and cards(h.api)


async def test_an_empty_or_too_long_answer_keeps_the_modal_open(
    make_twin: MakeTwin, start_slack: StartSlack, tmp_path: Path, fake_groq: FakeGroq
) -> None:
    twin, h = await setup(make_twin, start_slack, tmp_path, fake_groq)
    await ask(h, "Do you have any pets?", "1700000100.000001")
    await click(h, cards(h.api)[0], "answer")
    await h.api.wait_until(lambda: bool(h.api.views), "views.open")
    for text in ("   ", "x" * 10_000):
        submitted = view_submission(OWNER, h.api.views[0], {"answer": {"text": text}})
        status, body = await h.send_interaction(submitted)
        assert status == 200 and "answer" in json.loads(body)["errors"]
    assert not (tmp_path / "maya.learned.md").exists()
    assert len((await twin.gaps_report()).groups) == 1


async def test_the_daily_card_limit_leaves_the_rest_in_twin_gaps(
    make_twin: MakeTwin, start_slack: StartSlack, tmp_path: Path, fake_groq: FakeGroq
) -> None:
    _, h = await setup(make_twin, start_slack, tmp_path, fake_groq, cards=1)
    await ask(h, "Do you have any pets?", "1700000100.000001")
    await ask(h, "What's your favourite film?", "1700000200.000001", n=2)
    assert len(cards(h.api)) == 1
    await h.send_command("/twin-gaps", ADMIN, name="gaps")
    await h.answered(3)
    [report] = h.api.calls_to("response_url")
    assert "film" in json.dumps(report.args["blocks"]) and "pets" in json.dumps(
        report.args["blocks"]
    )


async def test_twin_why_shows_the_facts_and_the_model_of_an_answer(
    make_twin: MakeTwin, start_slack: StartSlack, tmp_path: Path, fake_groq: FakeGroq
) -> None:
    _, h = await setup(make_twin, start_slack, tmp_path, fake_groq)
    await ask(h, "Where did you go to university?", "1700000100.000001")
    [reply] = h.api.thread("C1", "1700000100.000001")
    link = f"https://twin-test.slack.com/archives/C1/p{reply.ts.replace('.', '')}"
    await h.send_command("/twin-why", ADMIN, text=link, name="why")
    await h.api.wait_until(lambda: bool(h.api.calls_to("response_url")), "the why report")
    blocks = json.dumps(h.api.calls_to("response_url")[0].args["blocks"])
    assert "openai/gpt-oss-20b" in blocks and "Education" in blocks
    await h.send_command("/twin-why", "U1", name="why2")
    await h.api.wait_until(lambda: len(h.api.calls_to("response_url")) == 2, "the refusal")
    assert "only for the twin's owner and admins" in h.api.calls_to("response_url")[1].text


async def test_a_broken_profile_edit_is_reported_to_the_owner(
    make_twin: MakeTwin, start_slack: StartSlack, tmp_path: Path, fake_groq: FakeGroq
) -> None:
    twin, h = await setup(make_twin, start_slack, tmp_path, fake_groq)
    (tmp_path / "maya.json").write_text('{"personal": ', encoding="utf-8")
    result = await twin.live.check_files()
    assert result is not None and not result.ok
    [notice] = h.api.posts_to(OWNER)
    assert "maya.json" in notice.text and "last good version" in notice.text


async def test_a_thumbs_down_becomes_a_card_and_the_answer_reaches_the_asker(
    make_twin: MakeTwin, start_slack: StartSlack, tmp_path: Path, fake_groq: FakeGroq
) -> None:
    _, h = await setup(make_twin, start_slack, tmp_path, fake_groq)
    await ask(h, "Where did you study?", "1700000100.000001")
    [reply] = h.api.thread("C1", "1700000100.000001")
    [down] = [
        e["negative_button"]["value"]
        for b in reply.blocks or []
        if b["type"] == "context_actions"
        for e in b["elements"]
    ]
    await h.send_interaction(feedback_click(down, user="U1", channel="C1", message_ts=reply.ts))
    await h.api.wait_until(lambda: bool(cards(h.api)), "a thumbs-down card")
    [card] = cards(h.api)
    text = json.dumps(card.blocks)
    assert "thumbs-down" in text and "Where did you study?" in text
    assert "I studied computer science." in text  # the answer that was voted down
    await click(h, card, "answer")
    await h.api.wait_until(lambda: bool(h.api.views), "views.open")
    words = "Leeds, a BSc in Computer Science - and I loved the data modules."
    await h.send_interaction(view_submission(OWNER, h.api.views[0], {"answer": {"text": words}}))
    await h.api.wait_until(
        lambda: any(words in m.text for m in h.api.thread("C1", "1700000100.000001")),
        "the owner's words in the asker's thread",
    )


async def test_twin_usage_shows_helpful_votes_per_model_and_topic_beside_cost(
    make_twin: MakeTwin, start_slack: StartSlack, tmp_path: Path, fake_groq: FakeGroq
) -> None:
    _, h = await setup(make_twin, start_slack, tmp_path, fake_groq)
    await ask(h, "Where did you study?", "1700000100.000001")
    [reply] = h.api.thread("C1", "1700000100.000001")
    [(up, down)] = [
        (e["positive_button"]["value"], e["negative_button"]["value"])
        for b in reply.blocks or []
        if b["type"] == "context_actions"
        for e in b["elements"]
    ]
    for value, who in ((up, "U2"), (up, "U3"), (down, "U4")):
        await h.send_interaction(feedback_click(value, user=who, channel="C1", message_ts=reply.ts))
    await h.answered(4)
    await h.send_command("/twin-usage", ADMIN, name="usage")
    await h.api.wait_until(lambda: bool(h.api.calls_to("response_url")), "the usage report")
    blocks = h.api.calls_to("response_url")[0].args["blocks"]
    [votes] = [
        b["text"]["text"] for b in blocks if "Helpful votes" in b.get("text", {}).get("text", "")
    ]
    assert "`openai/gpt-oss-20b`: 👍 2 · 👎 1 (67% helpful) · $" in votes
    assert "Education: 👍 2 · 👎 1" in votes


async def test_the_weekly_digest_card_reaches_the_owner(
    make_twin: MakeTwin, start_slack: StartSlack, tmp_path: Path, fake_groq: FakeGroq
) -> None:
    twin, h = await setup(make_twin, start_slack, tmp_path, fake_groq)
    await ask(h, "What's your favourite film?", "1700000100.000001")
    await twin.live.tick()
    [digest] = [c for c in h.api.posts_to(OWNER) if "Your twin's week" in c.text]
    blocks = json.dumps(digest.args["blocks"])
    assert "Unanswered topics" in blocks and "favourite film" in blocks
    assert "Facts no question used in 60 days" in blocks


async def test_the_owner_decides_waiting_groups_from_twin_gaps(
    make_twin: MakeTwin, start_slack: StartSlack, tmp_path: Path, fake_groq: FakeGroq
) -> None:
    twin, h = await setup(make_twin, start_slack, tmp_path, fake_groq, cards=0)
    await ask(h, "What's your favourite film?", "1700000100.000001")
    assert not cards(h.api)  # no card today: it waits in /twin-gaps
    await h.send_command("/twin-gaps", OWNER, name="gaps")
    await h.api.wait_until(lambda: bool(h.api.calls_to("response_url")), "the owner's list")
    blocks = h.api.calls_to("response_url")[0].args["blocks"]
    [actions] = [b for b in blocks if b["type"] == "actions"]
    listing = FakeMessage("D1", "1700000200.000001", "", None, blocks)
    await click(h, listing, "ignore")
    await h.api.wait_until(
        lambda: any("ignored" in c.text for c in h.api.posts_to(OWNER)), "the outcome DM"
    )
    assert (await twin.gaps_report()).groups == () and actions["elements"][0]["value"]


async def test_a_profile_edited_on_disk_is_used_by_the_next_question(
    make_twin: MakeTwin, start_slack: StartSlack, tmp_path: Path, fake_groq: FakeGroq
) -> None:
    twin, h = await setup(make_twin, start_slack, tmp_path, fake_groq)
    profile = tmp_path / "maya.json"
    data = json.loads(profile.read_text(encoding="utf-8"))
    data["interests"] = ["Competitive salsa dancing on Thursday nights"]
    profile.write_text(json.dumps(data), encoding="utf-8")
    result = await twin.live.check_files()
    assert result is not None and result.ok and result.changed
    await ask(h, "Do you dance salsa?", "1700000100.000001")
    assert "Competitive salsa dancing" in facts_sent(fake_groq.requests[-1])


async def test_an_asker_the_thread_cannot_reach_gets_the_words_by_dm(
    make_twin: MakeTwin, start_slack: StartSlack, tmp_path: Path, fake_groq: FakeGroq
) -> None:
    _, h = await setup(make_twin, start_slack, tmp_path, fake_groq)
    await ask(h, "Do you have any pets?", "1700000100.000001")
    await click(h, cards(h.api)[0], "answer")
    await h.api.wait_until(lambda: bool(h.api.views), "views.open")
    h.api.fail_next("chat.postMessage", "not_in_channel")  # the twin was removed from C1
    await h.send_interaction(view_submission(OWNER, h.api.views[0], {"answer": {"text": PET_FACT}}))
    await h.api.wait_until(
        lambda: any("answered this personally" in c.text for c in h.api.posts_to("U1")),
        "the owner's words by DM",
    )


async def test_an_answer_to_a_group_closed_meanwhile_keeps_the_form_open(
    make_twin: MakeTwin, start_slack: StartSlack, tmp_path: Path, fake_groq: FakeGroq
) -> None:
    twin, h = await setup(make_twin, start_slack, tmp_path, fake_groq)
    await ask(h, "Do you have any pets?", "1700000100.000001")
    [card] = cards(h.api)
    await click(h, card, "answer")
    await h.api.wait_until(lambda: bool(h.api.views), "views.open")
    group_id = (await twin.gaps_report()).groups[0].id
    assert (await twin.owner.ignore(group_id, "owner (terminal)")).ok  # closed elsewhere
    submitted = view_submission(OWNER, h.api.views[0], {"answer": {"text": PET_FACT}})
    status, body = await h.send_interaction(submitted)
    assert status == 200 and "already ignored" in json.loads(body)["errors"]["answer"]
    assert not (tmp_path / "maya.learned.md").exists()
