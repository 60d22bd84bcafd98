"""Sentences out of a stream: complete only once what follows their end is seen."""

from __future__ import annotations

from core.grounding.sentences import SentenceSplitter, split

TEXT = (
    "I studied at the Univ. of Sheffield, e.g. maths. Dr. Smith taught me in 2019. I scored "
    "3.5 GPA! Really?\n- Python\n- SQL\nJ. R. R. Tolkien wrote. If asked 'who are you?' my "
    "twin says Maya. End"
)


def test_abbreviations_initials_decimals_and_quotes_do_not_end_a_sentence() -> None:
    assert split(TEXT) == [
        "I studied at the Univ. of Sheffield, e.g. maths. ",
        "Dr. Smith taught me in 2019. ",
        "I scored 3.5 GPA! ",
        "Really?\n",
        "- Python\n",
        "- SQL\n",
        "J. R. R. Tolkien wrote. ",
        "If asked 'who are you?' my twin says Maya. ",
        "End",
    ]


def test_any_split_into_deltas_gives_the_same_sentences_and_loses_nothing() -> None:
    for size in (1, 2, 5, 13):
        splitter = SentenceSplitter()
        out: list[str] = []
        for i in range(0, len(TEXT), size):
            out += splitter.feed(TEXT[i : i + size])
        rest = splitter.rest()
        assert ([*out, rest] if rest else out) == split(TEXT)
        assert "".join(out) + rest == TEXT


def test_a_sentence_is_not_released_before_the_text_after_it_is_seen() -> None:
    splitter = SentenceSplitter()
    assert splitter.feed("I work in Leeds.") == []
    assert splitter.feed(" ") == []
    assert splitter.feed("Next") == ["I work in Leeds. "]
