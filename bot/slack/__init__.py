"""The Slack adapter (slack-bolt): events to questions, answers to messages.

`convert` (event -> Question), `answer` (an answer's way onto Slack for the runner), `reply`
(streaming answers), `commands` (slash commands),
`render` (Block Kit), `agent` (the agent experience), `assistant` (legacy assistant threads),
`surface` (events and scopes), `app` (the bot and its builders), `serve` (running it), `env`
(setup), `tokens` (tokens checked at start-up: a refused one names its variable; `surface` then
checks their scopes), `native_stream` (Slack's native
streaming), `feedback` (the thumbs under an answer), `forget` (`/twin-forget`), `owner` and
`owner_render` (the owner loop's cards), `logs` (quiet library logs), `survive` (events nobody
handles), `handover` (what an answer leaves open when its instance stops, and how a survivor
closes it).
"""
