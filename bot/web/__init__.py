"""Small HTTP servers the twin runs beside the chat platforms: the owner's `dashboard` and the
Prometheus `metrics` endpoint."""
