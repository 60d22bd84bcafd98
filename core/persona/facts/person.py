"""Public facts about the person, each read from where a profile puts it: the name ("sorry,
what was your name again?", "how do you spell your name?"; "who am I talking to?" is who I
am), the place ("whereabouts are you located?", also a place marked by a flag or a pin in a
résumé's header) and the link on one network ("are you on LinkedIn?", "what's your GitHub?",
"got a homepage?"): the address on that network, not any address the profile gives. Each
returns [] when the profile does not say it.
"""

from __future__ import annotations

import re

from core.persona.offline.quotes import Quote, distinct, quote
from core.persona.profiles import timeline
from core.persona.profiles.identity import identity
from core.persona.profiles.profile import Chunk, Profile

# What my name is, not its story ("does your name have a meaning?", "who chose your name?").
NAME_ASKED = re.compile(
    r"^(?!.*\b(?:story|meaning|mean|means|chose|choose|picked|origin|behind|pronounce)\b)"
    r".*(?:\b(?:what(?:'s| is| was)|tell me|remind me(?: of)?) (?:\w+ )?(?:your|ur) (?:full |first "
    r"|last |real |whole |sur)?name\b(?!\s+(?:of|for)\b)|\bspell (?:your|ur) name\b)",
    re.I,
)
# "Whereabouts are you located?": where I am, in words the place questions do not use.
PLACE_ASKED = re.compile(
    r"\bwhereabouts\b|\b(?:are|r) (?:you|u) (?:located|based)\b|"
    r"\bwhat(?:'s| is) (?:your|ur) (?:location|city|current city)\b",
    re.I,
)


def name(profile: Profile) -> list[Quote]:
    """My name, as the profile gives it."""
    found = profile.name or identity(profile).name
    return [Quote("Name", found, found)] if found else []


# A network asked by name, and the address that is on it.
_NETWORKS: dict[str, re.Pattern[str]] = {
    "linkedin": re.compile(r"linkedin\.com", re.I),
    "github": re.compile(r"github\.com|github\.io", re.I),
    "gitlab": re.compile(r"gitlab\.com", re.I),
    "twitter": re.compile(r"twitter\.com|\bx\.com", re.I),
    "youtube": re.compile(r"youtube\.com|youtu\.be", re.I),
}
_NETS = r"(linkedin|github|gitlab|twitter|youtube)"
# My address on a network asked ("your GitHub", "on LinkedIn", "LinkedIn link?"), not whether I
# know a tool of that name ("do you know GitHub workflows?").
_NETWORK_ASKED = re.compile(
    rf"\b(?:your|ur|on|a|an|got|have) {_NETS}\b|\b{_NETS} (?:profile|link|account|handle|page|"
    rf"url|username|address)\b|^\W*{_NETS}\W*\??\s*$",
    re.I,
)
_SITE_ASKED = re.compile(
    r"\b(?:(?:personal |own )?(?:web ?site|homepage|home page)|"
    r"(?:portfolio|personal) site|url of (?:your|ur) site|(?:your|ur) site)\b",
    re.I,
)
_ANY_NETWORK = re.compile(
    r"linkedin\.com|github\.com|github\.io|gitlab\.com|twitter\.com|\bx\.com|youtube\.com|"
    r"facebook\.com|wa\.me|coursera\.org|credly\.com|hackerrank\.com|"
    r"mongodb\.com|university\.",
    re.I,
)
_SITE_LABEL = re.compile(
    r"\b(?:website|web site|homepage|home page|blog|portfolio|personal site)\b", re.I
)
_NOT_MINE = re.compile(r"\b(?:demo|repo\w*|project|company|employer|certificate)\b", re.I)
_OWN_SECTION = re.compile(r"about|basics|personal|contact|profile|links", re.I)


def networks_asked(question: str) -> list[str]:
    """The networks a question asks my address on ("linkedin", "github"; "site" for my own
    website), in its order."""
    found = [next(g for g in m.groups() if g).lower() for m in _NETWORK_ASKED.finditer(question)]
    if _SITE_ASKED.search(question):
        found.append("site")
    return list(dict.fromkeys(found))


def link_on(profile: Profile, network: str) -> list[Quote]:
    """My address on `network`: the lines giving an address on it, my own sections first (a
    profile page before a project's page on the same network); for "site", an address of my
    own (labelled website, URL, homepage) that is on no network. The address alone is quoted
    (a résumé's header row holds other things, a private one among them)."""
    found: list[tuple[Chunk, str]] = []  # the chunk, the address on the network
    for chunk in profile.chunks:
        for line in timeline.clean_lines(chunk.text):
            for url in _url(line):
                if network == "site":
                    label = line.split(":", 1)[0] if ":" in line else ""
                    own = _SITE_LABEL.search(label) or (
                        _OWN_SECTION.search(chunk.section) and not _NOT_MINE.search(label)
                    )
                    if own and not _ANY_NETWORK.search(url):
                        found.append((chunk, url))
                elif _NETWORKS[network].search(url):
                    found.append((chunk, url))
    found.sort(key=lambda f: not _OWN_SECTION.search(f[0].section))
    return distinct([quote(chunk, url.rstrip(".,;")) for chunk, url in found], 1)


_URL = re.compile(
    r"https?://[^\s)\]>]+|\bwww\.[^\s)\]>]+|"
    r"(?<![@\w.-])[\w-]+(?:\.[\w-]+)*\.(?:com|io|app|dev|org|net|me|co|au|uk)\b(?:/[^\s)\]>]*)?",
    re.I,
)


def _url(text: str) -> list[str]:
    return _URL.findall(text)
