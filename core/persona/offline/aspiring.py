"""What the owner hopes to do is not what they do: a passage of goals, plans or interview
practice ("I want to lead a platform team", "contribute to open source projects" under career
goals) does not answer "do you lead a team?" or "do you contribute to open source?". It answers
a question about the future or what the owner wants ("what are your goals?", "would you like
to lead a team?"). Read on a passage's section and title (the part of the profile it is in).
"""

from __future__ import annotations

import re

# A section or title of hopes, not facts: career goals, plans, aspirations, interview practice.
_AHEAD_SECTION = re.compile(
    r"\b(?:goals?|aspirations?|ambitions?|objectives?|plans?|wish ?list|"
    r"next steps?)\b|\blearning[ _]focus\b",
    re.I,
)

# A question about what the owner wants, plans or is learning, not what they have done.
_ASKS_AHEAD = re.compile(
    r"\b(?:goals?|aims?|ambitions?|aspir\w+|plans?|planning|future|want|wants|wish|hope|"
    r"would (?:you )?like|'d (?:you )?like|next|dream|see yourself|years from now|"
    r"learn\w*|improv\w*|grow\w*|interested|interests?|looking for|aspire|objectives?|"
    r"motivat\w*|drives? you|passion\w*|pick(?:ing)? up|lately|these days|ideal|open to|"
    r"seeking|searching|job hunt\w*|new (?:roles?|jobs?|positions?|opportunit\w+)|available|hire|"
    r"opportunit\w+|one day|someday|eventually|long[- ]term|short[- ]term)\b",
    re.I,
)


def is_ahead(name: str) -> bool:
    """Is a passage (named by its section and title) about hopes and plans, not facts?"""
    return bool(_AHEAD_SECTION.search(name.replace("_", " ")))


def asks_ahead(question: str) -> bool:
    """Does the question ask what the owner wants, plans or is learning, or anything but
    whether they have done or do a thing ("what topics excite you?" may be told by a goal;
    "do you lead a team?" may not)?"""
    return bool(_ASKS_AHEAD.search(question)) or not _DONE.search(question)


# "Do you lead...?", "have you ever...?", "are you a...?": whether the owner does or did it.
_DONE = re.compile(
    r"^\W*(?:so\s+|and\s+|but\s+)?(?:have|had|did|do|does|are|were|is) (?:you|u)\b", re.I
)
