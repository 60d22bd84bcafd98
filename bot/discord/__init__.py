"""The Discord adapter (discord.py): messages and interactions to questions, answers to replies.

- client: `TwinDiscordClient`, wiring the twin to discord.py; base: `TwinClientBase`, what
  the command modules see of it; serve and shards: running it, sharded or not;
- convert and conversations: a message to a `Question`, and which conversation it belongs to;
- reply: streaming an answer into a reply; render: embeds for reports and alerts;
- inbox: what the store's inbox keeps of an accepted message, so any instance can answer it,
  and the reply a stopped instance left half streamed;
- commands: the admin report commands and the command tree; forget: `/twin-forget`;
  user_install: `/ask` and the message menu for user installs;
- feedback: the vote buttons; owner and owner_render: the owner loop's cards, modal and /twin-why.
"""
