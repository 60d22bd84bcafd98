"""Which provider, and which of its model ids, stands behind each chain id of `[llm] models`.

A chain id `NAME:model` whose NAME is a `[providers.NAME]` section goes to that provider, with
`model` as its id (which may hold more colons: `local:llama3.2:3b` is model `llama3.2:3b` of
provider `local`). Every other id is a Groq model (`openai/gpt-oss-20b`).

Keys come from the environment only: `GROQ_API_KEY` (and `GROQ_BASE_URL`, for a proxy or a local
fake), and for a backup provider the variable its `api_key_env` names. A missing key never raises:
that provider's models are simply unavailable, and a sentence in `notes` says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from core.config import Config
from core.models.providers.base import Provider
from core.models.providers.groq import GroqProvider
from core.models.providers.openai_compat import OpenAICompatProvider

GROQ = "groq"


@dataclass(frozen=True)
class Route:
    """One chain id resolved: the provider's name and the provider's own model id."""

    chain_id: str
    provider: str
    model: str


@dataclass
class Providers:
    """The providers that could be built, and the route of every chain id."""

    routes: dict[str, Route]
    providers: dict[str, Provider] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def route(self, chain_id: str) -> Route:
        """The route of a chain id (ids outside the config resolve like any other)."""
        return self.routes.get(chain_id) or Route(chain_id, GROQ, chain_id)

    async def aclose(self) -> None:
        for provider in self.providers.values():
            await provider.aclose()


def resolve(chain_id: str, provider_names: set[str] | frozenset[str]) -> Route:
    """Split a chain id into provider and model id (see the module docstring)."""
    name, sep, model = chain_id.partition(":")
    if sep and name in provider_names and model:
        return Route(chain_id, name, model)
    return Route(chain_id, GROQ, chain_id)


def build_providers(config: Config, env: Mapping[str, str]) -> Providers:
    """Build the providers the chain needs from config and environment; never raises for a
    missing key (see `Providers.notes`)."""
    names = set(config.providers)
    routes = {chain_id: resolve(chain_id, names) for chain_id in config.llm.models}
    used = {route.provider for route in routes.values()}
    providers: dict[str, Provider] = {}
    notes: list[str] = []
    timeout = config.llm.timeout_s

    if GROQ in used:
        key = env.get("GROQ_API_KEY", "").strip()
        if key:
            base_url = env.get("GROQ_BASE_URL", "").strip() or None
            providers[GROQ] = GroqProvider(key, base_url, timeout_s=timeout)
        else:
            models = ", ".join(r.chain_id for r in routes.values() if r.provider == GROQ)
            notes.append(
                f"GROQ_API_KEY is not set: the Groq models ({models}) are unavailable, "
                "so answers come from the profile alone."
            )

    for name in sorted(used - {GROQ}):
        section = config.providers[name]
        api_key: str | None = None
        if section.api_key_env:
            api_key = env.get(section.api_key_env, "").strip() or None
            if api_key is None:
                notes.append(
                    f"{section.api_key_env} is not set: the models of provider {name} are "
                    "unavailable."
                )
                continue
        providers[name] = OpenAICompatProvider(name, section.base_url, api_key, timeout_s=timeout)

    return Providers(routes=routes, providers=providers, notes=tuple(notes))


def lists(listed: set[str], model: str) -> bool:
    """Whether a provider's listing holds a model (Ollama adds ':latest' to untagged names)."""
    return model in listed or f"{model}:latest" in listed or model.removesuffix(":latest") in listed
