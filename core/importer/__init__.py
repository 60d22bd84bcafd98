"""Start a profile from what the owner already has: a LinkedIn archive, a résumé, a JSON Resume.

Each source is read into a `Resume` (`model`), several are merged into one (`merge`) and written
as a Markdown profile the owner can edit (`markdown`). `read_source` picks the reader;
`ImportProblem` is the one error a bad source raises, with a sentence that says what to do.

- sources: which reader a source needs; linkedin, json_resume: the two structured sources;
- documents: text out of PDF and DOCX; resume_lines, resume_entries, resume_text: a résumé's
  text split into sections and entries;
- dates: dates as sources write them; errors: `ImportProblem`;
- model, merge, markdown: the one shape, several merged, written as Markdown;
- report: what an import found, as lines a person reads.
"""
