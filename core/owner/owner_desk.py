"""The owner desk: gaps become stable groups, groups become owner cards, and the owner's answer
goes back to everyone who asked and into the learned-facts file.

Core decides, adapters render and send: an adapter registers an `OwnerOutlet` (Slack or
Discord) that can DM the owner a card or a notice and post the owner's words to an asker. The
store holds every state that matters (groups, the day's card count, who was answered), so a
second process or a restart carries on where the first stopped, and every check-and-write is
one atomic statement: two answers to one group at once, one wins and the other is told.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Protocol

from core.clock import WallClock
from core.config import Config
from core.grounding.check import Verdict
from core.grounding.policy import held_detail
from core.insight.feedback import Feedback
from core.owner.digest import WeeklyDigest, build_digest, iso_week
from core.owner.gaps import question_terms, similar_terms
from core.owner.learned import MAX_ANSWER_CHARS, LearnedWriteError, append_fact, learned_file
from core.owner.owner_cards import (
    OwnerCard,
    OwnerOutcome,
    OwnerReply,
    card_for,
    day_key,
    deserving,
)
from core.owner.same_question import SameQuestion
from core.persona.profiles.profile import Profile
from core.privacy.kept_private import KeptPrivate
from core.store.base import Store
from core.store.owner_records import (
    ANSWERED,
    IGNORED,
    KIND_GAP,
    KIND_HELD_CLAIM,
    KIND_THUMBS_DOWN,
    OPEN,
    PRIVATE,
    GapAsk,
    GapGroupRow,
)
from core.store.records import normalize_question
from core.types import Question

log = logging.getLogger(__name__)


class OwnerOutlet(Protocol):
    """One platform's way to the owner and to the people who asked."""

    platform: str  # "slack" | "discord"

    async def send_card(self, card: OwnerCard) -> bool:
        """DM the owner the card; True when it was delivered."""
        ...

    async def send_reply(self, reply: OwnerReply) -> bool:
        """Post the owner's words where the person asked; True when delivered."""
        ...

    async def send_notice(self, text: str) -> bool:
        """DM the owner a short notice (e.g. a broken profile edit)."""
        ...

    async def send_digest(self, digest: WeeklyDigest) -> bool:
        """DM the owner the weekly digest card."""
        ...


Reloader = Callable[[], Awaitable[object]]


class OwnerDesk:
    """Gap groups, owner cards, and the owner's Answer / Keep private / Ignore."""

    def __init__(
        self,
        store: Store,
        config: Config,
        wall: WallClock,
        owner_name: Callable[[], str],
        reload_persona: Reloader,
    ) -> None:
        self.store = store
        self.config = config
        self.wall = wall
        self.owner_name = owner_name
        self.private_topics = KeptPrivate()  # #16's PrivateTopics fits here too
        self.outlets: list[OwnerOutlet] = []
        self._reload = reload_persona
        self._flush_lock = asyncio.Lock()
        self._private_known = -1  # closed-private groups loaded so far
        self._digest_week = ""  # the ISO week whose digest was claimed (by anyone)
        self.same_question: SameQuestion | None = None  # set once a model router exists

    async def start(self) -> None:
        """Load the keep-private topics."""
        await self.refresh_private()

    async def refresh_private(self) -> None:
        """Pick up topics another process (e.g. `twin gaps private ID`) made private."""
        known = await self.store.count_gap_groups(PRIVATE)
        if known == self._private_known:
            return
        for group in await self.store.gap_groups(PRIVATE, limit=10_000):
            self._keep_private(group)
        self._private_known = known

    def subscribe(self, outlet: OwnerOutlet) -> None:
        self.outlets.append(outlet)

    def declined(self, question: str) -> str | None:
        """The polite no for a question on a topic the owner keeps private, else None."""
        topic = self.private_topics.match(question)
        return None if topic is None else self.private_topics.decline(topic)

    def is_owner(self, platform: str, user_id: str) -> bool:
        """Whether this platform user is the configured owner."""
        owner = self.config.owner
        wanted = {"slack": owner.slack_user, "discord": owner.discord_user}.get(platform, "")
        return bool(wanted) and str(user_id) == wanted

    @property
    def learned_path(self) -> Path:
        return learned_file(self.config)

    # --- gaps in ---------------------------------------------------------------------------

    def _ask(self, question: Question, request_id: str, text: str) -> GapAsk:
        """One asking of a question, as the owner loop files it."""
        return GapAsk(
            at=self.wall(),
            platform=question.platform,
            user_id=question.user_id,
            question=text,
            channel_id=question.channel_id,
            reply_to=question.reply_to,
            request_id=request_id,
        )

    async def file_question(
        self, question: Question, request_id: str, text: str, *, by_model: bool = False
    ) -> None:
        """File a question the twin could not answer; never fails the answer (logged).
        `by_model`: a model answered it (said it is not written down), so one may also group it
        (`same_question`); an answer without a model (no key, no budget, models down) spends
        nothing more on grouping."""
        ask = self._ask(question, request_id, text)
        try:
            await self._file(ask, KIND_GAP, "", question if by_model else None)
        except Exception:
            log.exception("request %s: could not file the gap for the owner", request_id)

    async def file_held_claims(
        self, question: Question, request_id: str, text: str, held: Sequence[Verdict]
    ) -> None:
        """File what the model wanted to say but was held back (grounding) as a possible gap:
        the owner adds it to the profile if it is true. Never fails the answer (logged)."""
        ask = self._ask(question, request_id, text)
        detail = held_detail(held)
        try:
            await self._file(ask, KIND_HELD_CLAIM, detail)
        except Exception:
            log.exception("request %s: could not file the held claims for the owner", request_id)

    async def on_feedback(self, feedback: Feedback) -> None:
        """A feedback listener: a new thumbs-down becomes a group (and a card), its asker the
        one to send the owner's words to, in the thread the answer was in."""
        answer = feedback.answer
        if feedback.vote.helpful or not feedback.changed or answer is None:
            return
        sources = await self.store.sources_of(answer.answer_id)
        ask = GapAsk(
            at=feedback.vote.at,
            platform=answer.platform,
            user_id=answer.user_id,
            question=answer.question or "(the question was not kept)",
            channel_id=answer.channel_id,
            reply_to=sources.reply_to if sources is not None else "",
            request_id=answer.answer_id,
        )
        await self.record_thumbs_down(ask, answer.answer)

    async def record_thumbs_down(self, ask: GapAsk, answer_text: str) -> int:
        """A member voted an answer down: it becomes a group (and a card) like a gap."""
        return await self._file(ask, KIND_THUMBS_DOWN, answer_text)

    async def _file(
        self, ask: GapAsk, kind: str, detail: str, question: Question | None = None
    ) -> int:
        """File `ask` into the open group of `kind` that asks the same, or a new one: for a
        member's question a model answered, the model decides (`same_question`, the group its
        concepts are like shown first); otherwise, or when that call fails, its concepts do."""
        terms = question_terms(ask.question)
        group_id = 0
        for candidate, known in await self.store.open_group_terms(kind):
            if similar_terms(terms, known):
                group_id = candidate
                break
        if question is not None:
            decided = await self._by_meaning(question, ask, kind, group_id)
            if decided is not None:
                group_id = decided  # 0: the model says none asks the same
        if not group_id:
            group_id = await self.store.new_gap_group(kind, ask.at, ask.question, terms, detail)
        await self.store.add_gap_ask(group_id, ask, normalize_question(ask.question))
        await self.flush()
        return group_id

    async def _by_meaning(
        self, question: Question, ask: GapAsk, kind: str, alike: int
    ) -> int | None:
        """The open group of `kind` the model says asks what `ask` asks (0: none), `alike` (the
        group its concepts are like, if any) shown first; None when the model was not asked or
        its reply could not be read."""
        matcher = self.same_question
        if matcher is None or not matcher.ready:
            return None
        groups = [g for g in await self.store.counted_gap_groups(OPEN) if g.kind == kind]
        groups.sort(key=lambda g: (g.id == alike, g.last_asked, g.id), reverse=True)
        found = await matcher.match(
            question, ask.request_id, ask.question, [(g.id, g.example) for g in groups]
        )
        if found is not None and found != alike:
            log.info("request %s: gap filed by meaning (group %s)", ask.request_id, found or "new")
        return found

    async def flush(self) -> int:
        """Card the groups that deserve one now, within today's count; returns cards sent."""
        if not self.outlets or not self.config.owner.configured:
            return 0
        async with self._flush_lock:
            limit = self.config.owner.cards_per_day
            day = day_key(self.wall())
            room = limit - await self.store.cards_sent(day)
            if room <= 0:
                return 0
            sent = 0
            for waiting in deserving(await self.store.waiting_gap_groups(), room):
                group = await self.store.gap_group(waiting.id)  # with its wordings
                if group is None or not await self.store.mark_carded(group.id, self.wall()):
                    continue  # another process carded it
                if not await self.store.claim_card_slot(day, limit):
                    await self.store.unmark_carded(group.id)
                    break  # another process used the last card of the day
                if await self._send_card(card_for(group)):
                    sent += 1
                else:
                    await self.store.unmark_carded(group.id)
                    await self.store.release_card_slot(day)
            return sent

    async def _send_card(self, card: OwnerCard) -> bool:
        delivered = False
        for outlet in list(self.outlets):
            try:
                delivered = await outlet.send_card(card) or delivered
            except Exception:
                log.exception("owner card %d: %s could not send it", card.group_id, outlet.platform)
        return delivered

    async def notify(self, text: str) -> bool:
        """Tell the owner something (a broken profile edit); logged either way."""
        delivered = False
        for outlet in list(self.outlets):
            try:
                delivered = await outlet.send_notice(text) or delivered
            except Exception:
                log.exception("owner notice: %s could not send it", outlet.platform)
        return delivered

    async def weekly_digest(self, profile: Profile) -> bool:
        """Send this ISO week's digest if no process sent it yet; True when sent now."""
        if not self.outlets or not self.config.owner.configured or not self.config.owner.digest:
            return False
        now = self.wall()
        week = iso_week(now)
        if week == self._digest_week:
            return False  # this process already knows the week is done: no write every tick
        self._digest_week = week
        if not await self.store.claim(f"owner-digest:{week}", now):
            return False
        digest = await build_digest(self.store, profile, now)
        delivered = False
        for outlet in list(self.outlets):
            try:
                delivered = await outlet.send_digest(digest) or delivered
            except Exception:
                log.exception("weekly digest: %s could not send it", outlet.platform)
        return delivered

    # --- the owner's decisions -------------------------------------------------------------

    async def answer(self, group_id: int, text: str, by: str) -> OwnerOutcome:
        """The owner's own answer: into the learned file, to every asker, the group closed."""
        words = text.strip()
        if not words:
            return OwnerOutcome(
                False, "empty", "The answer is empty: write what the twin should say.", group_id
            )
        if len(words) > MAX_ANSWER_CHARS:
            return OwnerOutcome(
                False,
                "too_long",
                f"The answer is {len(words):,} characters; the limit is {MAX_ANSWER_CHARS:,}. "
                "Nothing was saved - shorten it and answer again (your text is below).",
                group_id,
                kept_text=words,
            )
        group, refusal = await self._open_group(group_id, words)
        if refusal is not None:
            return refusal
        assert group is not None
        if not await self.store.close_gap_group(group_id, ANSWERED, self.wall(), by, words):
            return await self._already_closed(group_id, words)
        try:
            await asyncio.to_thread(
                append_fact, self.learned_path, group.example, words, self.wall()
            )
        except LearnedWriteError as exc:
            await self.store.reopen_gap_group(group_id)
            log.error("owner answer to gap %d not saved: %s", group_id, exc)
            return OwnerOutcome(
                False,
                "not_writable",
                f"I could not save your answer: {exc}. Gap {group_id} stays open; "
                "fix the file's permissions and answer again (your text is below).",
                group_id,
                kept_text=words,
            )
        try:
            await self._reload()  # a broken profile keeps the last good one and says so itself
        except Exception:
            log.exception("gap %d: the fact is saved but the reload failed", group_id)
        delivered = await self.deliver_pending(group_id=group_id)
        waiting = len(await self.store.pending_replies(None, group_id))
        log.info("gap %d answered by the owner; sent to %d asker(s)", group_id, delivered)
        message = f"Thanks! Added to {self.learned_path.name} and used from the next question on."
        if delivered:
            message += f" Sent to {delivered} {'person' if delivered == 1 else 'people'} who asked."
        if waiting:
            message += f" {waiting} more will get it as soon as the twin runs on their platform."
        return OwnerOutcome(True, ANSWERED, message, group_id, delivered=delivered)

    async def keep_private(self, group_id: int, by: str) -> OwnerOutcome:
        """Close the group and decline questions like it from now on."""
        outcome = await self._close(group_id, PRIVATE, by)
        if outcome.ok:
            group = await self.store.gap_group(group_id)
            if group is not None:
                self._keep_private(group)
        return outcome

    def _keep_private(self, group: GapGroupRow) -> None:
        self.private_topics.add(f"gap-{group.id}", group.questions, label="that")

    async def ignore(self, group_id: int, by: str) -> OwnerOutcome:
        """Dismiss the group: no card, no answer (a new question starts a new group)."""
        return await self._close(group_id, IGNORED, by)

    async def _close(self, group_id: int, status: str, by: str) -> OwnerOutcome:
        group, refusal = await self._open_group(group_id, "")
        if refusal is not None or group is None:
            assert refusal is not None
            return refusal
        if not await self.store.close_gap_group(group_id, status, self.wall(), by):
            return await self._already_closed(group_id, "")
        message = {
            PRIVATE: f"Gap {group_id} is private now: I'll politely decline questions like it.",
            IGNORED: f"Gap {group_id} ignored.",
        }[status]
        return OwnerOutcome(True, status, message, group_id)

    async def group(self, group_id: int) -> GapGroupRow | None:
        return await self.store.gap_group(group_id)

    async def open_group(self, group_id: int) -> tuple[GapGroupRow | None, OwnerOutcome | None]:
        """The group if it is open, else the outcome that says why not (unknown, closed)."""
        return await self._open_group(group_id, "")

    async def _open_group(
        self, group_id: int, words: str
    ) -> tuple[GapGroupRow | None, OwnerOutcome | None]:
        group = await self.store.gap_group(group_id)
        if group is None:
            message = f"There is no gap {group_id} (`twin gaps` lists them)."
            return None, OwnerOutcome(False, "unknown", message, group_id, kept_text=words)
        if group.status != OPEN:
            return None, self._closed_outcome(group, words)
        return group, None

    async def _already_closed(self, group_id: int, words: str) -> OwnerOutcome:
        group = await self.store.gap_group(group_id)
        assert group is not None
        return self._closed_outcome(group, words)

    @staticmethod
    def _closed_outcome(group: GapGroupRow, words: str) -> OwnerOutcome:
        when = group.closed_at.strftime("%Y-%m-%d %H:%M UTC") if group.closed_at else "earlier"
        who = f" by {group.closed_by}" if group.closed_by else ""
        message = f"Gap {group.id} was already {group.status}{who} ({when}); nothing changed."
        if words:
            message += " Your text was not used (it is below)."
        return OwnerOutcome(False, "closed", message, group.id, kept_text=words)

    # --- the owner's words out -------------------------------------------------------------

    async def deliver_pending(self, group_id: int | None = None) -> int:
        """Send the owner's words to every asker not yet answered, on the platforms this
        process runs; each asker is claimed in the store first, so no one gets them twice."""
        delivered = 0
        for outlet in list(self.outlets):
            for pending in await self.store.pending_replies(outlet.platform, group_id):
                if not await self.store.claim_reply(pending.ask_id, self.wall()):
                    continue
                reply = OwnerReply(
                    ask_id=pending.ask_id,
                    group_id=pending.group_id,
                    platform=pending.platform,
                    user_id=pending.user_id,
                    channel_id=pending.channel_id,
                    reply_to=pending.reply_to,
                    question=pending.question,
                    text=pending.answer,
                    owner_name=self.owner_name(),
                )
                try:
                    ok = await outlet.send_reply(reply)
                except Exception:
                    log.exception("gap %d: could not send the owner's words", pending.group_id)
                    ok = False
                if ok:
                    delivered += 1
                else:  # not retried every tick: the words are in the learned file anyway
                    log.warning(
                        "gap %d: the owner's words could not reach %s %s",
                        pending.group_id,
                        pending.platform,
                        pending.user_id,
                    )
        return delivered
