"""The live loop: the profile and learned facts picked up from disk while the twin runs, the
answer cache kept for what did not change, and the owner desk's periodic work (the owner's
words still owed to askers, cards that became due on a new day).

Why a cheap mtime poll (one `stat` of two files every 1.5 s, off the event loop) and not a
file-watching library: the loop must tick anyway for the owner's outbox (another process, e.g.
`twin gaps answer`, may have answered a gap), polling works the same on every filesystem
(network mounts and editors that replace files included), and it adds no dependency.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from core.clock import WallClock
from core.config import Config
from core.insight.why import AnswerLog
from core.owner.learned import learned_file
from core.owner.owner_desk import OwnerDesk
from core.persona.answer_cache import AnswerCache
from core.persona.profiles.live import LivePersona, Reload
from core.persona.profiles.profile import Profile
from core.persona.prompt import build_messages, facts_for, retrieval_query
from core.persona.search.retrieval import Retriever
from core.store.base import Store

log = logging.getLogger(__name__)

LIVE_INTERVAL_S = 1.5  # how often the loop looks at the profile files and the outbox


class Live:
    """Reload on change, refresh the cache, tell the owner about a broken edit, tick."""

    def __init__(
        self, persona: LivePersona, owner: OwnerDesk, cache: AnswerCache, config: Config
    ) -> None:
        self.persona = persona
        self.owner = owner
        self.cache = cache
        self.config = config
        self.beats: list[Callable[[], Awaitable[None]]] = []  # presence, every tick; never raise

    async def check_files(self) -> Reload | None:
        result = await self.persona.check()
        if result is not None:
            await self._apply(result)
        return result

    async def reload(self) -> Reload:
        result = await self.persona.reload()
        await self._apply(result)
        return result

    async def _apply(self, result: Reload) -> None:
        if not result.ok:
            if result.new_problem:
                await self.owner.notify(
                    "Your profile edit could not be used, so I keep answering from the last "
                    f"good version. {result.problem}"
                )
            return
        if result.changed:
            await self._refresh_cache()

    async def _refresh_cache(self) -> None:
        """Keep the cached answers whose prompt facts did not change; drop the rest."""
        config = self.config
        no_answer = config.persona.no_answer
        old_profile, old_retriever = self.persona.previous
        profile, retriever = self.persona.profile, self.persona.retriever
        old_rules = build_messages(old_profile, (), (), "", no_answer=no_answer)[0].content
        rules = build_messages(profile, (), (), "", no_answer=no_answer)[0].content
        fingerprint = AnswerCache.make_fingerprint(
            profile.fingerprint, rules, *config.llm.models, str(config.llm.max_tokens)
        )
        k = config.persona.context_chunks

        def facts(who: Profile, finder: Retriever, query: str) -> list[tuple[str, str, str]]:
            return [(c.id, c.title, c.text) for c in facts_for(who, finder.search(query, k=k))]

        def unchanged(key: str) -> bool:
            query = retrieval_query(key, ())
            return facts(old_profile, old_retriever, query) == facts(profile, retriever, query)

        def never(_key: str) -> bool:
            return False

        kept, dropped = await self.cache.refresh(
            fingerprint, unchanged if rules == old_rules else never
        )
        log.info("answer cache after the profile change: %d kept, %d dropped", kept, dropped)

    async def tick(self) -> None:
        """One round; never raises (each step logs its own failure)."""
        for name, step in (
            ("profile files", self.check_files),
            ("owner replies", self.owner.deliver_pending),
            ("owner cards", self.owner.flush),
            ("kept private", self.owner.refresh_private),
            ("weekly digest", self._digest),
        ):
            try:
                await step()
            except Exception:
                log.exception("live loop: %s failed", name)
        for beat in self.beats:
            await beat()

    async def _digest(self) -> None:
        await self.owner.weekly_digest(self.persona.profile)

    async def run(self, interval: float = LIVE_INTERVAL_S) -> None:
        while True:
            await self.tick()
            await asyncio.sleep(interval)


def owner_loop(
    config: Config,
    profile: Profile,
    retriever: Retriever,
    store: Store,
    cache: AnswerCache,
    wall: WallClock,
) -> tuple[LivePersona, OwnerDesk, Live, AnswerLog]:
    """The twin's live persona (from the start-up `profile`), owner desk, live loop and answer
    log, wired to each other: how the owner teaches the twin."""
    persona = LivePersona(
        profile,
        config.persona.profile,
        learned_file(config),
        config.persona.private,
        config.persona.name,
        retriever,
        public=config.persona.public,
    )
    loops: list[Live] = []

    async def reload() -> Reload:
        return await loops[0].reload()

    owner = OwnerDesk(store, config, wall, lambda: persona.profile.name, reload)
    loops.append(Live(persona, owner, cache, config))
    return persona, owner, loops[0], AnswerLog(store, wall, lambda: persona.profile)
