"""The Slack adapter (slack-bolt): events to questions, answers to messages.

`convert` (event -> Question), `reply` (streaming answers), `commands` (slash commands),
`render` (Block Kit), `app` (the bot and its builders), `serve` (running it), `env` (setup).
"""
