"""Whether a passage holds what a question asks for, not only words like it.

The answer without a model quotes a passage only when that passage answers; the profile as a
whole holding the question's words is not enough ("have you taught at a university?" is not
answered by a degree line because the owner also mentors somewhere). Three rules:

- **The subject, in one passage.** The chunk quoted holds the question's subject by the same
  test as the whole profile (`understanding.covered`), read on that chunk's own words.
- **A thing of the kind asked.** A question asking for a kind of thing (certificates, papers,
  a PhD, spoken languages, a high school, a grade, people managed) is answered only by a
  passage naming a thing of that kind, not a neighbour of it (a course is no certificate, a
  blog post no paper, a degree line no PhD, "Languages: Python" no spoken language).
- **A kind of technology** asked ("frameworks") is answered only by the word or one of its
  members (React), not a loose synonym ("technology"), when the profile writes one at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from core.persona.offline.aspiring import asks_ahead, is_ahead
from core.persona.offline.demands import TECHNOLOGIES, meets
from core.persona.offline.quotes import Quote
from core.persona.profiles.profile import Chunk, Profile
from core.persona.questions.understanding import (
    GENERIC,
    alternatives,
    names_in,
    reworded_as,
    subject_terms,
)
from core.persona.search.retrieval import (
    STOPWORDS,
    Hit,
    knows,
    members_of,
    synonyms_of,
    terms,
    vocabulary,
)


@dataclass(frozen=True)
class Kind:
    """A kind of thing a question asks for, and how a passage shows a thing of that kind."""

    name: str
    asked: re.Pattern[str]  # the question asks for this kind
    held: re.Pattern[str]  # a passage (its text, title and section) names a thing of it


def _k(name: str, asked: str, held: str) -> Kind:
    return Kind(name, re.compile(asked, re.I), re.compile(held, re.I))


_HUMAN_LANGUAGES = (
    r"english|french|spanish|german|italian|portuguese|dutch|swedish|norwegian|danish|finnish|"
    r"polish|czech|slovak|hungarian|romanian|bulgarian|greek|turkish|russian|ukrainian|arabic|"
    r"hebrew|persian|farsi|urdu|hindi|bengali|punjabi|gujarati|marathi|tamil|telugu|kannada|"
    r"malayalam|nepali|sinhala|mandarin|cantonese|chinese|japanese|korean|vietnamese|thai|"
    r"indonesian|malay|tagalog|filipino|swahili|kiswahili|yoruba|igbo|hausa|amharic|somali|"
    r"zulu|xhosa|afrikaans|catalan|basque|welsh|irish|gaelic|icelandic|serbian|croatian|"
    r"bosnian|slovenian|albanian|lithuanian|latvian|estonian|kazakh|uzbek|armenian|georgian|"
    r"sign language|bsl|asl"
)
_PROGRAMMING = (
    r"python|java|javascript|typescript|golang|\bgo \(|rust|ruby|php|kotlin|swift|scala|"
    r"c\+\+|c#|sql|bash|perl|matlab|dart|elixir|erlang|haskell|lua|julia|clojure|f#|"
    r"objective-c|visual basic|vba|cobol|fortran|groovy|solidity"
)

# The school before university (stated.school quotes the line naming it).
HIGH_SCHOOL = _k(
    "high school",
    r"\b(?:high|secondary|grammar|middle|sixth[- ]form)[- ]school\b|\bsixth form\b",
    r"\bhigh[- ]school\b|\bsecondary\b|\bsixth form\b|\ba[- ]levels?\b|\bgcses?\b|"
    r"\bbaccalaur\w+|\bgrammar school\b|\bschool:|\bgymnas\w*|\blyc[ée]e\b|\bhsc\b",
)

# Kinds of thing, as a question asks for them and as a passage names one. The `held` pattern
# is read on the passage's text, its line labels, its title and its section.
KINDS_ASKED: tuple[Kind, ...] = (
    _k(
        "certificate",
        r"\bcert(?:s|ificat\w*|ified)?\b|\bcredentials?\b|\blicen[cs]es?\b|\baccredit\w*",
        r"certif\w*|\bcredential|\blicen[cs]e|\baccredit\w*",
    ),
    _k("phd", r"\bph\.?\s?d\b|\bdoctora(?:te|l)\b", r"\bph\.?\s?d\b|\bdoctora(?:te|l)\b|\bdphil\b"),
    _k(
        "bachelor",
        r"\bbachelor'?s?\b|\bundergrad\w*",
        r"\bbachelor|\bb\.?sc\b|\bb\.?a\.?\b|\bb\.?eng\b|\bb\.?s\.?\b|\bundergrad\w*|\bbtech\b",
    ),
    _k(
        "master",
        r"\bmaster'?s?\b(?! (?:of )?(?:the|a|it)\b)|\bpostgrad\w*|\bm\.?sc\b|\bmba\b",
        r"\bmaster(?!\))|\bm\.?sc\b|\bmba\b|\bm\.?eng\b|\bm\.?phil\b|\bpostgrad\w*|\bm\.?s\.\B",
    ),
    _k(
        "paper",
        r"\b(?:research |academic |scientific )?papers?\b|\bjournals?\b|\bresearch articles?\b|"
        r"\bacademic publications?\b|\b(?:got|been|get|was|were) published\b",
        r"\bpublication|\bpublished\b|\bpublisher\b|\bpaper\b|\bpapers\b|\bjournal|"
        r"\bproceedings\b|\bpreprint|\barxiv\b",
    ),
    _k(
        "thesis",
        r"\bthesis\b|\bdissertation\b|\bfinal[- ]year project\b|\bcapstone\b|"
        r"\bresearch (?:topic|project)\b|\bgraduation project\b",
        r"\bthes[ie]s\b|\bdissertation\b|\bcapstone\b|\bfinal[- ]year project\b|"
        r"\bgraduation project\b|\b(?:honou?rs|research|final) project\b",
    ),
    _k(
        "scholarship",
        r"\bscholarships?\b|\bbursar(?:y|ies)\b|\bfellowships?\b|\bstipends?\b",
        r"\bscholar(?:ship)?s?\b|\bbursar(?:y|ies)\b|\bfellowships?\b|\bstipends?\b|"
        r"\bfunded\b|\bgrants?\b",
    ),
    _k("blog", r"\bblog\w*\b|\bnewsletter", r"\bblog|\bnewsletter|\bsubstack\b"),
    _k(
        "spoken language",
        r"\b(?:speak|spoken)\b(?! (?:at|to|about|on|in public|with)\b)|\b(?:foreign languages?|"
        r"mother tongue|native language|hold a conversation|conversational|converse|bilingual)"
        r"\b|\bfluen\w*\b.*\blanguages?\b|\blanguages?\b.*\bfluen\w*",
        rf"\b(?:{_HUMAN_LANGUAGES})\b|\bnative speaker\b|\bmother tongue\b|\bbilingual\b",
    ),
    _k(
        "programming language",
        r"\b(?:programming|coding|code|scripting) languages?\b|\blanguages? (?:do |can )?you "
        r"(?:code|program|write code)\b|\blanguage (?:do )?you (?:code|program|write (?:most )?"
        r"(?:of )?(?:your )?code)\b|\b(?:code|program) in\b",
        rf"(?:{_PROGRAMMING})",
    ),
    HIGH_SCHOOL,
    _k(
        "grade",
        r"\bgpa\b|\bgrades?\b|\bmarks?\b|\bscored?\b|\bhow (?:well )?did you do\b|"
        r"\bclassification\b|\bgraduate (?:with|cum) \w+|\bwith (?:honou?rs|distinction)\b",
        r"\bgpa\b|\bgrade|\bscore|\bhonou?rs\b|\bdistinction|\bfirst[- ]class\b|\b2[:.][12]\b|"
        r"\bcum laude\b|\bwam\b|\b\d(?:\.\d+)?\s*/\s*\d|\b\d{2}(?:\.\d)?\s?%|\bhd\b|\bmerit\b",
    ),
    _k(
        "coursework",
        r"\bcoursework\b|\bmodules?\b|\bclasses\b|\bcurriculum\b|\b(?:relevant|university|"
        r"college) courses\b|\bcourses? (?:did )?you (?:take|took)\b",
        r"\bcourses?\b|\bcoursework\b|\bmodules?\b|\bclasses\b|\bcurriculum\b|\bsubjects\b|"
        r"(?-i:\b[A-Z]{2,4}\s?\d{3,4}\b)",
    ),
    _k(
        "people managed",
        r"\bmanage (?:people|a team|staff|others|anyone)\b|\bpeople manager\b|\bdirect reports?\b|"
        r"\bline manag\w+\b|\b(?:how many|any) (?:people|engineers|staff) (?:did |do )?you "
        r"(?:manage|lead|supervise)\b|\breport(?:s|ing)? (?:in)?to you\b",
        r"\b(?:manag\w*|led|lead(?:s|ing)?|supervis\w*|oversaw|oversee\w*)\s+(?:\w+\s+){0,3}?"
        r"(?:team|people|engineers|developers|analysts|staff|reports|interns|members|"
        r"a \d+|\d+)\b|\bdirect reports?\b|\bline manag\w+|"
        r"\breport(?:s|ing)? to me\b|\bteam size managed:\s*[1-9]|\b\d+-person team\b",
    ),
    _k(
        "remote",
        r"\bremote(?:ly)?\b|\bhybrid\b|\bon-?site\b|\bin (?:the|an) office\b|\bwfh\b|"
        r"\bwork(?:ing)? from home\b",
        r"\bremote\w*|\bhybrid\b|\bon-?site\b|\boffice\b|\bwork(?:ing)? from home\b|\bwfh\b|"
        r"\bdistributed\b",
    ),
    _k(
        "open source",
        r"\bopen[- ]?source\b|\boss\b",
        r"\bopen[- ]?source\b|\boss\b|\bcontribut\w* to\b|\bgithub\b|\bgitlab\b",
    ),
    _k(
        "volunteering",
        r"\bvolunteer\w*|\bcharit\w*|\bcommunity (?:work|service)\b|\bnon-?profits?\b",
        r"\bvolunteer(?:ed|ing)?\b(?!s)|\bcharit\w*|\bnon-?profit|\bngo\b|\bpro bono\b|"
        r"\bcommunity (?:work|service)\b|\bunpaid\b",
    ),
    _k(
        "childhood",
        r"\bchildhood\b|\bas a (?:kid|child|teen\w*)\b|\bwhen (?:you|u) were (?:a )?(?:kid|child|"
        r"young|little|small|teen\w*)\b|\bgrowing up\b",
        r"\bchild(?:hood)?\b|\bkids?\b|\bgrew up\b|\bgrowing up\b|\bteen\w*|\bas a boy\b|"
        r"\bas a girl\b",
    ),
    _k(
        "handedness",
        r"\b(?:left|right)[- ]?handed\b|\blefty\b|\brighty\b|\bwhich hand\b",
        r"\b(?:left|right)[- ]?handed\b|\blefty\b|\bambidextrous\b",
    ),
    # Who else was there: a supervisor, a co-author, an investor is named only by a passage
    # naming that role (the project line, the paper line, the company line answer near it).
    _k(
        "supervisor",
        r"\bwho (?:\w+ )?supervised\b|\bsupervisors?\b|\badvis[oe]rs?\b",
        r"\bsupervis\w*|\badvis[oe]r|\badvised by\b",
    ),
    _k(
        "co-author",
        r"\bco-?(?:authors?|authored|wr[io]te|written|writers?)\b",
        r"\bco-?author\w*|\bco-?wr[io]t\w*|\bauthors?:|\bet al\b|\bwritten with\b",
    ),
    _k(
        "investor",
        r"\binvest(?:ed|ors?)\b|\bfunding\b",
        r"\binvest\w*|\bfund(?:ed|ing|raising)\b|\braised\b|\bseries [abc]\b|\bseed\b|"
        r"\bventure\b|\bbacked by\b",
    ),
    # What the owner did in a project: a passage saying the role, not the project's features.
    # (Only the word asking is matched: a kind's asked words count as held where one is named.)
    _k(
        "role in a project",
        r"\brole(?= (?:in|on) (?:\w+ ){0,3}?projects?\b)|(?<=projects, were you the )lead\b|"
        r"(?<=projects were you the )lead\b|\bpart(?= of (?:the|that|this) project (?:did )?you\b)",
        r"\broles?\b|\blead\b|\bled\b|\bresponsib\w*|\bowner\b|\bsolo\b|\bteam of\b|"
        r"\b\d+-person\b|\bmy part\b",
    ),
    # Courses taken outside a degree: a course, a certificate, a bootcamp; not a job line.
    _k(
        "training",
        r"\btrainings?\b|\bbootcamps?\b|\bonline courses?\b|\bmoocs?\b",
        r"\bcourses?\b|\btraining\b|\bbootcamps?\b|\bmoocs?\b|\bcoursera\b|\budemy\b|\bedx\b|"
        r"\bworkshops?\b|\bpluralsight\b|\blinkedin learning\b|\bcertif\w*|\bspeciali[sz]ation\b",
    ),
    # The hardest thing done: a passage that says it was hard, not any project line.
    _k(
        "challenge",
        r"\b(?:most challenging|most difficult|hardest|toughest) (?:\w+ )?(?:project|thing|problem|"
        r"task|bug|feature|system)s?\b|\b(?:project|thing|problem) (?:that was )?(?:really )?"
        r"(?:hard|difficult|challenging)\b",
        r"\bchalleng\w*|\bdifficult\w*|\bhard(?:est)?\b|\btough\w*|\bcomplex\w*|\bobstacles?\b|"
        r"\bstruggl\w*|\bblock(?:ed|ing|ers?)\b|\bfail(?:ed|ure)\b",
    ),
    # Who uses the owner's work: a passage naming customers, clients or users.
    _k(
        "users",
        r"\bwho (?:are|is) (?:the )?(?:customers|users|clients)\b|\bwho (?:ends up using|uses)\b",
        r"\bcustomers?\b|\bclients?\b|\busers?\b|\bserv(?:es|ed|ing)\b|\baudience\b|"
        r"\bstakeholders?\b|\bcommunity\b",
    ),
    # A weakness is named only by a passage saying one (a learning plan is none).
    _k(
        "weakness",
        r"\bweak(?:ness|nesses)?\b|\bweak spots?\b|\bareas? (?:for|of) (?:growth|improvement)\b",
        r"\bweak(?:ness|nesses)?\b|\bareas? (?:for|of) (?:growth|improvement)\b|"
        r"\bstill developing\b|\bnot (?:yet )?(?:great|strong|good) at\b|\bneed to improve\b|"
        r"\bimprov(?:e|ing) (?:on|my)\b|\blimited\b|\bgrowth areas?\b|\bstruggle",
    ),
    _k(
        "spoken at",
        r"\b(?:spoken|speak|spoke|present(?:ed)?|given (?:a |any )?talks?|talks?) (?:at|to)\b|"
        r"\bpublic speaking\b",
        r"\bspeaker\b|\bspoke (?:at|to)\b|\b(?:gave|give|giving|given) (?:a |an )?talks?\b|"
        r"\btalks? (?:at|on)\b|\btalk:|\bkeynote\b|\bpanel(?:ist)?s?\b|"
        r"\bpresent(?:ed|ing|ation)s? at\b|\bwebinars?\b",
    ),
)


def kinds_asked(question: str) -> list[Kind]:
    """The kinds of thing the question asks for (none for most questions)."""
    return [k for k in KINDS_ASKED if k.asked.search(question)]


def names_kind(text: str, kind: Kind) -> bool:
    """Does the text name a thing of the kind?"""
    return bool(kind.held.search(text))


def chunk_text(chunk: Chunk) -> str:
    """Everything a chunk says, its name included (a section titled "Certifications" names
    the kind of each of its lines)."""
    return f"{chunk.section.replace('_', ' ')}\n{chunk.title}\n{chunk.text}"


def holds_kinds(text: str, question: str, profile_words: frozenset[str] = frozenset()) -> bool:
    """Does the text answer for what the question asks by kind: a thing of every kind asked
    (`KINDS_ASKED`), and every kind of technology asked written or one of its members
    ("frameworks": the word, or React; not "technology") when the profile writes one
    somewhere (`profile_words`: its terms). Of the choices a question offers ("AWS, Azure or
    GCP?", "papers or articles") one held is enough."""
    have = _terms_of(text)
    held = [c for c in alternatives(question) if all(_synonym_held(t, have) for t in c)]
    for kind in kinds_asked(question):
        own = _asked_terms(kind, question)
        if not names_kind(text, kind) and not any(set(c) - own for c in held):
            return False  # (unless another choice offered is here: "degrees and certificates")
    if held:
        return True  # one of the choices offered is here
    kinds = asked_kinds_of_technology(question)
    return not any(_held(t, profile_words) and not _held(t, have) for t in kinds)


def asked_kinds_of_technology(question: str) -> list[str]:
    """The kinds of technology the question asks for ("which *frameworks*", "any *cloud*
    experience?"), not those it only mentions ("how do you test your *code*?")."""
    found = []
    for t in subject_terms(question):
        if not members_of(t):
            continue
        for word in re.findall(r"[\w+#-]+", question):
            if terms(word) == [t] and (
                word.lower().endswith("s") or _ASKING_FOR.search(_before(question, word))
            ):
                found.append(t)
                break
    return found


_ASKING_FOR = re.compile(r"\b(?:which|what|any|list|name)(?:\s+\w+)?\s*$", re.I)


def _before(question: str, word: str) -> str:
    return question[: question.find(word)]


def _synonym_held(term: str, have: frozenset[str]) -> bool:
    return _held(term, have) or bool(synonyms_of(term, strong=True) & have)


def _held(term: str, have: frozenset[str]) -> bool:
    return term in have or bool(members_of(term) & have)


@lru_cache(maxsize=4096)
def _terms_of(text: str) -> frozenset[str]:
    return frozenset(terms(text))


def holds_subject(
    question: str, known: Callable[[str], bool], profile_has: Callable[[str], bool] = bool
) -> bool:
    """Does one chunk hold the question's subject? As `covered` for the whole profile, with
    one word of a subject of two or more allowed to be missing from this chunk unless it is a
    name or a kind of technology asked for (the chunk about the job need not repeat
    "platform", nor "code" in "how do you test your code?"); of offered choices one is
    enough; a word the whole profile lacks (the one a long question may miss) is not asked
    of the chunk again. `profile_has(term)`: the profile holds the term."""
    asked = [*subject_terms(question), *_generic_names(question)]
    offered = alternatives(question)
    absent = [t for t in asked if not profile_has(t)]
    if any(not _absent_excused(t, question, offered, profile_has) for t in absent):
        return False  # "have you managed a *budget*?": no passage of the profile holds it
    subject = [t for t in asked if profile_has(t)]
    chose = any(any(known(t) for t in choice) for choice in offered)
    if chose:
        chosen = {t for choice in offered for t in choice}
        subject = [t for t in subject if t not in chosen]
    missing = [t for t in subject if not known(t)]
    if any(t in asked_kinds_of_technology(question) for t in missing):
        return False  # a kind of technology asked is not here
    named = names_in(question)
    if any(t in named for t in missing) and len(missing) > 1:
        return False  # a name may be left to the section around it, but not with more
    reworded = any(known(t) for t in terms(reworded_as(question)))  # "taught": "mentor"
    allowed = (len(subject) >= 2) + reworded + chose  # one word of each wording may differ
    return len(missing) <= allowed


def holds_names(question: str, known: Callable[[str], bool], titled: Callable[[str], bool]) -> bool:
    """Does one chunk hold every name the question asks about that titles an entry of the
    profile (`titled`: a school, an employer, a project with a passage of its own)? A passage
    about another entry answers something near it ("your GPA at the Technion?" is not answered
    by the bootcamp's GPA line). A name no entry is titled by may be left to the passage's
    surroundings ("your final-year project at Victoria University?": the capstone line); a
    technology named never is ("which React projects?" is not answered by a project without
    React)."""
    offered = {t for choice in alternatives(question) for t in choice}  # one of them is enough
    return all(
        known(t)
        for t in names_in(question)
        if (titled(t) or t in TECHNOLOGIES) and t not in offered
    )


def entry_names(profile: Profile) -> frozenset[str]:
    """The terms of the profile's passage titles: the names of its entries."""
    return frozenset(t for c in profile.chunks for t in terms(c.title))


def _absent_excused(
    term: str,
    question: str,
    offered: list[tuple[str, ...]],
    profile_has: Callable[[str], bool],
) -> bool:
    """May a subject word the whole profile lacks be left out of what a passage must hold?
    Not when it is what the question asks about: the head of a phrase an indefinite article
    or "any" opens ("have you managed *a budget*?", "do you hold *any patents*?"), or a name
    ending its phrase (k8s, Kubernetes): a passage holding only the question's other words
    ("managed") answers something near it. A choice offered ("AWS or Azure?"), a word the
    profile writes in other words ("taught": mentor), a phrase after a preposition ("worked
    *as a* teaching assistant": profiles word roles their own way), a placeholder ("a manual
    *process*") or a modifier ("*REST* APIs") may be missing; so may any other wording."""
    if any(term in choice for choice in offered) or term in _PLACEHOLDERS:
        return True
    words = _words_of(term, question)
    if any(profile_has(t) for w in words for t in terms(reworded_as(w))):
        return True
    named = term in names_in(question) or term in TECHNOLOGIES
    return not any(_marked(w, question, named=named) for w in words)


# Nouns that hold a place for what the verb says ("did you automate a manual process?").
_PLACEHOLDERS = frozenset(
    terms("process thing something stuff problem issue situation task way example kind sort bit")
)


def _generic_names(question: str) -> list[str]:
    """Named technologies that are also common words, written as names mid-question ("have
    you programmed in *Go*?"): the question's subject, though a word like "go" is not."""
    found = terms(" ".join(_MID_CAPITAL.findall(question.strip())))
    return [t for t in dict.fromkeys(found) if t in TECHNOLOGIES and t in GENERIC]


_MID_CAPITAL = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+\b")


# "a budget", "any patents", "an AWS certificate": the thing a yes/no question asks about.
_INDEFINITE = frozenset(["a", "an", "any"])
# "as a teaching assistant" (a role, worded the profile's own way), "with a colleague", "in a
# lab": a phrase after these says how or where, not the thing asked.
_ADJUNCT = frozenset(
    ["as", "with", "in", "at", "on", "for", "from", "to", "of", "by", "about", "into", "like"]
)
_TOKEN = re.compile(r"[\w+#'-]+(?:\.[\w+#'-]+)*|[^\w\s]")
_NAME_LIKE = re.compile(r"^(?=.*\d)[\w+#.-]+$|^[A-Z]{2,5}s?$")  # k8s, UX, GCP


def _marked(word: str, question: str, *, named: bool) -> bool:
    """Is the question's `word` the thing asked about? It ends a run of content words (its
    phrase's head, not a modifier: "REST" in "REST APIs" is not), and it is a name (`named`,
    or written like one: k8s, UX) or the phrase is opened by "a", "an" or "any" ("any
    *patents*", "a security *clearance*") not after a preposition ("as a teaching
    *assistant*", "conflict with a *colleague*")."""
    tokens = _TOKEN.findall(question)
    for i, token in enumerate(tokens):
        if token != word or (i + 1 < len(tokens) and _content(tokens[i + 1])):
            continue
        if named or _NAME_LIKE.match(word):
            return True
        start = i
        while start > 0 and _content(tokens[start - 1]):
            start -= 1
        opener = tokens[start - 1].lower() if start > 0 else ""
        before = tokens[start - 2].lower() if start > 1 else ""
        if opener in _INDEFINITE and before not in _ADJUNCT:
            return True
    return False


def _content(token: str) -> bool:
    """Is a token a content word (not punctuation, not a stop word)?"""
    return bool(re.match(r"[\w+#]", token)) and token.lower() not in STOPWORDS


def _words_of(term: str, question: str) -> list[str]:
    """The question's words that are the search term `term`."""
    return [w for w in re.findall(r"[\w+#'-]+", question) if term in terms(w)]


def known_in(
    chunk: Chunk, question: str, owner: frozenset[str] = frozenset()
) -> Callable[[str], bool]:
    """`known(term)` for one chunk: the chunk holds the term (or a synonym, a word of its
    family, a thing of its kind); `owner`: the owner's name terms, known everywhere. The words
    that ask for a kind of thing ("which *secondary school*") are held by a chunk naming a
    thing of that kind ("A levels")."""
    one = (chunk,)
    text = chunk_text(chunk)
    named = {
        t for k in kinds_asked(question) if names_kind(text, k) for t in _asked_terms(k, question)
    }
    return lambda t: t in owner or t in named or knows(one, t)


def kind_words_held(chunks: tuple[Chunk, ...], question: str) -> frozenset[str]:
    """The question's words asking for a kind of thing that some chunk names ("direct
    reports" when a chunk says "manage a team of four"): the profile holds what they ask."""
    kinds = kinds_asked(question)
    held = [k for k in kinds if any(names_kind(chunk_text(c), k) for c in chunks)]
    return frozenset(t for k in held for t in _asked_terms(k, question))


def _asked_terms(kind: Kind, question: str) -> set[str]:
    return {t for m in kind.asked.finditer(question) for t in terms(m.group(0))}


def answering(
    profile: Profile, hits: Sequence[Hit], question: str, has: Callable[[str], bool]
) -> list[Hit]:
    """The hits whose chunk answers the question by itself: it holds the question's subject
    (as the whole profile must: `has(term)`) and a thing of each kind asked, and it tells
    what the owner does, not hopes to (`aspiring`), unless the question asks about that."""
    owner = frozenset(terms(profile.name))
    words = vocabulary(profile.chunks)
    entries = entry_names(profile)
    facts = not asks_ahead(question)
    return [
        h
        for h in hits
        if holds_subject(question, known_in(h.chunk, question, owner), has)
        and holds_names(question, known_in(h.chunk, question, owner), entries.__contains__)
        and holds_kinds(chunk_text(h.chunk), question, words)
        and not (facts and is_ahead(_name(h.chunk)))
    ]


def _names_held(
    profile: Profile, chunk: Chunk | None, quoted: str, question: str, owner: frozenset[str]
) -> bool:
    """Does a quote (from `chunk` when known) hold every name the question asks about that
    the profile writes (`holds_names`)?"""
    if chunk is not None:
        known = known_in(chunk, question, owner)
    else:
        words = _terms_of(quoted)
        known = lambda t: t in owner or t in words  # noqa: E731
    return holds_names(question, known, entry_names(profile).__contains__)


def _name(chunk: Chunk) -> str:
    """The part of the profile a chunk is in: its section and title."""
    return f"{chunk.section}\n{chunk.title}"


def kept(profile: Profile, quotes: Sequence[Quote], question: str) -> list[Quote]:
    """The quotes whose chunk (read with its section's name) names a thing of each kind asked,
    and is not a passage of hopes and plans when the question asks what the owner does; and
    that give what the question's shape asks for (`demands`: a reason, a count, a date)."""
    words = vocabulary(profile.chunks)
    named = {c.title: chunk_text(c) for c in profile.chunks}
    chunks = {c.title: c for c in profile.chunks}
    facts = not asks_ahead(question)
    owner = frozenset(terms(profile.name))
    return [
        q
        for q in quotes
        if holds_kinds(f"{named.get(q.title, q.title)}\n{q.source}", question, words)
        and _names_held(profile, chunks.get(q.title), f"{q.title}\n{q.source}", question, owner)
        and not (facts and (c := chunks.get(q.title)) is not None and is_ahead(_name(c)))
        and meets(question, q.text, chunks.get(q.title), q.title)
    ]
