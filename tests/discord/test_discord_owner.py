"""The owner loop on Discord end to end: discord.py against the fake REST + gateway, the fake
Groq. A gap becomes a DM card with buttons; Answer opens a modal; the submitted words reach
the asker as a reply, land in the learned file and are in the next prompt; keep private,
ignore, not-the-owner, the daily limit; the sources subtext and /twin-why."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from core.twin import Twin
from tests.conftest import MakeTwin
from tests.discord.conftest import ADMIN, ADMIN_CONFIG, ALICE, BOB, DiscordHarness, StartDiscord
from tests.fakes.discord_server import CHANNEL_ID, FakeDiscord, user
from tests.fakes.groq_server import FakeGroq
from tests.fakes.owner import PET_FACT, facts_sent, knows_only_prompt, owner_section, profile_copy

OWNER = user(800000000000000077, "maya")


async def setup(
    make_twin: MakeTwin,
    start_discord: StartDiscord,
    tmp_path: Path,
    fake_groq: FakeGroq,
    cards: int = 5,
) -> tuple[Twin, DiscordHarness]:
    fake_groq.reply = knows_only_prompt
    twin = await make_twin(
        ADMIN_CONFIG + owner_section(discord=OWNER["id"], cards=cards),
        profile=profile_copy(tmp_path),
    )
    return twin, await start_discord(twin)


def cards(fake: FakeDiscord) -> list[dict[str, Any]]:
    dm = fake.dm_with(OWNER["id"])
    return [
        m
        for m in fake.messages.values()
        if dm and m["channel_id"] == dm and m.get("components") and m.get("embeds")
    ]


def owner_dms(fake: FakeDiscord) -> list[str]:
    dm = fake.dm_with(OWNER["id"])
    return [m["content"] for m in fake.messages.values() if dm and m["channel_id"] == dm]


def button(card: dict[str, Any], label: str) -> str:
    for row in card["components"]:
        for item in row["components"]:
            if item["label"] == label:
                return str(item["custom_id"])
    raise AssertionError(f"no {label} button on {card}")


async def click(
    h: DiscordHarness, card: dict[str, Any], label: str, who: Any = OWNER
) -> dict[str, Any]:
    payload = h.fake.component_interaction(card, button(card, label), author=who)
    await h.fake.interaction(payload)
    await h.fake.wait_for(lambda _: bool(h.fake.callbacks(payload)))
    return payload


async def followed_up(h: DiscordHarness, payload: dict[str, Any]) -> None:
    await h.fake.wait_for(lambda _: bool(h.fake.followups_of(payload)))


def replies_from_owner(h: DiscordHarness, question: dict[str, Any]) -> list[str]:
    return [
        b.get("content", "") for b in h.replies_to(question) if "personally" in b.get("content", "")
    ]


async def test_a_gap_becomes_a_card_and_the_owners_answer_goes_everywhere(
    make_twin: MakeTwin, start_discord: StartDiscord, tmp_path: Path, fake_groq: FakeGroq
) -> None:
    twin, h = await setup(make_twin, start_discord, tmp_path, fake_groq)
    first = await h.ask("Do you have any pets?", author=ALICE)
    second = await h.ask("do you have pets", author=BOB)
    [card] = cards(h.fake)
    assert "Do you have any pets?" in json.dumps(card["embeds"])
    labels = [i["label"] for row in card["components"] for i in row["components"]]
    assert labels == ["Answer", "Keep private", "Ignore"]

    opened = await click(h, card, "Answer")
    [callback] = h.fake.callbacks(opened)
    assert callback.json["type"] == 9  # a modal
    modal = callback.json["data"]
    submit = h.fake.modal_submit(modal["custom_id"], {"text": PET_FACT}, author=OWNER, message=card)
    await h.fake.interaction(submit)
    await h.fake.wait_for(lambda _: bool(h.fake.followups_of(submit)))

    assert replies_from_owner(h, first) == [f"Maya answered this personally: {PET_FACT}"]
    assert replies_from_owner(h, second)
    assert PET_FACT in (tmp_path / "maya.learned.md").read_text(encoding="utf-8")
    assert "Thanks!" in h.fake.followups_of(submit)[0].json["content"]
    assert not cards(h.fake)  # closed: the buttons are gone

    third = await h.ask("Have you got any pets?", author=ALICE)
    assert "Pip" in facts_sent(fake_groq.requests[-1])
    [reply] = h.answer_messages(third)
    text, _, sources = reply["content"].partition("\n-# ")
    assert text == "I have a border collie called Pip."
    assert sources.startswith("Sources: do you have pets")
    assert (await twin.gaps_report()).groups == ()


async def test_keep_private_and_ignore_close_their_groups(
    make_twin: MakeTwin, start_discord: StartDiscord, tmp_path: Path, fake_groq: FakeGroq
) -> None:
    twin, h = await setup(make_twin, start_discord, tmp_path, fake_groq)
    await h.ask("Do you have any pets?")
    await h.ask("What's your favourite film?")
    pets, film = sorted(cards(h.fake), key=lambda m: "film" in json.dumps(m["embeds"]))
    private = await click(h, pets, "Keep private")
    ignored = await click(h, film, "Ignore")
    for payload in (private, ignored):
        await followed_up(h, payload)
    assert (await twin.gaps_report()).groups == () and not cards(h.fake)
    calls = len(fake_groq.requests)
    again = await h.ask("do you have pets?")
    assert len(fake_groq.requests) == calls
    assert "I keep that private" in h.answer_messages(again)[0]["content"]


async def test_someone_who_is_not_the_owner_is_refused(
    make_twin: MakeTwin, start_discord: StartDiscord, tmp_path: Path, fake_groq: FakeGroq
) -> None:
    twin, h = await setup(make_twin, start_discord, tmp_path, fake_groq)
    await h.ask("Do you have any pets?")
    [card] = cards(h.fake)
    payload = await click(h, card, "Ignore", who=ALICE)
    [callback] = h.fake.callbacks(payload)
    assert callback.json["type"] == 4 and callback.json["data"]["flags"] == 64
    assert "only the twin's owner" in callback.json["data"]["content"]
    sneaky = h.fake.modal_submit(
        button(card, "Answer").replace("answer", "modal"), {"text": "x"}, author=ALICE
    )
    await h.fake.interaction(sneaky)
    await h.fake.wait_for(lambda _: bool(h.fake.callbacks(sneaky)))
    assert len((await twin.gaps_report()).groups) == 1 and cards(h.fake)


async def test_an_empty_answer_is_refused_and_the_card_stays(
    make_twin: MakeTwin, start_discord: StartDiscord, tmp_path: Path, fake_groq: FakeGroq
) -> None:
    twin, h = await setup(make_twin, start_discord, tmp_path, fake_groq)
    await h.ask("Do you have any pets?")
    [card] = cards(h.fake)
    custom = button(card, "Answer").replace("answer", "modal")
    submit = h.fake.modal_submit(custom, {"text": "  "}, author=OWNER, message=card)
    await h.fake.interaction(submit)
    await h.fake.wait_for(lambda _: bool(h.fake.followups_of(submit)))
    assert "empty" in h.fake.followups_of(submit)[0].json["content"]
    assert cards(h.fake) and not (tmp_path / "maya.learned.md").exists()
    assert len((await twin.gaps_report()).groups) == 1


async def test_the_daily_card_limit_leaves_the_rest_in_twin_gaps(
    make_twin: MakeTwin, start_discord: StartDiscord, tmp_path: Path, fake_groq: FakeGroq
) -> None:
    twin, h = await setup(make_twin, start_discord, tmp_path, fake_groq, cards=1)
    await h.ask("Do you have any pets?")
    await h.ask("What's your favourite film?")
    assert len(cards(h.fake)) == 1
    assert len((await twin.gaps_report()).groups) == 2


async def test_twin_why_shows_the_facts_and_the_model_of_the_last_answer(
    make_twin: MakeTwin, start_discord: StartDiscord, tmp_path: Path, fake_groq: FakeGroq
) -> None:
    _, h = await setup(make_twin, start_discord, tmp_path, fake_groq)
    question = await h.ask("Where did you go to university?")
    [reply] = h.answer_messages(question)
    for option in ("", f"https://discord.com/channels/1/{CHANNEL_ID}/{reply['id']}"):
        payload = h.fake.command_interaction("twin-why", author=ADMIN)
        if option:
            payload["data"]["options"] = [{"name": "link", "type": 3, "value": option}]
        await h.fake.interaction(payload)
        await followed_up(h, payload)
        [embed] = h.fake.followups_of(payload)[0].json["embeds"]
        assert "openai/gpt-oss-20b" in embed["description"]
        assert any(f["name"] == "Education" for f in embed["fields"])
    refused = h.fake.command_interaction("twin-why", author=ALICE)
    await h.fake.interaction(refused)
    await h.fake.wait_for(lambda _: bool(h.fake.callbacks(refused)))
    assert "only for the twin's owner" in h.fake.callbacks(refused)[0].json["data"]["content"]


async def test_a_broken_profile_edit_is_reported_to_the_owner(
    make_twin: MakeTwin, start_discord: StartDiscord, tmp_path: Path, fake_groq: FakeGroq
) -> None:
    twin, _h = await setup(make_twin, start_discord, tmp_path, fake_groq)
    (tmp_path / "maya.json").write_text('{"personal": ', encoding="utf-8")
    assert not (await twin.live.check_files()).ok  # type: ignore[union-attr]
    [notice] = owner_dms(_h.fake)
    assert "maya\\.json" in notice or "maya.json" in notice


async def test_a_thumbs_down_becomes_a_card(
    make_twin: MakeTwin, start_discord: StartDiscord, tmp_path: Path, fake_groq: FakeGroq
) -> None:
    twin, h = await setup(make_twin, start_discord, tmp_path, fake_groq)
    question = await h.ask("Where did you study?", author=ALICE)
    [answer] = h.answer_messages(question)
    down = next(c for c in h.fake.custom_ids(answer) if ":down:" in c)
    vote = h.fake.button_click(answer, down, author=ALICE)
    await h.fake.interaction(vote)
    await h.fake.wait_for(lambda _: bool(cards(h.fake)))
    [card] = cards(h.fake)
    assert "thumbs-down" in json.dumps(card["embeds"]) and "Where did you study?" in json.dumps(
        card["embeds"]
    )
    [group] = (await twin.gaps_report()).groups
    assert group.kind == "thumbs_down"


async def test_twin_usage_shows_helpful_votes_beside_cost(
    make_twin: MakeTwin, start_discord: StartDiscord, tmp_path: Path, fake_groq: FakeGroq
) -> None:
    _, h = await setup(make_twin, start_discord, tmp_path, fake_groq)
    question = await h.ask("Where did you study?", author=ALICE)
    [answer] = h.answer_messages(question)
    up = next(c for c in h.fake.custom_ids(answer) if ":up:" in c)
    vote = h.fake.button_click(answer, up, author=BOB)
    await h.fake.interaction(vote)
    await h.fake.wait_for(lambda _: bool(h.fake.callbacks(vote)))
    usage = h.fake.command_interaction("twin-usage", author=ADMIN)
    await h.fake.interaction(usage)
    await followed_up(h, usage)
    [embed] = h.fake.followups_of(usage)[0].json["embeds"]
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert "`openai/gpt-oss-20b`: 👍 1 · 👎 0 (100% helpful)" in fields["Helpful votes per model"]
    assert "Education: 👍 1" in fields["Helpful votes per topic"]


async def test_the_weekly_digest_card_reaches_the_owner(
    make_twin: MakeTwin, start_discord: StartDiscord, tmp_path: Path, fake_groq: FakeGroq
) -> None:
    twin, h = await setup(make_twin, start_discord, tmp_path, fake_groq)
    await h.ask("What's your favourite film?")
    await twin.live.tick()
    dm = h.fake.dm_with(OWNER["id"])
    digests = [
        m
        for m in h.fake.messages.values()
        if m["channel_id"] == dm and "Your twin's week" in json.dumps(m["embeds"])
    ]
    assert len(digests) == 1 and "favourite film" in json.dumps(digests[0]["embeds"])


async def test_the_owner_decides_waiting_groups_from_twin_gaps(
    make_twin: MakeTwin, start_discord: StartDiscord, tmp_path: Path, fake_groq: FakeGroq
) -> None:
    twin, h = await setup(make_twin, start_discord, tmp_path, fake_groq, cards=0)
    await h.ask("What's your favourite film?")
    assert not cards(h.fake)
    listing = h.fake.command_interaction("twin-gaps", author=OWNER, dm=True)
    await h.fake.interaction(listing)
    await followed_up(h, listing)
    sent = h.fake.followups_of(listing)[0].json
    labels = [i["label"] for row in sent["components"] for i in row["components"]]
    assert labels[0].startswith("Answer #") and len(labels) == 3
    message = {**sent, "id": h.fake.new_id(), "channel_id": str(h.fake.dm_with(OWNER["id"]) or 1)}
    ignored = await click(h, message, labels[2])
    await followed_up(h, ignored)
    assert (await twin.gaps_report()).groups == ()
    refused = h.fake.command_interaction("twin-gaps", author=ALICE)
    await h.fake.interaction(refused)
    await h.fake.wait_for(lambda _: bool(h.fake.callbacks(refused)))
    assert "only for the twin's admins" in h.fake.callbacks(refused)[0].json["data"]["content"]


async def test_a_profile_edited_on_disk_is_used_by_the_next_question(
    make_twin: MakeTwin, start_discord: StartDiscord, tmp_path: Path, fake_groq: FakeGroq
) -> None:
    twin, h = await setup(make_twin, start_discord, tmp_path, fake_groq)
    profile = tmp_path / "maya.json"
    data = json.loads(profile.read_text(encoding="utf-8"))
    data["interests"] = ["Competitive salsa dancing on Thursday nights"]
    profile.write_text(json.dumps(data), encoding="utf-8")
    assert (await twin.live.check_files()).changed  # type: ignore[union-attr]
    await h.ask("Do you dance salsa?")
    assert "Competitive salsa dancing" in facts_sent(fake_groq.requests[-1])


async def test_an_asker_the_channel_cannot_reach_gets_the_words_by_dm(
    make_twin: MakeTwin, start_discord: StartDiscord, tmp_path: Path, fake_groq: FakeGroq
) -> None:
    twin, h = await setup(make_twin, start_discord, tmp_path, fake_groq)
    await h.ask("Do you have any pets?", author=ALICE)
    group_id = (await twin.gaps_report()).groups[0].id
    h.fake.fail(
        "POST",
        rf"/channels/{CHANNEL_ID}/messages",
        status=403,
        body={"code": 50001, "message": "Missing Access"},
    )
    outcome = await twin.owner.answer(group_id, PET_FACT, "UOWNER")
    assert outcome.ok and outcome.delivered == 1
    dm = h.fake.dm_with(ALICE["id"])
    assert dm and any(
        "answered this personally" in m["content"]
        for m in h.fake.messages.values()
        if m["channel_id"] == dm
    )
