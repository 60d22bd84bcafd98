"""Talking to models: the chain router, breakers, health, usage attempts and the providers.

- router: walks the chain with a policy per error type; outcomes: what a routed call ends with;
- attempt: one request to one model, metered; usage: one row per attempt;
- breaker: a circuit breaker per model; health and health_sync: live health per model, shared
  through the store; chain_alerts: what the router tells the operator about the chain;
- providers: Groq and OpenAI-compatible servers behind one interface.
"""
