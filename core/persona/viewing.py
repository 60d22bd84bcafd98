"""What members look at while they talk to the twin (Slack's `app_context_changed`), kept in the
store beside the conversation (`core.store.viewing`) so every instance and a restart see the
same. Untrusted data: entity types and ids only, never read into a prompt, never a rule."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime

from core.clock import WallClock
from core.store.base import Store
from core.store.records import StoreUnavailable
from core.store.viewing import ViewedEntity

log = logging.getLogger(__name__)


class ViewingContexts:
    """Note and read the viewing context of a conversation (`twin.viewing`)."""

    def __init__(self, store: Store, wall: WallClock) -> None:
        self._store = store
        self._wall = wall

    async def note(
        self,
        conversation: str,
        entities: Iterable[ViewedEntity],
        *,
        platform: str,
        user_id: str,
        at: datetime | None = None,
    ) -> tuple[ViewedEntity, ...]:
        """Keep what the member looks at in `conversation` as of `at` (default: now); returns
        what was kept (types and ids only, at most `core.store.viewing.MAX_ENTITIES`). A store
        that cannot write costs only this context: logged, never raised."""
        when = at or self._wall()
        try:
            return await self._store.note_viewing(
                conversation, entities, when, platform=platform, user_id=user_id
            )
        except StoreUnavailable as down:
            log.warning("a viewing context was not recorded: %s", down.cause)
            return ()

    async def of(self, conversation: str) -> tuple[ViewedEntity, ...]:
        """What the member was last seen looking at in `conversation` (empty when unknown or
        when the store cannot be read)."""
        try:
            return await self._store.viewing(conversation)
        except StoreUnavailable as down:
            log.warning("a viewing context could not be read: %s", down.cause)
            return ()
