"""What admins and the owner learn: reports, usage, recommendations, gaps, alerts and metrics."""
