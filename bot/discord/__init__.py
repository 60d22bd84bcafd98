"""The Discord adapter (discord.py): messages and interactions to questions, answers to replies."""
