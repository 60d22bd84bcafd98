"""The adapters: each platform turns its events into a core `Question` and renders the `Answer`.

Packages: `cli` (the `twin` command, the terminal chat, text and JSON), `discord`, `slack` and
`web` (the dashboard and the metrics endpoint). Beside them, what every adapter shares:
- runner: the `Runner` every adapter answers through (its tasks, each `Handled` event, the error
  id and apology, the access check, the answer sequence over a platform's `Reply`);
- takeover: the beat on which an adapter takes over what stopped instances left (issue 32);
- access: the access lists (`AccessRules`): where the twin answers and whom it never answers;
- common: splitting long answers into platform-sized messages, and `SetupError`;
- supervise: each platform of `twin run` kept going on its own;
- listen: a port a setting chose, bound or refused with one line naming the setting;
- sources: the sources line under an answer; pace: one streamed edit a second (`Pace`);
- charts: budget bars and sparklines; report_lines: the report lines (votes, cache, health
  details) the text, Slack and Discord renderers share.
"""
