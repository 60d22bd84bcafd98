"""What the twin may spend: rate windows, the budget ledger and the guard that applies both.

- guard: the `Guard`, rate limits, tokens per minute and the budgets, kept in the store;
- session: one question's budget (`BudgetSession`: admit, reserve, top up, settle, release);
- ratelimit: sliding-window request limits; budget: the ledger's arithmetic without I/O;
- step_down: the budget bending before it breaks; messages: what refusals and alerts say.
"""
