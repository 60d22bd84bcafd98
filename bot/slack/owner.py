"""The owner loop on Slack: cards DMed to `[owner] slack_user`, the buttons (Answer opens a
modal with `views.open`; Keep private / Ignore decide at once), the modal's submission, the
owner's words posted in each asker's thread or DM, and `/twin-why`.

Every click is acked at once; the work runs in background tasks. Only the owner can decide a
card: anyone else who clicks is told so, privately, and nothing changes.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from collections.abc import Callable, Coroutine, Mapping
from typing import TYPE_CHECKING, Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.cli.gaps import owner_decision
from bot.slack.owner_render import (
    ACTION_PREFIX,
    ANSWER_BLOCK,
    ANSWER_INPUT,
    MODAL_CALLBACK,
    answer_modal,
    card_blocks,
    card_text,
    closed_blocks,
    digest_blocks,
    digest_text,
    why_blocks,
    why_text,
)
from bot.slack.render import escape_mrkdwn
from core.config import Config
from core.owner.digest import WeeklyDigest
from core.owner.learned import MAX_ANSWER_CHARS
from core.owner.owner_cards import (
    ACTION_ANSWER,
    ACTION_IGNORE,
    ACTION_PRIVATE,
    OwnerCard,
    OwnerOutcome,
    OwnerReply,
    card_for,
)

if TYPE_CHECKING:
    from core.twin import Twin

log = logging.getLogger(__name__)

Spawn = Callable[[Coroutine[Any, Any, None]], None]
_LINK = re.compile(r"archives/([A-Z0-9]+)/p(\d{10})(\d{6})")


def parse_message_link(text: str) -> tuple[str, str] | None:
    """(channel, ts) of a Slack message link, or None."""
    found = _LINK.search(text)
    if found is None:
        return None
    return found.group(1), f"{found.group(2)}.{found.group(3)}"


class SlackOwner:
    """The `OwnerOutlet` for Slack, and the listeners of the card, the modal and /twin-why."""

    platform = "slack"

    def __init__(self, app: AsyncApp, twin: Twin, config: Config, spawn: Spawn) -> None:
        self.app = app
        self.twin = twin
        self.config = config
        self.owner_id = config.owner.slack_user
        self._spawn = spawn
        app.action(re.compile(f"^{ACTION_PREFIX}"))(self._on_action)
        app.view(MODAL_CALLBACK)(self._on_submit)
        app.command("/twin-why")(self._on_why)
        if self.owner_id:
            twin.owner.subscribe(self)

    @property
    def client(self) -> AsyncWebClient:
        return self.app.client

    # --- OwnerOutlet ---------------------------------------------------------------------

    async def send_card(self, card: OwnerCard) -> bool:
        await self.client.chat_postMessage(
            channel=self.owner_id, text=card_text(card), blocks=card_blocks(card)
        )
        return True

    async def send_reply(self, reply: OwnerReply) -> bool:
        text = escape_mrkdwn(reply.labelled)
        try:
            await self.client.chat_postMessage(
                channel=reply.channel_id, thread_ts=reply.reply_to or None, text=text
            )
        except SlackApiError as exc:  # e.g. the twin left the channel: a DM instead
            log.info("slack: gap %d reply by DM (%s)", reply.group_id, exc.response.get("error"))
            await self.client.chat_postMessage(channel=reply.user_id, text=text)
        return True

    async def send_notice(self, text: str) -> bool:
        await self._dm(text)
        return bool(self.owner_id)

    async def send_digest(self, digest: WeeklyDigest) -> bool:
        await self.client.chat_postMessage(
            channel=self.owner_id, text=digest_text(digest), blocks=digest_blocks(digest)
        )
        return True

    # --- the card's buttons --------------------------------------------------------------

    async def _on_action(self, ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        self._spawn(self._handle_action(body, respond))

    async def _handle_action(self, body: Mapping[str, Any], respond: AsyncRespond) -> None:
        action = (body.get("actions") or [{}])[0]
        kind = str(action.get("action_id", "")).removeprefix(ACTION_PREFIX)
        user = str((body.get("user") or {}).get("id", ""))
        try:
            group_id = int(action.get("value", ""))
        except ValueError:
            log.warning("slack: a card button without a gap id (%r)", action.get("value"))
            return
        if not self.twin.owner.is_owner("slack", user):
            log.info("slack: %s clicked gap %d's card but is not the owner", user, group_id)
            await respond(
                text="Sorry, only the twin's owner can answer, keep private or ignore a gap.",
                response_type="ephemeral",
                replace_original=False,
            )
            return
        channel = str((body.get("container") or {}).get("channel_id") or "")
        message = body.get("message") or {}
        ts = str(message.get("ts") or (body.get("container") or {}).get("message_ts") or "")
        if kind == ACTION_ANSWER:
            group, refusal = await self.twin.owner.open_group(group_id)
            if refusal is not None or group is None:
                assert refusal is not None
                await self._tell(refusal, channel, ts, message.get("blocks"))
                return
            await self.client.views_open(
                trigger_id=str(body.get("trigger_id", "")),
                view=answer_modal(group.example, group_id, channel, ts),
            )
            return
        if kind not in (ACTION_PRIVATE, ACTION_IGNORE):
            log.warning("slack: unknown card action %r", kind)
            return
        outcome = await owner_decision(self.twin, kind, group_id, user)
        await self._tell(outcome, channel, ts, message.get("blocks"))

    # --- the modal -----------------------------------------------------------------------

    async def _on_submit(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        view = body.get("view") or {}
        values = (view.get("state") or {}).get("values") or {}
        text = str(((values.get(ANSWER_BLOCK) or {}).get(ANSWER_INPUT) or {}).get("value") or "")
        user = str((body.get("user") or {}).get("id", ""))

        async def refuse(why: str) -> None:  # the modal stays open, the text in it
            await ack(response_action="errors", errors={ANSWER_BLOCK: why})

        if not self.twin.owner.is_owner("slack", user):
            await refuse("Only the twin's owner can answer a gap.")
            return
        if not text.strip():
            await refuse("Write an answer first.")
            return
        if len(text.strip()) > MAX_ANSWER_CHARS:
            await refuse(f"At most {MAX_ANSWER_CHARS:,} chars.")
            return
        try:
            meta = json.loads(view.get("private_metadata") or "{}")
            group_id = int(meta["group"])
        except (ValueError, KeyError, TypeError):
            log.warning("slack: an answer modal without its gap id")
            await ack()
            await self._dm(f"I could not tell which gap this answers. Your text:\n{text}")
            return
        _, refusal = await self.twin.owner.open_group(group_id)
        if refusal is not None:  # closed meanwhile (elsewhere): keep the form and the text
            await refuse(refusal.message[:150])
            return
        await ack()
        self._spawn(self._answer(group_id, text, user, meta))

    async def _answer(self, group_id: int, text: str, user: str, meta: Mapping[str, Any]) -> None:
        outcome = await self.twin.owner.answer(group_id, text, user)
        await self._tell(outcome, str(meta.get("channel") or ""), str(meta.get("ts") or ""), None)

    # --- telling the owner ---------------------------------------------------------------

    async def _tell(
        self, outcome: OwnerOutcome, channel: str, ts: str, blocks: list[Any] | None
    ) -> None:
        """Close the card when decided; otherwise DM the owner why not, with their text."""
        if outcome.ok and channel and ts:
            card = blocks
            if card is None:
                found = await self.twin.owner.group(outcome.group_id)
                card = card_blocks(card_for(found)) if found is not None else []
            try:
                await self.client.chat_update(
                    channel=channel,
                    ts=ts,
                    text=outcome.message,
                    blocks=closed_blocks(list(card), outcome.message),
                )
            except SlackApiError as exc:  # e.g. the ephemeral /twin-gaps list: the DM says it
                log.info("slack: card %s not updated (%s)", ts, exc.response.get("error"))
        text = outcome.message
        if outcome.kept_text:
            text += f"\n\nYour text:\n{outcome.kept_text}"
        await self._dm(text)

    async def _dm(self, text: str) -> None:
        if self.owner_id:
            await self.client.chat_postMessage(channel=self.owner_id, text=escape_mrkdwn(text))

    # --- /twin-why -----------------------------------------------------------------------

    async def _on_why(self, ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        self._spawn(self._why(body, respond))

    async def _why(self, body: Mapping[str, Any], respond: AsyncRespond) -> None:
        user = str(body.get("user_id") or "")
        say = functools.partial(respond, response_type="ephemeral")  # to the caller alone
        if user not in self.config.slack.admins and not self.twin.owner.is_owner("slack", user):
            await say(text="Sorry, `/twin-why` is only for the twin's owner and admins.")
            return
        # the answer linked to, else the last one in the channel the command was run in
        link = parse_message_link(str(body.get("text") or ""))
        where = link or (str(body.get("channel_id") or ""),)
        request_id = await self.twin.answers.for_message("slack", *where)
        report = await self.twin.answers.why(request_id) if request_id else None
        if report is None:
            await say(
                text="I found no answer of mine there. Give a link to one of my answers "
                "(⋯ → Copy link), or run it in a channel where I answered."
            )
            return
        await say(text=why_text(report), blocks=why_blocks(report))
