"""The Slack adapter (slack-bolt): events to questions, answers to messages.

`convert` (event -> Question), `reply` (streaming answers), `commands` (slash commands),
`render` (Block Kit), `agent` (the agent experience), `assistant` (legacy assistant threads),
`surface` (events and scopes), `app` (the bot and its builders), `serve` (running it), `env`
(setup).
"""
