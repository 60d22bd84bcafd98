"""The store interface: everything the twin keeps that must hold across processes and restarts.

Both backends (`core.store.sqlite.SqliteStore`, `core.store.postgres.PostgresStore`) implement
`Store` over one schema (`core.store.schema`) and one query layer (`core.store.queries`). The
rest of the code uses only these methods; SQL lives in core/store/ and nowhere else.

Rules every backend keeps:
- Every write is durable when its coroutine returns (committed), so a process killed right after
  a reply loses nothing it had recorded.
- A write that cannot be made (disk full, read-only, locked past the busy timeout, connection
  lost) raises `StoreUnavailable` with a sentence naming the file/server and the cause; never a
  driver exception. Start-up problems in `open` raise `StoreError` instead.
- `reserve`, `top_up` and `rate_hit` are each ONE atomic check-and-write in the database (SQLite:
  one write transaction under the busy timeout; PostgreSQL: one transaction holding a lock), so
  any number of processes on one database never pass a cap together.
- Times are aware UTC datetimes; periods are UTC days (00:00 to 00:00) and months (from the 1st).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any, Protocol

from core.store.attempts import Attempt
from core.store.base_owner import OwnerStore
from core.store.grounding_records import GroundingRow, ModelGroundingRate
from core.store.inbox import InboxEntry
from core.store.privacy import Forgotten, Purged
from core.store.records import (
    BudgetCaps,
    CachedAnswer,
    Denial,
    GapRow,
    Grant,
    HealthSnapshot,
    LedgerView,
    QuestionRecord,
    RateKey,
    ReserveRequest,
    StoredTurn,
)
from core.store.records_feedback import AnswerRecord, FeedbackRow
from core.store.reports import (
    Alert,
    AttemptPoint,
    DayUsage,
    FailedCall,
    ModelUsage,
    PeriodUsage,
    ThumbsDown,
    UserUsage,
)
from core.store.viewing import ViewedEntity


class Store(OwnerStore, Protocol):
    """See the module docstring for the rules every method keeps."""

    location: str  # what operators read in messages: the file path, or the server without secrets

    # --- lifecycle --------------------------------------------------------------------------

    async def schema_version(self) -> int:
        """The schema version the database carries (migrated on open)."""
        ...

    async def close(self) -> None:
        """Close the connection(s); safe to call twice."""
        ...

    async def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """A raw read in the shared SQL (`?` placeholders; `core.store.dialect`): tests and
        benchmarks only. New code adds a method here instead."""
        ...

    # --- the budget ledger ------------------------------------------------------------------

    async def reserve(self, request: ReserveRequest) -> Grant | Denial:
        """Atomically check the caps and hold a call's worst case. In one transaction:

        spent_day   = tokens booked to the UTC day of `now`; spent_month = USD of its month
        held        = tokens / USD still held by open reservations with expires_at > now
        minute      = tokens of attempts in the minute window (core.store.ledger.minute_ago:
                      from the attempt's epoch second until 61 s after it began)
        room_day    = caps.daily_tokens - spent_day - held_tokens - prompt        (cap 0: no limit)
        room_month  = floor((caps.monthly_usd + 1e-9 - spent_month - held_usd
                             - prompt * input_usd) / output_usd)   (cap 0 or output_usd 0: no
                      limit on answer tokens, but prompt * input_usd must still fit)
        room_minute = caps.tokens_per_minute - minute - held_tokens - prompt  (cap 0, or minute +
                      held_tokens == 0: no limit, so one call larger than the limit can run alone)
        answer      = min(max_tokens, room_day, room_month, room_minute)

        If answer >= min_tokens a reservation of (prompt + answer) tokens and
        (prompt * input_usd + answer * output_usd) USD is written and its `Grant` returned; else
        nothing is written and a `Denial` carries the `LedgerView` (read after the failed check).
        The caller makes the model call only after a Grant came back."""
        ...

    async def top_up(
        self, reservation: int, tokens: int, usd: float, caps: BudgetCaps, now: datetime
    ) -> bool:
        """Atomically make an open reservation hold at least `tokens` / `usd` again (before a
        further attempt of the same call), if the caps (as in `reserve`) allow the increase.
        False when they do not, or the reservation is not open (released or expired)."""
        ...

    async def release(self, reservation: int) -> None:
        """Stop holding what is left of a reservation (its spend came via `record_attempt`).
        Releasing twice, or an unknown id, is harmless."""
        ...

    async def ledger(self, now: datetime, caps: BudgetCaps) -> LedgerView:
        """Where the ledger stands at `now` (for status, alerts and explaining a denial)."""
        ...

    async def record_attempt(self, attempt: Attempt) -> None:
        """Write one usage row (failed attempts too) and, in the same transaction, book its tokens
        to the UTC day and its USD to the UTC month of `attempt.at`, and settle the reservation
        `attempt.context.reservation` (if set and open): it holds that much less, never below 0;
        an attempt with outcome `ok` is the last of its answer and closes the reservation. When
        that reservation was booked as an orphan, its estimate is taken back (row and spend)."""
        ...

    async def usage_since(self, since: datetime) -> tuple[int, float]:
        """(tokens, USD) of every attempt at or after `since`."""
        ...

    async def recent_attempts(self, per_model: int = 200) -> list[Attempt]:
        """The latest attempts of each model, oldest first: to rebuild model health at start."""
        ...

    async def book_orphans(self, now: datetime, lease: timedelta) -> int:
        """Book every orphaned reservation as spend, atomically and once whoever else books
        (`core.store.ledger.ORPHANED`: expired at `now`, or made before `now - lease` by a process
        whose heartbeat is older than that): the whole amount it still holds, as one estimated
        usage row with outcome `ledger.ORPHAN`, booked to `now`'s day and month. A usage row that
        later arrives for the reservation replaces the estimate (`record_attempt`). How many."""
        ...

    async def maintain(self, now: datetime) -> None:
        """Housekeeping, called at most about once a minute: drop the per-second windows older
        than an hour (expired reservations are booked by `book_orphans`, never dropped). Never
        required for correctness."""
        ...

    # --- rate windows -----------------------------------------------------------------------

    async def rate_hit(
        self, keys: Sequence[RateKey], now: float, window_s: float
    ) -> tuple[str, float] | None:
        """Atomically count one request in every window of `keys`, or in none.

        `now` is wall-clock epoch seconds (shared by all processes). A key's window holds its
        hits with at > now - window_s. If every key has fewer than its `limit` hits, one hit per
        key is written and None returned; otherwise nothing is written and (key, seconds) says
        which full window waits longest and how long until the request would pass (> 0):
        the limit-th newest hit's time + window_s - now. SQLite counts per second: a hit may
        count (and the wait run) up to a second longer when its second holds several, never
        shorter."""
        ...

    # --- once-only keys ---------------------------------------------------------------------

    async def claim(self, key: str, now: datetime) -> bool:
        """True the first time `key` is claimed, by any process, ever (event dedupe ids, alert
        keys); False after. Atomic (INSERT ... ON CONFLICT DO NOTHING)."""
        ...

    async def accept(self, entry: InboxEntry) -> bool:
        """Claim `entry.key` (as `claim`) and, in the same transaction and round trip, write the
        entry to the inbox of accepted questions. False (and nothing written) when the key was
        claimed before: the event is a duplicate."""
        ...

    async def answered(self, key: str) -> None:
        """The inbox entry's answer (or apology) was posted: it leaves the inbox."""
        ...

    async def take_over(
        self,
        me: str,
        now: datetime,
        lease: timedelta,
        limit: int = 50,
        platforms: Sequence[str] = (),
    ) -> list[InboxEntry]:
        """Make `me` the owner of up to `limit` entries whose owner's heartbeat is older than
        `lease` (or who never beat), oldest first, atomically: two survivors never take the same
        entry. Only entries of `platforms` when given (those `me` can answer). The entries taken
        (`taken` counts the takeovers)."""
        ...

    async def inbox(self) -> list[InboxEntry]:
        """Every open inbox entry, oldest first."""
        ...

    async def claim_alert(self, key: str) -> bool:
        """`claim("alert:" + key, now)`."""
        ...

    # --- questions, turns, gaps -------------------------------------------------------------

    async def record_question(self, record: QuestionRecord) -> None:
        """One row per question, however it ended."""
        ...

    async def add_turns(
        self,
        conversation: str,
        turns: Iterable[StoredTurn],
        at: datetime,
        *,
        platform: str = "",
        user_id: str = "",
    ) -> None:
        """Append turns to a conversation, all or none, in order, as the member `platform`,
        `user_id` (the asker, for the answer too) so `forget_member` finds them."""
        ...

    # --- what a member looks at (core/store/viewing.py) --------------------------------------

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
        ...

    async def viewing(self, conversation: str) -> tuple[ViewedEntity, ...]:
        """What the member was last seen looking at in `conversation` (empty when unknown)."""
        ...

    # --- members' privacy (SQLite: core/store/privacy.py) -----------------------------------

    async def forget_member(self, platform: str, user_id: str) -> Forgotten:
        """Delete a member's conversation turns, gap entries, viewing contexts, the cached
        answers to their questions and the open gap groups and gap decisions only they had
        asked; keep their question and attempt rows (budgets) without the user id or text,
        their votes under an id no one can link back, their answer sources without the user
        id."""
        ...

    async def purge_text_before(self, cutoff: datetime) -> Purged:
        """Delete turns, gap entries, viewing contexts and cached answers made before `cutoff`
        (and what only they held: open gap groups, old gap decisions); blank older question
        records' text."""
        ...

    async def last_turns(
        self, conversation: str, limit: int, since: datetime | None = None
    ) -> list[StoredTurn]:
        """The last `limit` turns of a conversation (made at or after `since`, if given),
        oldest first ([] for limit <= 0)."""
        ...

    async def heartbeat(
        self, writer: str, now: datetime, within: timedelta, *, serving: bool = True
    ) -> int:
        """Note that process `writer` is alive at `now` (a process that serves: `twin run`,
        `twin dashboard`; `serving=False` only reads, so a short `twin ask` is never counted);
        return how many OTHER serving processes were seen at or after now - within (0: this
        process has the store to itself)."""
        ...

    async def conversations_since(self, since: datetime) -> set[str]:
        """Keys of the conversations with a turn at or after `since`."""
        ...

    async def has_turns(self, conversation: str) -> bool: ...

    async def add_gap(self, at: datetime, platform: str, user_id: str, question: str) -> None:
        """A question the profile could not answer (stored with `normalize_question` of it)."""
        ...

    async def gaps(self, since: datetime | None = None, limit: int = 1000) -> list[GapRow]:
        """Recorded gaps at or after `since`, newest first."""
        ...

    # --- the answer cache -------------------------------------------------------------------

    async def cache_get(
        self, key: str, fingerprint: str, max_age: timedelta, now: datetime
    ) -> CachedAnswer | None:
        """The entry of `key` and `fingerprint` made at or after now - max_age."""
        ...

    async def cache_put(self, key: str, fingerprint: str, answer: CachedAnswer) -> None:
        """Insert or replace the entry of `key`."""
        ...

    async def cache_entries(
        self, fingerprint: str, since: datetime
    ) -> list[tuple[str, CachedAnswer]]:
        """Entries of this fingerprint made at or after `since`, oldest first."""
        ...

    async def cache_purge(self, fingerprint: str) -> int:
        """Drop entries of any other fingerprint; returns how many."""
        ...

    # --- model health -----------------------------------------------------------------------

    async def health_put(self, snapshots: Sequence[HealthSnapshot]) -> None:
        """Upsert one row per model; a snapshot older than the stored one is ignored."""
        ...

    async def health_all(self) -> list[HealthSnapshot]:
        """The newest snapshot of every model any process wrote."""
        ...

    # --- feedback, the alerts history and the owner's decisions on gaps -------------------

    async def record_feedback(self, row: FeedbackRow) -> bool | None:
        """Store a member's vote on an answer (one per platform, answer and member; the last
        click wins); return their previous vote, or None for a first vote."""
        ...

    async def feedback_for(self, answer_id: str) -> list[FeedbackRow]:
        """Every member's standing vote on one answer, oldest first."""
        ...

    async def feedback_since(self, since: datetime) -> list[FeedbackRow]:
        """Votes cast or changed at or after `since`, oldest first."""
        ...

    async def answer_record(self, answer_id: str) -> AnswerRecord | None:
        """The question record of an answer (its id is the request id), or None."""
        ...

    async def record_grounding(self, row: GroundingRow) -> None:
        """Keep one checked answer's grounding record (core/store/grounding_records.py)."""
        ...

    async def grounding_rates(self, since: datetime) -> list[ModelGroundingRate]:
        """Checked answers and held-back claims per model since `since`, by model name."""
        ...

    async def record_alert(self, alert: Alert) -> None:
        """Keep a published alert for the history (an AlertBus subscriber): best effort, never
        raises (an alert that the store cannot write must still reach the admins)."""
        ...

    async def alerts_history(self, limit: int = 200) -> list[Alert]:
        """Recorded alerts, newest first."""
        ...

    # --- reports ----------------------------------------------------------------------------

    async def period_usage(self, label: str, since: datetime) -> PeriodUsage:
        """Calls (usage rows) and questions at or after `since`, summed."""
        ...

    async def model_usage(self, since: datetime) -> list[ModelUsage]:
        """Per model since `since`: calls, failed calls, tokens, cost, mean latency; by cost
        descending, then model."""
        ...

    async def top_users(self, since: datetime, limit: int = 5) -> list[UserUsage]:
        """Per (platform, user) from questions since `since`: count, tokens, cost; by cost then
        count descending."""
        ...

    async def day_usage(self, first: datetime, days: int) -> list[DayUsage]:
        """One entry per UTC day from `first` (a day start), `days` of them, zeros included."""
        ...

    # --- the dashboard's history --------------------------------------------------------

    async def outcomes_since(self, since: datetime) -> dict[str, int]:
        """Questions by outcome at or after `since`, most frequent first."""
        ...

    async def attempt_points(self, since: datetime, until: datetime | None) -> list[AttemptPoint]:
        """Every model attempt from `since` up to `until` (None: now)."""
        ...

    async def latest_attempts(self, model: str, limit: int) -> list[tuple[bool, float]]:
        """(ok, latency ms) of a model's latest `limit` attempts, newest first."""
        ...

    async def failed_calls(self, limit: int = 10) -> list[FailedCall]:
        """The latest failed model attempts, newest first."""
        ...

    async def ungrouped_gaps(self) -> int:
        """Gaps recorded before the owner loop grouped them."""
        ...

    async def thumbs_down(self, limit: int = 50) -> list[ThumbsDown]:
        """Standing thumbs-down votes, newest first, each with its answer's question record."""
        ...
