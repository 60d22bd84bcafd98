"""What admins and the owner learn from the twin's work.

- reports, usage_report, recommendations, history: usage, health and gap summaries as plain
  data, advice from real usage, and the dashboard's read-only history;
- alerts and failure_watch: admin alerts, and the one raised when many answers fail;
- metrics: Prometheus counters;
- gaps, meaning, owner_desk, owner_cards, digest: the owner loop (unanswered questions grouped
  by meaning, as small sets of concepts, cards, the owner's answers going back to askers, the
  weekly digest);
- feedback, quality, why: members' votes, quality beside cost, and the facts behind an answer.
"""
