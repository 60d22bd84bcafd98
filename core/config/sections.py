"""The sections of config.toml that tune one part each: the persona, the budget and the rate
limits, the store and the answer cache, the platforms, the owner, members' privacy, the
dashboard and the metrics endpoint. Each is a frozen dataclass whose fields are its keys (type
from the annotation, bounds from `key()` / `port()`, the default beside it); `problems()` holds
what only several keys together can get wrong."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from core.config.schema import Section, key, port

DEFAULT_NO_ANSWER = (
    "That isn't something I've written down yet - ask me about my work, projects or studies."
)


@dataclass(frozen=True)
class PersonaConfig(Section):
    profile: Path = key(note="the path of the profile to answer from")  # noqa: RUF009 (required)
    name: str = ""  # the owner's name when the profile gives none (or to override it)
    private: tuple[str, ...] = ()  # field paths, or phrases (with a space) withheld anywhere
    public: tuple[str, ...] = ()  # phrases the privacy rules withheld by mistake: released
    no_answer: str = DEFAULT_NO_ANSWER
    history_turns: int = key(6, at_least=0)  # turns of conversation memory sent with a question
    context_chunks: int = key(6, at_least=1)  # profile chunks sent with a question
    max_question_chars: int = key(4000, at_least=1)  # longer questions are cut, and the user told
    learned: str = ""  # learned-facts Markdown; "" = "<profile stem>.learned.md" (learned_file)
    show_sources: bool = True  # a short sources line under model answers


@dataclass(frozen=True)
class BudgetConfig(Section):
    """The shared ledger's caps, alerts and step-down."""

    daily_tokens: int = key(100_000, at_least=0, note="0 = no cap")
    monthly_usd: float = key(50.0, at_least=0, note="0 = no cap")
    alert_at: tuple[float, ...] = (0.8, 1.0)
    step_down: bool = True  # bend before breaking: cheaper model, shorter answers, then profile
    # max_tokens while the step-down keeps answers short
    short_max_tokens: int = key(384, at_least=1)
    min_answer_tokens: int = key(512, at_least=0)  # near the cap a call gets fewer, never fewer
    wait_s: float = key(5.0, at_least=0)  # how long a question waits for calls in flight to settle
    # a call's reservation left unsettled this long is booked as spend (its process is gone)
    reservation_lease_s: float = key(600.0, more_than=0)

    def problems(self) -> list[str]:
        return [
            f"[budget] alert_at: {frac:g} is not a fraction of the budget (0 < x <= 1.5)"
            for frac in self.alert_at
            if not 0 < frac <= 1.5
        ]


@dataclass(frozen=True)
class LimitsConfig(Section):
    """Requests per minute; 0 = no limit."""

    user_per_minute: int = key(6, at_least=0, note="0 = no limit")
    channel_per_minute: int = key(30, at_least=0, note="0 = no limit")
    global_per_minute: int = key(120, at_least=0, note="0 = no limit")
    tokens_per_minute: int = key(20_000, at_least=0, note="0 = no limit")
    admins_exempt: bool = True


@dataclass(frozen=True)
class StorageConfig(Section):
    path: Path = Path("twin.db")  # relative to the config file
    busy_timeout_s: float = key(5.0, at_least=0)  # how long a write waits for another process's
    max_size_mb: float = key(0.0, at_least=0, note="0 = no cap")  # past it: answers degraded


@dataclass(frozen=True)
class InstancesConfig(Section):
    """What survives an instance that dies (docs/instances.md)."""

    # a twin whose heartbeat is older than this is dead: its reservations are booked as spend
    lease_s: float = key(30.0, more_than=0)
    # a question taken over from a dead twin after this long gets a short apology, not an answer
    late_after_s: float = key(180.0, at_least=0)
    # a graceful stop (SIGTERM, Ctrl-C) lets answers in flight finish this long, then hands over
    stop_grace_s: float = key(8.0, at_least=0)


@dataclass(frozen=True)
class CacheConfig(Section):
    enabled: bool = True
    ttl_s: float = key(86_400.0, at_least=0)


@dataclass(frozen=True)
class SlackConfig(Section):
    host: str = "0.0.0.0"
    port: int = port(3000)
    admins: tuple[str, ...] = ()
    admin_channel: str = ""
    # access lists (defaults open): channels the twin answers in, people it never answers
    allowed_channels: tuple[str, ...] = ()  # empty = every channel
    blocked_users: tuple[str, ...] = ()
    allow_dms: bool = True


@dataclass(frozen=True)
class DiscordConfig(Section):
    admins: tuple[str, ...] = ()
    admin_roles: tuple[str, ...] = ()
    admin_channel: str = ""
    guilds: tuple[str, ...] = ()
    # Gateway shards (Discord requires sharding above 2,500 servers, one shard per 2,500 at most).
    shard_count: int = key(0, at_least=0, note="0 = no sharding")  # N = N shards over processes
    shard_ids: tuple[int, ...] = ()  # the shards this process runs; empty = all of shard_count
    allowed_channels: tuple[str, ...] = ()  # empty = every channel (threads: their parent)
    blocked_users: tuple[str, ...] = ()
    allow_dms: bool = True

    def problems(self) -> list[str]:
        """`shard_count` / `shard_ids` must describe shards that exist, each once."""
        count, ids = self.shard_count, self.shard_ids
        if count < 0:
            return []  # said by the key's own bound
        if ids and count == 0:
            return ["[discord] shard_ids: needs shard_count (the total number of shards)"]
        if bad := [i for i in ids if not 0 <= i < count]:
            return [f"[discord] shard_ids: {bad} outside 0..{count - 1} (shard_count = {count})"]
        if len(set(ids)) != len(ids):
            return ["[discord] shard_ids: a shard is listed twice"]
        return []


@dataclass(frozen=True)
class MetricsConfig(Section):
    enabled: bool = False
    host: str = "127.0.0.1"
    port: int = port(9108)


@dataclass(frozen=True)
class PrivacyConfig(Section):
    """What members' text the store keeps, and for how long."""

    retention_days: int = key(30, at_least=0, note="0 = keep text")  # older text is purged
    store_dm_text: bool = True  # false: DM text stays in memory only, never in the database
    purge_every_s: float = key(3600.0, more_than=0)  # how often the purge runs while up


@dataclass(frozen=True)
class OwnerConfig(Section):
    """Who the owner is on each platform, and how many gap cards they get a day."""

    slack_user: str = key("", is_id=True)  # Slack user ID (cards and notices are DMed there)
    discord_user: str = key("", is_id=True)  # Discord user ID of the owner
    cards_per_day: int = key(5, at_least=0, note="0 = no cards")  # the rest wait in /twin-gaps
    digest: bool = True  # the weekly digest card (once per ISO week)
    # an unanswered question the lexicon cannot place is matched to an open group by the
    # cheapest model (one small metered call); false: by the lexicon alone
    group_by_model: bool = True

    @property
    def configured(self) -> bool:
        return bool(self.slack_user or self.discord_user)


@dataclass(frozen=True)
class DashboardConfig(Section):
    """The owner's web dashboard; the login token comes from TWIN_DASHBOARD_TOKEN."""

    enabled: bool = False  # `twin run` serves it too; `twin dashboard` serves it alone
    host: str = "127.0.0.1"
    port: int = port(8700)
    session_hours: float = key(12.0, more_than=0)  # a login lasts this long
    refresh_s: int = key(15, at_least=0, note="0 = never")  # pages refresh themselves this often
    login_attempts: int = key(5, at_least=1)  # failed logins allowed per client per 15 minutes
    secure_cookie: bool = False  # true when served over HTTPS (a proxy in front)


@dataclass(frozen=True)
class GroundingConfig(Section):
    """Whether answers are checked against what the model was given, what becomes of held
    sentences, and the alert threshold (docs/grounding.md)."""

    enabled: bool = True
    # "drop": held sentences dropped and `line` said; "correct": one more call to the same model
    on_held: str = key("drop", choices=("drop", "correct"))
    line: str = "I'd rather not guess beyond what's in my profile."
    alert_per_100: float = key(10.0, at_least=0, note="0 = no alert")  # invented claims per 100
    alert_min_answers: int = key(20, at_least=0)  # checked answers of a model before it can alert

    def problems(self) -> list[str]:
        return [] if self.line.strip() else ["[grounding] line: must not be empty"]
