"""`SqlStore`: every query both backends share, in one class each backend extends."""

from __future__ import annotations

from core.store.grounding_records import GroundingQueries
from core.store.inbox import InboxQueries
from core.store.privacy import PrivacyQueries
from core.store.sql import CoreQueries
from core.store.sql_owner import OwnerQueries
from core.store.sql_reports import ReportQueries
from core.store.viewing import ViewingQueries


class SqlStore(
    CoreQueries,
    OwnerQueries,
    ReportQueries,
    PrivacyQueries,
    GroundingQueries,
    ViewingQueries,
    InboxQueries,
):
    """The shared query layer (`core.store.sql`); a backend adds its executor and ledger."""
