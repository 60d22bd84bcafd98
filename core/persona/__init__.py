"""Who the twin is: the profile and its privacy filter, retrieval, the prompt, memory and the
answer cache."""
