"""The trial behind "no embedding model" (docs/understanding.md): wordllama, the candidate issue
26 names, measured on the bench's bank before choosing. It is not a dependency of the twin: run
it from the repository root in a virtualenv that has wordllama and this project's requirements,
`python -m bench.understanding.wordllama_trial`.

It prints the load time and memory, how well similarity groups rewordings of one unanswered
question (against different questions), and how well the best question-to-sentence similarity
tells answerable from unanswerable questions.
"""

from __future__ import annotations

import importlib
import os
import resource
import time
import tomllib
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def main() -> None:
    started = time.perf_counter()
    np = importlib.import_module("numpy")  # not a dependency of the twin
    wordllama = importlib.import_module("wordllama")

    model = wordllama.WordLlama.load(
        cache_dir=os.path.dirname(str(wordllama.__file__)), disable_download=True
    )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"load {time.perf_counter() - started:.2f} s, max RSS {rss} MB")

    from core.persona.offline.passages import units
    from core.persona.profiles.profile import load_profile

    bank: list[dict[str, Any]] = tomllib.loads((HERE / "questions.toml").read_text())["q"]
    notes = tomllib.loads((HERE / "annotations.toml").read_text())
    absent = [q for q in bank if q["kind"] == "absent"]
    texts = [w for q in absent for w in q["wordings"]]
    ids = [q["id"] for q in absent for _ in q["wordings"]]
    sims = model.embed(texts, norm=True) @ model.embed(texts, norm=True).T
    pairs = [(i, j) for i in range(len(texts)) for j in range(i + 1, len(texts))]
    same = np.array([sims[i, j] for i, j in pairs if ids[i] == ids[j]])
    other = np.array([sims[i, j] for i, j in pairs if ids[i] != ids[j]])
    for cut in (0.4, 0.5, 0.6):
        print(
            f"grouping at {cut}: rewordings together {100 * np.mean(same >= cut):.0f}%,"
            f" different questions together {100 * np.mean(other >= cut):.1f}%"
        )
    answerable: list[float] = []
    unanswerable: list[float] = []
    for spec in notes.values():
        name = spec["file"]
        path = HERE / name if name.startswith("fetched/") else HERE.parents[1] / name
        if not path.exists():
            continue
        profile = load_profile(path)
        sentences = model.embed([u.text for c in profile.chunks for u in units(c)], norm=True)
        for q in bank:
            if q["kind"] == "injection":
                continue
            for wording in (w for w in q["wordings"] if "{" not in w):
                best = float((model.embed([wording], norm=True) @ sentences.T).max())
                (answerable if q["id"] in spec["evidence"] else unanswerable).append(best)
    kept, dropped = np.array(answerable), np.array(unanswerable)
    for cut in (0.3, 0.35, 0.4):
        print(
            f"coverage at {cut}: answerable kept {100 * np.mean(kept >= cut):.0f}%,"
            f" unanswerable turned away {100 * np.mean(dropped < cut):.0f}%"
        )


if __name__ == "__main__":
    main()
