"""Talking to models: the chain router, breakers, health, usage attempts and the providers."""
