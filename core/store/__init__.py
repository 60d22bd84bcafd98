"""The store: the one source of truth every process shares."""
