"""The store: everything that must hold across processes, restarts and instances.

Concepts: the interface (`base.Store`), one schema for both backends (`schema`), one query layer
(`sql`, `sql_owner`, `sql_reports`, `privacy` over `executor`, through the `dialect` seam), the
ledger's rules (`ledger`), the two backends (`sqlite` with its group commit and ledger,
`postgres` with its functions), migrations (`sqlite_schema`, `pg_schema`), the value types it
returns (`records`, `reports`, `owner_records`) and the operator's tools (`inspect`, `copy`).
"""
