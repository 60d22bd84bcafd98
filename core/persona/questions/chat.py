"""Chat spellings written out: "do u know sql", "where r u working rn", "what did u build at
uni" are read as "do you know sql", "where are you working right now". A texting form that
stays a word of its own would otherwise count as a subject the profile does not hold ("u"),
so the answer without a model said "not written down". Case and every other word are kept
(a name in the question still says where the answer is); fillers ("tbh", "lol") are left out.
"""

from __future__ import annotations

import re
from functools import lru_cache

# texting form (a whole word, any case) -> what it stands for
FORMS: dict[str, str] = {
    "u": "you",
    "ya": "you",
    "yu": "you",
    "ur": "your",
    "urs": "yours",
    "uve": "you've",
    "u've": "you've",
    "youve": "you've",
    "youre": "you're",
    "u're": "you're",
    "urself": "yourself",
    "rn": "right now",
    "atm": "at the moment",
    "rly": "really",
    "thru": "through",
    "w/": "with",
    "ppl": "people",
    "db": "database",
    "dbs": "databases",
    "k8s": "kubernetes",
    "oss": "open-source",
    "uni": "university",
    "unis": "universities",
    "yrs": "years",
    "yoe": "years of experience",
    "exp": "experience",
    "abt": "about",
    "bout": "about",
    "b4": "before",
    "bc": "because",
    "cuz": "because",
    "coz": "because",
    "wanna": "want to",
    "gonna": "going to",
    "kinda": "kind of",
    "sorta": "sort of",
    "lemme": "let me",
    "gimme": "give me",
    "whats": "what's",
    "wats": "what's",
    "wat": "what",
    "wut": "what",
    "wheres": "where's",
    "whos": "who's",
    "hows": "how's",
    "whens": "when's",
    "im": "I'm",
    "ive": "I've",
    "dont": "don't",
    "didnt": "didn't",
    "doesnt": "doesn't",
    "havent": "haven't",
    "hasnt": "hasn't",
    "isnt": "isn't",
    "arent": "aren't",
    "wasnt": "wasn't",
    "cant": "can't",
    "fav": "favourite",
    "fave": "favourite",
    "pls": "please",
    "plz": "please",
    "thx": "thanks",
}
# Words that only colour a message ("tbh", "lol"): said by nobody about a subject.
_FILLER_TEXT = """
    tbh ngl lol lmao haha hehe btw fr imo imho idk iirc jk tho though anyways anyway actually
    basically literally honestly
"""
FILLERS = frozenset(_FILLER_TEXT.split())
_WORD = re.compile(r"(?<![\w'])(?:[wW]/|[A-Za-z0-9][\w']*)(?![\w'])")
# "r" is "are" only next to "you" ("where r u"), never the language R ("do you know R?").
_ARE = re.compile(r"\b[rR](?=\s+(?:u|you|ya|ur|your|they|we|there)\b)")


@lru_cache(maxsize=2048)  # read by the prompt's query and the answer without a model
def written_out(question: str) -> str:
    """The question with its chat spellings written out and its fillers left out."""
    text = _ARE.sub("are", question)

    def word(found: re.Match[str]) -> str:
        w = found.group(0)
        low = w.lower()
        if low in FILLERS:
            return ""
        return FORMS.get(low, w)

    return " ".join(_WORD.sub(word, text).split())
