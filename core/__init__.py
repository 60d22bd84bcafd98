"""The core: one question in, one answer out, with no platform library in sight.

- twin: `Twin.answer`, the answer sequence; question_log: each question's row and counters;
  live: the live loop (profile edits, the owner desk's periodic work); events: platform events
  accepted (dedupe, the inbox of accepted questions, taking over what a dead instance left);
- factory: `build_twin`, the one place the parts are wired;
- types: the plain values that cross to the adapters; clock: time as a parameter;
  prices: model prices and the cost of a call.
Packages: `config`, `persona`, `limits`, `models`, `insight`, `store` (docs/layout.md).
"""
