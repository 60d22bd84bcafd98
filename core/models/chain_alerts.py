"""What the router tells the operator about the model chain, each alert at most once per key:

  breaker_open    a breaker opened (one per opening); breaker_closed when its probe closed it
  model_removed   a model was taken out of rotation (404 / decommissioned / not listed)
  auth            a provider refused its key (once per provider)
  service_tier    a provider refused `[llm] service_tier` (once per provider)

A breaker's alerts follow this process's breaker. The other three are facts about the chain that
every process finds for itself: they are claimed in the store (`Store.claim_alert`) under a key
of the UTC day, so they reach the admins once a day however many processes start or restart.

The decisions (when to pause, take out or skip a model) are core.models.router's.
"""

from __future__ import annotations

from core.clock import WallClock
from core.config import Config
from core.insight.alerts import Alert, AlertBus, Claim, Severity, first_claim
from core.models.attempt import ModelState
from core.models.breaker import Transition
from core.models.providers.errors import AuthError, ProviderError, TierUnavailable


class ChainAlerts:
    """Publishes the chain's alerts to the bus, each key once (see the module docstring)."""

    def __init__(
        self, config: Config, alerts: AlertBus, *, wall: WallClock, claim: Claim | None = None
    ) -> None:
        self._config = config
        self._alerts = alerts
        self._wall = wall
        self._claim = claim
        self._alerted: set[str] = set()

    async def _daily(
        self, kind: str, key: str, title: str, text: str, action: str, severity: Severity
    ) -> None:
        """`_once` under `key` and today's UTC date, claimed in the store first: once a day
        across processes (`first_claim`)."""
        key = f"{key}:{self._wall():%Y-%m-%d}"
        if key in self._alerted:
            return
        if not await first_claim(self._claim, key):
            self._alerted.add(key)
            return
        await self._once(kind, key, title, text, action, severity)

    async def _once(
        self, kind: str, key: str, title: str, text: str, action: str, severity: Severity
    ) -> None:
        if key in self._alerted:
            return
        self._alerted.add(key)
        await self._alerts.publish(
            Alert(
                kind=kind,
                key=key,
                title=title,
                text=text,
                action=action,
                severity=severity,
                at=self._wall(),
            )
        )

    async def breaker(
        self,
        chain_id: str,
        state: ModelState,
        transition: Transition,
        error: ProviderError | None,
    ) -> None:
        """One alert when a breaker opens, one when its probe closes it (an AttemptRunner's
        OnTransition); a probe that failed again says nothing new."""
        n = state.breaker.openings
        if transition is Transition.OPENED:
            cause = f" The last error was {error.kind}." if error is not None else ""
            await self._once(
                "breaker_open",
                f"breaker_open:{chain_id}:{n}",
                f"{chain_id} keeps failing: paused",
                f"No requests go to {chain_id} for {self._config.llm.breaker_cooldown_s:g} s, "
                "then one probe checks whether it recovered; other models answer meanwhile."
                f"{cause}",
                "Nothing to do if it recovers. If it stays paused, check status.groq.com and "
                "/twin-health (or `twin health`).",
                "warning",
            )
        elif transition is Transition.CLOSED and f"breaker_open:{chain_id}:{n}" in self._alerted:
            await self._once(
                "breaker_closed",
                f"breaker_closed:{chain_id}:{n}",
                f"{chain_id} recovered",
                f"A probe request to {chain_id} succeeded; it is back in the chain.",
                "Nothing to do.",
                "info",
            )

    async def model_removed(self, chain_id: str, reason: str, left: list[str]) -> None:
        """`chain_id` left the rotation for `reason`; `left` are the models still in it."""
        await self._daily(
            "model_removed",
            f"model_removed:{chain_id}",
            f"{chain_id} was taken out of the model chain",
            f"{reason}. "
            + (f"Still in the chain: {', '.join(left)}." if left else "")
            + ("" if left else "No model is left: answers come from the profile alone."),
            "Replace it in [llm] models of config.toml with a current model id (Groq lists "
            "them at GET /openai/v1/models and on console.groq.com/docs/models), then restart.",
            "warning" if left else "critical",
        )

    async def auth_refused(self, provider: str, error: AuthError) -> None:
        """`provider` refused its key."""
        variable = "GROQ_API_KEY"
        section = self._config.providers.get(provider)
        if section is not None:
            variable = section.api_key_env or f"the key of [providers.{provider}]"
        await self._daily(
            "auth",
            f"auth:{provider}",
            f"The {provider} API key in {variable} was refused",
            f"{provider} answered HTTP {error.status or '401/403'}: the key is wrong, revoked or "
            "lacks access. Its models are skipped; other providers answer if configured.",
            f"Check {variable} in the bot's environment and restart.",
            "critical",
        )

    async def tier_refused(self, provider: str, tier: str, error: TierUnavailable) -> None:
        """`provider` refused the service tier: its requests go on without it."""
        await self._daily(
            "service_tier",
            f"service_tier:{provider}",
            f'{provider} refused service_tier "{tier}"',
            f"{provider} answered HTTP {error.status or 400}: this account cannot use the "
            f'"{tier}" tier (flex and auto need a paid plan). The twin now sends its requests '
            "without a tier (on_demand), so answers go on.",
            '[llm] service_tier in config.toml: set "on_demand" or remove it, or upgrade the '
            "plan at console.groq.com/settings/billing; then restart.",
            "warning",
        )
