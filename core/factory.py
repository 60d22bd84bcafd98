"""Build a whole twin from config and environment: the one place parts are wired together."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path

from core.clock import Clock, WallClock, monotonic, utc_now
from core.config import Config
from core.insight.alerts import Alert, AlertBus, AlertHandler
from core.insight.failure_watch import FailureWatch
from core.insight.metrics import Metrics
from core.limits.guard import Guard
from core.limits.step_down import StepDown, read_figures
from core.models.health_sync import HealthSync
from core.models.providers.registry import Providers, build_providers
from core.models.router import Router
from core.owner.learned import learned_file, load_persona
from core.owner.same_question import SameQuestion
from core.persona.answer_cache import AnswerCache
from core.persona.memory import ConversationMemory
from core.persona.profiles.profile import ProfileError
from core.persona.prompt import build_messages
from core.persona.search.retrieval import Retriever
from core.privacy.withheld import summary
from core.store.base import Store
from core.store.opening import open_store
from core.store.records import StoreError, StoreUnavailable
from core.store.urls import database_url_from_env
from core.twin import Twin, TwinParts

log = logging.getLogger(__name__)


def _alert_keeper(store: Store) -> AlertHandler:
    """Keeps each alert for the dashboard's history; while the store cannot write (the very
    outage a storage alert reports) one warning line instead of a traceback."""

    async def keep(alert: Alert) -> None:
        try:
            await store.record_alert(alert)
        except StoreUnavailable as down:
            log.warning("alert %s not kept in the history: %s", alert.key, down.cause)

    return keep


def profile_error(exc: ProfileError, config: Config) -> ProfileError:
    """The profile's error naming the setting that chose the file; for a file not found, where a
    relative path was looked for (the config file's folder, not the current directory)."""
    origin = f"[persona] profile in {config.path}"
    if exc.path != config.persona.profile or exc.problem != "file not found":
        return exc.pointed_by(origin)
    folder = config.path.parent.resolve()
    problem = (
        f"file not found (a relative path is resolved against the config file's folder, {folder}"
    )
    try:
        spelled = exc.path.resolve().relative_to(folder)
    except ValueError:
        spelled = None
    if spelled is not None and (Path.cwd() / spelled).is_file() and Path.cwd() != folder:
        problem += f"; {spelled} is in the current directory: give its path from {folder}"
    return ProfileError(exc.path, problem + ")", origin)


async def build_twin(
    config: Config,
    env: Mapping[str, str] | None = None,
    *,
    clock: Clock = monotonic,
    wall: WallClock = utc_now,
    serves: bool = True,
) -> Twin:
    """Load the profile, open the store, wire guard, router and cache. Raises on bad setup:
    `ProfileError`, `StoreError` (their messages name the file). `serves=False` for a short
    command (`twin ask`, reports): other processes do not count it as a twin serving."""
    env = os.environ if env is None else env
    persona = config.persona
    try:
        profile = load_persona(
            persona.profile,
            learned_file(config),
            persona.private,
            name=persona.name,
            public=persona.public,
        )
    except ProfileError as exc:
        raise profile_error(exc, config) from None
    log.debug("profile %s: %s", config.persona.profile.name, summary(profile.withheld))
    try:
        store = await open_store(config.storage, env)
    except StoreError as exc:
        if env.get("TWIN_DATABASE_URL"):
            raise  # the message names the server and the variable already
        raise StoreError(f"[storage] path in {config.path}: {exc}") from None
    except OSError as exc:
        raise StoreError(
            f"[storage] path in {config.path}: cannot create {config.storage.path}"
            f" ({exc.strerror or 'OS error'})"
        ) from None
    providers: Providers | None = None
    try:
        alerts = AlertBus()
        alerts.subscribe(_alert_keeper(store))  # the history the dashboard shows
        guard = Guard(
            config.limits,
            config.budget,
            store,
            alerts,
            clock=clock,
            wall=wall,
            instance_lease_s=config.instances.lease_s,
        )
        await guard.start()
        providers = build_providers(config, env)
        metrics = Metrics(price=config.price)
        health = HealthSync(store, wall, config.llm.breaker_cooldown_s)
        router = Router(
            config,
            providers,
            (health, metrics),  # the usage row goes through each question's budget session
            alerts,
            clock=clock,
            wall=wall,
            claim_alert=store.claim_alert,
        )
        health.attach(router.health, router.hold_off, router.breakers)
        router.seed(await store.recent_attempts())
        await health.follow()
        await router.start()
        rules = build_messages(profile, (), (), "", no_answer=config.persona.no_answer)[0].content
        fingerprint = AnswerCache.make_fingerprint(
            profile.fingerprint, rules, *config.llm.models, str(config.llm.max_tokens)
        )
        shared = database_url_from_env(env) is not None  # instances on other machines write too
        cache = AnswerCache(
            store, fingerprint, config.cache.ttl_s, wall, config.cache.enabled, shared=shared
        )
        await cache.start()
        memory = ConversationMemory(
            store, keep=2 * config.persona.history_turns, wall=wall, serves=serves
        )
        await memory.start(wall())
        step_down = None
        if config.budget.step_down:
            reader = read_figures(guard, store)
            step_down = StepDown(config.budget, reader, alerts, store.claim_alert, wall=wall)
        parts = TwinParts(
            config=config,
            profile=profile,
            retriever=Retriever(profile.chunks),
            store=store,
            guard=guard,
            router=router,
            providers=providers,
            cache=cache,
            memory=memory,
            alerts=alerts,
            metrics=metrics,
            failures=FailureWatch(alerts, store, wall),
            health=health,
            wall=wall,
            notes=(*providers.notes, *profile.warnings, *config.warnings),
            step_down=step_down,
        )
        for warning in config.warnings:
            log.warning("%s: %s", config.path, warning)
        twin = Twin(parts)
        twin.owner.same_question = SameQuestion(router, guard, config)  # gaps grouped by meaning
        await twin.owner.start()
        await twin.privacy.purge()  # members' text past [privacy] retention_days, at start-up
    except BaseException:
        if providers is not None:  # their HTTP sessions (the model list opened one)
            await providers.aclose()
        await store.close()
        raise
    return twin
