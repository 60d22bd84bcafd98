"""The store: everything that must hold across processes, restarts and instances.

Concepts: the interface (`base.Store`, with the owner loop's part in `base_owner`), one schema
for both backends (`schema`), one query layer (`queries.SqlStore` over `sql`, `sql_owner`,
`sql_reports`, `privacy`, `grounding_records`, `viewing` (what a member looks at), on the
`executor`, through the `dialect` seam), the ledger's rules (`ledger`), the two backends
(`sqlite` with its group commit in `sqlite_batch` and its ledger, `sqlite_open` opening the
file; `postgres` with its ledger functions in `pg_ledger`), where a store is (`urls`, and
`opening`, the one place that picks a backend), migrations (`sqlite_schema`, `pg_schema`), the
value types it records and returns (`attempts`, `records`, `records_feedback`, `reports`,
`owner_records`), the inbox entry of an accepted question (`inbox`) and the operator's tools
(`inspect`, `copy`).
"""
