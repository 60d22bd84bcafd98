"""The owner loop's part of the store interface (gap groups, cards, answer sources, votes):
the methods `core.store.sql_owner` implements for both backends, as a Protocol `Store` extends."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from core.store.owner_records import AnswerSources, GapAsk, GapGroupRow, PendingReply


class OwnerStore(Protocol):
    """Semantics: see each method in core/store/sql_owner.py."""

    async def open_group_terms(self, kind: str) -> list[tuple[int, frozenset[str]]]:
        """(id, terms) of the open groups of `kind`, newest first: what a new gap is filed by."""
        ...

    async def waiting_gap_groups(self, limit: int = 1000) -> list[GapGroupRow]:
        """Open groups without a card yet, with counts but without their wordings (one query):
        what the card policy picks from."""
        ...

    async def gap_groups(self, status: str | None = None, limit: int = 200) -> list[GapGroupRow]:
        """Groups (of one status, or all), newest first, with their wordings."""
        ...

    async def gap_group(self, group_id: int) -> GapGroupRow | None: ...

    async def count_gap_groups(self, status: str) -> int: ...

    async def new_gap_group(
        self, kind: str, at: datetime, example: str, terms: frozenset[str], detail: str = ""
    ) -> int: ...

    async def add_gap_ask(self, group_id: int, ask: GapAsk, normalized: str) -> int:
        """Record one ask in a group (the `gaps` row) and move the group's last-asked time."""
        ...

    async def mark_carded(self, group_id: int, at: datetime) -> bool:
        """Claim the one card of an open group: True for the first caller only."""
        ...

    async def unmark_carded(self, group_id: int) -> None: ...

    async def close_gap_group(
        self, group_id: int, status: str, at: datetime, by: str, answer: str = ""
    ) -> bool:
        """Close an open group (answered / private / ignored): True for the one caller who did."""
        ...

    async def reopen_gap_group(self, group_id: int) -> None:
        """Undo a close whose follow-up failed (e.g. the learned file was not writable)."""
        ...

    async def counted_gap_groups(self, status: str, limit: int = 1000) -> list[GapGroupRow]:
        """Groups of one status with their counts but not their wordings (one query): what a
        list is ranked by before the wordings of the rows it shows are read."""
        ...

    async def claim_card_slot(self, day: str, limit: int) -> bool:
        """Count one card for `day` if fewer than `limit` were sent: one atomic statement."""
        ...

    async def release_card_slot(self, day: str) -> None: ...

    async def cards_sent(self, day: str) -> int: ...

    async def pending_replies(
        self, platform: str | None = None, group_id: int | None = None
    ) -> list[PendingReply]:
        """Askers of answered groups not yet sent the owner's words, oldest first."""
        ...

    async def claim_reply(self, ask_id: int, at: datetime) -> bool:
        """Mark one asker as being answered: True once, so no one gets the words twice."""
        ...

    async def unclaim_reply(self, ask_id: int) -> None: ...

    async def cache_rekey(self, old: str, new: str, keys: Sequence[str]) -> int:
        """Move cached answers (by question key) from one fingerprint to another."""
        ...

    async def record_sources(self, sources: AnswerSources) -> None: ...

    async def sources_of(self, request_id: str) -> AnswerSources | None: ...

    async def used_chunk_ids(self, since: datetime) -> set[str]:
        """Every chunk id retrieval picked for a question at or after `since`."""
        ...

    async def link_answer_message(
        self, platform: str, channel_id: str, message_id: str, request_id: str, at: datetime
    ) -> None:
        """Remember which request a posted message answers (for /twin-why and votes)."""
        ...

    async def request_of_message(
        self, platform: str, channel_id: str, message_id: str | None = None
    ) -> str | None:
        """The request a message answers; without `message_id`, the channel's last answer."""
        ...

    async def topic_costs(self, since: datetime) -> list[tuple[str, float]]:
        """(topic, cost) of every answer with sources at or after `since` (the topic as in
        `vote_rows`), for cost per topic beside its votes."""
        ...

    async def vote_rows(self, since: datetime) -> list[tuple[bool, str, str]]:
        """(helpful, model, topic) of every standing vote cast at or after `since`; the topic
        is the heading of the fact retrieval picked first for that answer ("" if none)."""
        ...
