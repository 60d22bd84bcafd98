"""The Slack adapter (slack-bolt): events to questions, answers to messages."""
