"""What admins and the owner learn from the twin's work (the owner loop itself is `core.owner`).

- reports, usage_report, recommendations, history: usage, health and gap summaries as plain
  data, advice from real usage, and the dashboard's read-only history;
- alerts and failure_watch: admin alerts, and the one raised when many answers fail;
- metrics: Prometheus counters;
- feedback, quality, why: members' votes, quality beside cost, and the facts behind an answer.
"""
