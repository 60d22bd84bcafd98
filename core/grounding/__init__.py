"""Grounding: every claim of a model's answer checked against what the model was given.

claims      what in a sentence is checkable (names, titles, degrees, figures, e-mails, URLs)
normalise   the ordinary variations folded away (case, accents, inflection, number words)
figures     years, percentages, money and numbers as comparable values
support     whether the given text holds a claim
check       a sentence's verdict against the given texts
sentences   complete sentences out of a stream of deltas
stream      release sentence by sentence once checked; hold the rest
policy      what becomes of held sentences at the end (drop with a line, or one correction)
rates       invented claims per 100 answers per model, and the one alert a model gets
answering   one answer's gate, its held sentences settled, its record (used by core.twin)

docs/grounding.md says what is checked, what is not, and the `[grounding]` setting.
"""
