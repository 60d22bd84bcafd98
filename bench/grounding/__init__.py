"""`python -m bench.grounding`: how well grounding stops invented claims and lets true ones
through, on answers built from public profiles (see __main__)."""
