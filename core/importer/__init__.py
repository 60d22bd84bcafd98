"""Start a profile from what the owner already has: a LinkedIn archive, a résumé, a JSON Resume.

Each source is read into a `Resume` (`model`), several are merged into one (`merge`) and written
as a Markdown profile the owner can edit (`markdown`). `read_source` picks the reader;
`ImportProblem` is the one error a bad source raises, with a sentence that says what to do.
"""
