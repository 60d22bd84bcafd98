"""The owner's web dashboard (aiohttp): overview, models, questions and alerts, behind a login."""
