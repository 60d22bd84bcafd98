"""The store: everything that must hold across processes, restarts and instances.

Concepts: the interface (`base.Store`: the one query layer, `sql`, `sql_owner`, `sql_reports`,
`privacy`, `grounding_records`, `viewing` (what a member looks at), `inbox`, on the `executor`,
through the `dialect` seam, and what each backend does its own way), one schema for both
backends (`schema`), the ledger's rules (`ledger`), the two backends (`sqlite` with its group
commit in `sqlite_batch` and its ledger in `sqlite_ledger`, `sqlite_open` opening the file;
`postgres` with its ledger functions in `pg_ledger` and its group commit in `pg_batch`; the
group commit's one rule, `batch`), where
a store is (`urls`, and `opening`, the one place that picks a backend), migrations
(`sqlite_schema`, `pg_schema`), the value types it records and returns (`attempts`, `records`,
`records_feedback`, `reports`, `owner_records`), the inbox entry of an accepted question
(`inbox`) and the operator's tools (`inspect`, `copy`).
"""
