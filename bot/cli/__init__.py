"""The command line: `twin` and its subcommands, the simplest adapter and the test harness.

- main: the `twin` command (run, chat, ask, health, usage, gaps, privacy, forget, dashboard, db);
- terminal: the terminal chat;
- gaps: the owner's decisions on a gap group; privacy: `twin privacy` and `twin forget`;
- db: `twin db status` and `twin db copy`; dashboard: `twin dashboard`;
- ask_many: `twin ask --questions`, rows printed in input order;
- importer: `twin import`, a Markdown profile from a LinkedIn export, résumés or a JSON Resume;
- render_text: reports and answers as plain text or JSON.
"""
