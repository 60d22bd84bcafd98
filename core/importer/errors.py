"""The one error a source that cannot be imported raises."""

from __future__ import annotations

from pathlib import Path


class ImportProblem(Exception):
    """A source that cannot be imported; the message names the file and what to do."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")
