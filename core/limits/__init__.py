"""What the twin may spend: rate windows, the budget ledger and the guard that applies both."""
