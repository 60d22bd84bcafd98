"""The live persona: the profile and the learned facts as the twin answers from them now.

`LivePersona` holds the current `Profile` and its `Retriever`. `check()` looks at both files
(size and modification time, one `stat` each, off the event loop) and reloads when either
changed; `reload()` reloads unconditionally (after the owner answered a gap). A file that no
longer loads keeps the last good profile: the result names the file and what is wrong, once
per broken version, so the owner is told once, not every poll.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from core.owner.learned import load_persona
from core.persona.profiles.profile import Profile, ProfileError
from core.persona.search.retrieval import Retriever

log = logging.getLogger(__name__)

FileState = tuple[int, int] | None  # (mtime_ns, size); None = missing


@dataclass(frozen=True)
class Reload:
    """What a reload did: `ok` and the new fingerprint, or the problem (file and cause)."""

    ok: bool
    fingerprint: str
    problem: str = ""
    changed: tuple[str, ...] = ()  # chunk ids added, removed or edited
    new_problem: bool = False  # True the first time this broken state is seen


def _state(path: Path) -> FileState:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


class LivePersona:
    """The profile the twin answers from, reloaded when its files change."""

    def __init__(
        self,
        profile: Profile,
        profile_path: Path,
        learned_path: Path,
        private: Sequence[str],
        name: str = "",
        retriever: Retriever | None = None,
        public: Sequence[str] = (),
    ) -> None:
        self.profile = profile
        self.retriever = retriever or Retriever(profile.chunks)
        self.previous = (profile, self.retriever)  # what answered before the last switch
        self.profile_path = Path(profile_path)
        self.learned_path = Path(learned_path)
        self.private = tuple(private)
        self.name = name  # [persona] name
        self.public = tuple(public)  # [persona] public: released again on every reload
        self.problem = ""  # the current broken edit, if any
        self._states = (_state(self.profile_path), _state(self.learned_path))
        self._lock = asyncio.Lock()

    async def check(self) -> Reload | None:
        """Reload if a file changed since the last look; None when nothing changed."""
        states = await asyncio.to_thread(
            lambda: (_state(self.profile_path), _state(self.learned_path))
        )
        if states == self._states:
            return None
        return await self.reload(states)

    async def reload(self, states: tuple[FileState, FileState] | None = None) -> Reload:
        """Load both files again; on success switch to them, else keep the last good profile."""
        async with self._lock:
            if states is None:
                states = (_state(self.profile_path), _state(self.learned_path))
            self._states = states
            old = self.profile
            try:
                profile = await asyncio.to_thread(
                    lambda: load_persona(
                        self.profile_path,
                        self.learned_path,
                        self.private,
                        name=self.name,
                        public=self.public,
                    )
                )
            except ProfileError as exc:
                problem = str(exc)
                fresh = problem != self.problem
                self.problem = problem
                if fresh:
                    log.warning("profile edit not used, the last good profile stays: %s", problem)
                return Reload(False, old.fingerprint, problem, new_problem=fresh)
            self.problem = ""
            if profile.fingerprint == old.fingerprint:
                return Reload(True, old.fingerprint)
            before = {c.id: (c.title, c.text) for c in old.chunks}
            after = {c.id: (c.title, c.text) for c in profile.chunks}
            changed = tuple(
                sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
            )
            self.previous = (self.profile, self.retriever)
            self.profile = profile
            self.retriever = Retriever(profile.chunks)
            log.info(
                "profile reloaded from %s and %s: %d chunk(s), %d changed",
                self.profile_path,
                self.learned_path,
                len(profile.chunks),
                len(changed),
            )
            return Reload(True, profile.fingerprint, changed=changed)
