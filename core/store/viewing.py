"""What a member was last seen looking at in a conversation (Slack's `app_context_changed`):
the value kept (`ViewedEntity`) and its queries, written once for both backends.

Untrusted data, kept beside the conversation: only entity types and ids pass (`viewed`: a
strict alphabet, at most MAX_ENTITIES of them), so no free text a member or a workspace wrote
is ever stored here. One row per conversation; a later context replaces it, an older one
(a retried or late delivery, perhaps on another instance) never does. Forgotten with its member
and purged with the conversation's text (`core.store.privacy`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from core.store.executor import Executor

MAX_ENTITIES = 5  # a row holds at most this many (a few hundred bytes)
_TYPE = re.compile(r"^[a-z][a-z_]{0,39}$")  # "channel_id", "canvas_id", "message_context", ...
_ID = re.compile(r"^[A-Za-z0-9._-]{1,40}(/[A-Za-z0-9._-]{1,40})?$")  # "C123" or "C123/17.5"


@dataclass(frozen=True)
class ViewedEntity:
    """One thing a member looks at: its type (Slack's type name without `slack#/types/`) and
    its id (a message is "C123/1700000000.000100"); nothing else."""

    type: str
    value: str


def viewed(entities: Iterable[ViewedEntity]) -> tuple[ViewedEntity, ...]:
    """The entities that are plainly a type and an id, the first MAX_ENTITIES of them."""
    kept = (e for e in entities if _TYPE.match(e.type) and _ID.match(e.value))
    return tuple(e for _, e in zip(range(MAX_ENTITIES), kept, strict=False))


def _encode(entities: tuple[ViewedEntity, ...]) -> str:
    return json.dumps([[e.type, e.value] for e in entities], separators=(",", ":"))


def _decode(text: str) -> tuple[ViewedEntity, ...]:
    try:
        pairs = json.loads(text)
    except ValueError:
        return ()
    if not isinstance(pairs, list):
        return ()
    found = [
        ViewedEntity(str(p[0]), str(p[1])) for p in pairs if isinstance(p, list) and len(p) == 2
    ]
    return viewed(found)


class ViewingQueries(Executor):
    """`note_viewing` and `viewing`."""

    async def note_viewing(
        self,
        conversation: str,
        entities: Iterable[ViewedEntity],
        at: datetime,
        *,
        platform: str,
        user_id: str,
    ) -> tuple[ViewedEntity, ...]:
        """Keep what the member `platform`, `user_id` looks at in `conversation` as of `at`:
        entity types and ids only (`core.store.viewing.viewed`: anything else is dropped, at
        most MAX_ENTITIES), replacing an older context, never a later one; returns what was
        kept. Untrusted data: nothing reads it into a prompt."""
        kept = viewed(entities)
        await self._run(
            "record a viewing context",
            "INSERT INTO viewing_context (conversation, at, platform, user_id, entities)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (conversation) DO UPDATE SET"
            " at = excluded.at, platform = excluded.platform, user_id = excluded.user_id,"
            " entities = excluded.entities WHERE viewing_context.at <= excluded.at",
            conversation,
            self.dialect.time(at),
            platform,
            user_id,
            _encode(kept),
        )
        return kept

    async def viewing(self, conversation: str) -> tuple[ViewedEntity, ...]:
        """What the member was last seen looking at in `conversation` (empty when unknown)."""
        row = await self._one(
            "read a viewing context",
            "SELECT entities FROM viewing_context WHERE conversation = ?",
            conversation,
        )
        return () if row is None else _decode(str(row[0]))
