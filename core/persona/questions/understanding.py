"""What a question asks, read from its wording: an open question about the owner (and the
profile sections that answer it), or a fact.

People ask "tell me about yourself", "what are you best at?", "what do you do for fun?" in
words no profile uses. `topic(question)` names the open question; `expand(question)` adds the
words of the sections that answer it, so the lexical retrieval finds them with or without a
model (attempts to change the rules or extract the prompt: `injection`). `covered(question,
vocabulary)` says whether the profile holds the question's subject at all ("what car do you
drive?" does not), so the answer without a model says "not written down" instead of quoting
something unrelated.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from core.persona.anchors import GATE_TABLE, Gate
from core.persona.questions.openers import asks_for_part, is_opener, texting
from core.persona.search.retrieval import members_of, stem, synonyms_of, terms


@dataclass(frozen=True)
class Topic:
    """An open question and where a profile answers it."""

    name: str
    pattern: re.Pattern[str]
    expansion: str  # words of the sections that answer it, added to the search
    sections: tuple[str, ...]  # words of section or chunk titles that answer it
    core: bool = False  # the identity core answers it when no section does


def _t(name: str, pattern: str, expansion: str, sections: str, core: bool = False) -> Topic:
    return Topic(name, re.compile(pattern, re.I), expansion, tuple(sections.split()), core)


_YOU = r"(?:you|yourself|your)"
# What I made as a whole, not one thing ("the most complex thing you've built"), a detail of it
# ("what did you build your projects with?") or a change ("have you made anything faster?").
ONE_THING = r"(?:most|biggest|largest|hardest|toughest|best|favou?rite|proudest|first|last|latest)"
CHANGED = (
    r"(?:better|worse|faster|easier|simpler|more|less|sure|it|"
    r"a (?:difference|mistake|decision|change))\b"
)
MADE_AS_A_WHOLE = (
    rf"^(?!.*\b(?:{ONE_THING}|with|using|stack|tech\w*|languages?|tools|role)\b)"
    rf"(?!.*\b(?:made|make|making)\s+(?:\w+\s+)?{CHANGED}).*?"
)

TOPICS: tuple[Topic, ...] = (
    _t(
        "about",
        r"\b(?:tell (?:me|us) (?:a (?:little|bit) )?(?:bit )?about yourself|introduce yourself|"
        r"who are you\b|about you\b|what are you (?:all )?about\b|"
        r"(?:your|ur) (?:professional |career |work )?background|"
        r"what do you do(?: for (?:a living|work))?\s*[?.!]*$|what is it you do|"
        r"(?:walk|take|run|talk) (?:me|us) through (?:your|ur) (?:background|cv|resume|résumé|"
        r"(?:career|experience)\s*[?.!]*$)|your story|elevator pitch|sum (?:yourself|you) up|"
        r"summari[sz]e yourself|yourself in a nutshell|"
        r"short version of you|who is this\b|what'?s (?:your|ur) deal|"
        r"who am i (?:talking|speaking|chatting) (?:to|with)|what should i call you|"
        r"(?:quick|short|brief|little) intro(?:duction)?\b|^\s*intro(?:duce)?\b|"
        r"what(?:'s| is) your (?:full )?name)",
        "summary about profile background experience",
        "about summary personal profile bio basics",
        core=True,
    ),
    _t(
        "describe",
        r"\b(?:describe (?:yourself|you)\b|how would (?:your )?(?:\w+ )?(?:describe|say)|"
        r"(?:colleagues|friends|people|manager) (?:describe|say about) you|"
        r"in (?:a few|three|3) words)",
        "summary about strengths soft skills",
        "about summary personal strengths",
        core=True,
    ),
    # "What's your area of expertise?": my field, as a section names it or my summary says it.
    _t(
        "expertise",
        r"^(?!.*\bskills?\b).*?\b(?:(?:area|field)s? of expertise|expertise\b|"
        r"expert (?:in|at|on)\b(?!\s*(?:the )?[\w+#.-]+)|"
        r"(?:your |a |my )speciali?ty\b|specialty\b|specialism\b|"
        r"what do you speciali[sz]e in\b(?!.*\b(?:degree|universit|college|school|studies|major)))",
        "summary about expertise speciality specializing specialist focus",
        "expertise speciality specialty specialism",
        core=True,
    ),
    _t(
        "strengths",
        r"\b(?:strength|strongest|best at|(?<!not )(?<!not so )good at|excel at|great at|"
        r"what are you known for|"
        r"your (?:top |main |key )?(?:skills?|superpower) at work)",
        "strengths skills expertise proficiency expert advanced",
        "strengths interview signal skills",
        core=True,
    ),
    _t(
        "weaknesses",
        r"\b(?:weakness|weak spot|improve on|"
        r"(?<!want to )(?<!like to )(?<!hope to )(?<!plan to )(?<!aim to )get(?:ting)? better at|"
        r"areas? (?:for|of) (?:growth|"
        r"improvement)|struggle with|not (?:so )?good at)",
        "weakness weaknesses areas for growth limited mitigation improve",
        "weakness mitigation growth interview",
    ),
    _t(
        "goals",
        r"\b(?:goals?\b|in (?:five|5|ten|10|a few) years|"
        r"(?:few|five|5|ten|10|couple of|some) years (?:from now|time)|future|aspir|ambition|"
        r"long[- ]term|short[- ]term|"
        r"next (?:career |professional )?(?:step|move)|where do you see yourself|"
        r"(?:want|like|hope|plan) to do next|what(?:'s| is) next for you|"
        r"plans? for (?:your|the) career)",
        "career goals short term long term objective aspiration",
        "goal goals objective aspiration career",
    ),
    _t(
        "ideal_role",
        r"\b(?:ideal (?:job|role|position|company)|dream (?:job|role)(?! as a (?:kid|child))|"
        r"looking for next|(?:kind|type|sort) of "
        r"(?:position|role|job|work) (?:do |are )?you (?:want|looking)|what (?:role|position|job) "
        r"(?:are|do) you (?:want|looking|seeking)|open to (?:new )?(?:opportunit|roles|work)|"
        r"looking for (?:a )?(?:new )?(?:job|role|work)|available for hire)",
        "career goals short term objective role recommended for",
        "goal goals objective career",
    ),
    _t(
        "why_hire",
        r"\b(?:why (?:should|would|must) (?:we|i|anyone|someone) hire|(?:good|great|right) fit|"
        r"strong candidate|what makes you (?:a |the )?|pick you\b|choose you\b|"
        r"over other candidates|stand out|unique|what (?:can|do|would) you bring)",
        "unique value proposition strengths summary achievements",
        "unique value strengths signal talking summary",
        core=True,
    ),
    _t(
        "proud",
        r"\b(?:proud|proudest|accomplishment|achievement|impressive|biggest win|greatest)",
        "achievements achievement result impact award",
        "achievement achievements awards recognition",
    ),
    _t(
        "projects",
        r"\b(?:(?:side|personal|pet|hobby|own|open[- ]source) projects?|"
        r"build in your (?:free|spare) time|what have you (?:built|made|created)|"
        # what I have made, asked by its verb: "stuff you made", "what have you shipped?"
        rf"{MADE_AS_A_WHOLE}(?:"
        r"(?:stuff|things?|something|anything) (?:that )?you(?:'ve| have| had)? (?:ever )?"
        r"(?:made|built|shipped|created|developed|launched|released|coded|put out)\b"
        r"(?! (?:at|for|in|during|while|when) )|"
        r"(?:stuff|things?) (?:have|did) you (?:ever )?(?:made|make|built|build|shipped|ship|"
        r"created|create|launched|launch|released)\b(?! (?:at|for|in|during|while|when) )|"
        r"\bwhat have you (?:ever )?(?:shipped|launched|released)\b|"
        r"\bwhat did you (?:ship|launch|release)\b(?! (?:at|for|in|during|while|when) )|"
        r"\bhave you (?:ever )?(?:built|made|shipped|created|launched|released) "
        r"(?:anything|something)\b)|"
        r"tell (?:me|us) about your projects|what projects|"
        r"(?:tell (?:me|us) about|describe|share|talk (?:me |us )?about|walk (?:me|us) through|"
        r"what(?:'s| is| was)) (?:a|an|one|some|any|your) (?:(?:most )?(?:cool|cooler|coolest|"
        r"notable|interesting|memorable|exciting|impressive|great|fun|big|bigger|biggest|main|"
        r"recent|best|favou?rite|important|significant|major|proudest|key|neat) )?"
        r"projects?\b(?! (?:that|which|where|when|who|whose|in which|with))|"
        r"(?:building|making|working on|built|made|creating) (?:anything|something)(?: cool)? "
        r"on the side|(?<!studying )(?<!learning )\bon the side\b)",
        "projects project portfolio built",
        "project projects portfolio",
    ),
    _t(
        "history",
        r"\b(?:career (?:path|journey|history|so far)|how did your career|how did you get "
        r"(?:to )?where you are|work history|employment history|where have you worked|"
        r"(?:companies|places) (?:have )?you(?:'ve)? (?:worked|been)|"
        r"(?:jobs|roles|positions|(?:job )?titles|employers) (?:have )?you(?:'ve)? (?:had|held)|"
        r"where have you been employed|"
        r"list (?:all )?(?:of )?(?:(?:your|ur|the) )?(?:(?:past|previous|former|old) )?"
        r"(?:jobs|roles|positions|employers|companies)|"
        r"(?:list|name|give me|tell me|what are|enumerate) (?:all|every|each)(?: of)? "
        r"(?:(?:your|the) )?(?:(?:past and present|past|previous|former) )?(?:jobs?|roles?|"
        r"positions?|employers?|compan(?:y|ies)|workplaces?)\b|"
        r"every (?:job|role|position|employer|company) (?:you'?ve|you have|you) "
        r"(?:had|held|worked)|"
        r"walk (?:me|us) "
        r"through your (?:career|experience|jobs))",
        "experience work history career",
        "experience work employment career",
    ),
    _t(
        "education",
        r"\b(?:degrees?|qualifications?|major|speciali[sz]\w*|studied|focus of your studies|"
        r"graduat\w*|gpa|which (?:university|college|school)|"
        r"finish(?:ed)? (?:university|college|school|your (?:degree|studies))|"
        r"where did you (?:study|go to "
        r"(?:university|college|school))|what did you study)\b",
        "education degree university studied dissertation grade",
        "education degree degrees university academic studies",
    ),
    _t(
        "fun",
        r"\b(?:for fun|hobb|outside (?:of )?work|free time|spare time|leisure|pastime|"
        r"after work|unwind|relax|when (?:you'?re|you are) not (?:working|at work|coding)|"
        r"off the clock)",
        "interests hobbies hobby",
        "interests interest hobbies hobby",
    ),
    _t(
        "interests",
        r"\b(?:passionate|passion|excites? you|excit\w* (?:you|about)|you excited|"
        r"interests?\b|interested in)",
        "interests passionate industries interested",
        "interests interest goals",
    ),
    _t(
        "work_with",
        r"\b(?:work(?:ing)? with (?:you|others|people)|working style|work style|like to work|"
        r"team player|(?:in|on) a team|collaborat|alone or|teamwork|like working with)",
        "team collaboration collaborated communication soft skills teamwork",
        "soft team teamwork collaboration",
    ),
    _t(
        "motivation",
        r"\b(?:motivat|drives? you|keeps you going|why do you do (?:what|this)|inspires? you)",
        "motivated passionate care interested enjoy",
        "interview motivation motivated",
        core=True,
    ),
    _t(
        "likes_work",
        r"\b(?:inspiration|(?:enjoy|love|like) (?:\w+ )?about (?:your (?:job|work|role)|what you "
        r"do)|favou?rite (?:part|thing) (?:about|of) (?:your |the )?(?:job|work|role)|"
        r"(?:part|thing|aspect)s? of (?:your |the )?(?:job|work|role) (?:do )?you (?:most )?"
        r"(?:enjoy|love|like)(?! least))",
        "passionate passion enjoy love care motivated",
        "motivation motivated",
    ),
    _t(
        "why_field",
        r"\b(?:why did you (?:choose|pick|go into|get into)|got you into|get into (?:this|your|"
        r"tech|the field)|how did you (?:get|end up|start) (?:into|in)|"
        r"why (?:this|your) "
        r"(?:field|career|industry))",
        "interested why passionate transition enjoy",
        "interview motivation motivated",
    ),
    _t(
        "current_work",
        r"\b(?:working on (?:right )?now|currently working on|working on (?:at the moment|these "
        r"days|currently)|keeping you busy|up to (?:these days|lately|right now)|busy with)",
        "currently present current role project",
        "experience projects",
        core=True,
    ),
    _t(
        "upskilling",
        r"\b(?:keep(?:ing)? (?:your )?skills (?:up to date|sharp|current|fresh)|keep learning|"
        r"stay(?:ing)? "
        r"(?:current|up to date|on top)|keep up with|continuous(?:ly)? learn\w*)",
        "courses bootcamp conference training reading learning",
        "professional development learning training",
    ),
    _t(
        "learning",
        r"\b(?:learning (?:right )?now|currently learning|learning at the moment|new skills?|"
        r"(?:studying|learning) (?:at the moment|these days|lately|on the side)|"
        r"currently (?:studying|learning) (?:on the side|in your (?:free|spare) time)|"
        r"pick(?:ing)? up (?:next|"
        r"now|at the moment)|(?:want|like|plan|hope) to (?:learn|pick up)|learn next|"
        r"are you picking up|"
        r"(?:want|like|hope|plan|aim) to (?:get better at|improve|grow in|develop in)\b|"
        r"trying to grow in\b)",
        "learning focus currently learning recent learning continuous",
        "professional development learning",
    ),
)

_BY_NAME = {t.name: t for t in TOPICS}
_WHOLE = ("about", "describe")  # the owner as a whole, unless one part is named

# Words people ask with that name no subject: they count neither for nor against a profile
# covering the question. (Stemmed by `terms` as the search is.)
_GENERIC_TEXT = """
    favourite favorite favourit like love best most prefer recommend kind type sort thing
    really usually typically ever much many lot know think feel want give example describe
    share explain mention also current currently right now ago last next day days
    person people someone something anything everything time times way ways good great
    big little bit place part name go going went come came take took make made
    see saw seen look find found use used using keep kept let yes ok okay well year years
    old new first one two three usual general generally actually personally today lately
    recently still yet already often always never sometimes familiar system systems bring
    deal involve involved approach set follow able comfortable work open willing part
    job jobs role roles career position company employer workplace team teams
    enjoy main done dealt given taken receive since anyone anybody other besides complete
    write written hold turn contribute pick help list overview across full entire whole
    hey hi hello pls quick brief rundown far technical method methods long question ask
    professional professionally greatest strongest top key stuff expert level
"""


def _inflections(word: str) -> set[str]:
    """The stems of a word and of its common inflections ("loved" and "loving" stem to "lov",
    "love" to "love"): a frame word is a frame word however it is inflected."""
    base = word[:-1] if word.endswith("e") else word
    forms = (word, f"{word}s", f"{base}ed", f"{base}ing", f"{word}d")
    return {stem(w) for w in forms}


GENERIC = frozenset(s for w in _GENERIC_TEXT.split() for s in _inflections(w))


def topic(question: str) -> Topic | None:
    """The open question `question` asks, if it is one (the first that matches)."""
    return _topic(texting(question))


@lru_cache(maxsize=256)  # the search's expansion and the question's intent both ask
def _topic(text: str) -> Topic | None:
    ok = _GATE.allowed(text)
    for t in TOPICS:
        if (
            id(t.pattern) in ok
            and t.pattern.search(text)
            and not (t.name in _WHOLE and asks_for_part(text))
        ):
            return t
    return _BY_NAME["about"] if is_opener(text) else None  # "who r u", "sell yourself"


def topic_named(name: str) -> Topic | None:
    return _BY_NAME.get(name)


def expand(question: str) -> str:
    """The question with the words of the sections that answer it (for the search)."""
    found = topic(question)
    extra = _fact_words(question)
    words = " ".join(w for w in (found.expansion if found else "", extra) if w)
    return f"{question} {words}" if words else question


# Factual questions whose subject is named with other words than profiles use.
_FACTS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.I), words)
    for p, words in (
        (r"\b(?:languages?|langs?)\b(?!.*\b(?:speak|spoken|fluent|talk)\b)",
         "=programming languages skills"),
        (r"\bdata ?stores?\b|\bdata storage\b|\bpersistence layers?\b", "=databases database"),
        (r"\bnon-?technical (?:strengths?|skills?)\b", "=soft skills"),
        (r"\b(?:speak|spoken|fluent|foreign)\b", "languages spoken fluency native"),
        (r"\b(?:code in|coding|program in)\b", "=programming languages skills"),
        (r"\btech(?:nology)? stack|\bstack\b", "=skills technologies tools frameworks"),
        (r"\b(?:gpa|grades?|marks?|results? at (?:university|school)|how did you do at)\b",
         "=grade gpa score honours distinction"),
        (r"\b(?:major|speciali[sz]|focus of your studies|concentration)\b",
         "=specialisation degree area study"),
        (r"\b(?:faster|speed(?:ed)? up|optimi[sz]|performance|slow)\b",
         "=performance latency speed reduced improved optimized"),
        (r"\b(?:numbers|metrics|measurable|quantif|impact)\b",
         "=result results impact improved reduced"),
        (r"\b(?:clients?|customers?|stakeholders?|customer-facing)\b",
         "client clients stakeholders"),
        (r"\b(?:recognition|honou?rs?|prizes?|awards?|won)\b",
         "award awards prize recognition"),
        (r"\b(?:talks?|present(?:ed)?|conferences?|speak at)\b",
         "speaker talk conference presented"),
        (r"\b(?:remote(?:ly)?|office|hybrid|on-?site)\b", "remote hybrid location"),
        (r"\b(?:relocat\w*|move for)\b", "relocate location based"),
        (r"\b(?:title|position|job)\b", "role"),
        (r"\b(?:employer|company|work for)\b", "experience company present"),
        (r"\b(?:responsibilit\w*|day to day|day-to-day|involve)\b", "=responsibilities own role"),
        (r"\b(?:how long|how many years|experience do you have)\b", "=years experience"),
        (r"\b(?:github|open[- ]source)\b", "github open source"),
        (r"\b(?:website|portfolio|linkedin|online)\b", "url github website portfolio"),
        (r"\b(?:ai|artificial intelligence)\b", "ai ml machine learning llm"),
        (r"\bmachine learning\b", "=ml ai"),
        (r"\bopen[- ]source\b", "=github"),
        (r"\b(?:communication|interpersonal|people) skills\b", "=soft"),
        (r"\b(?:devops|ci/?cd|docker|kubernetes|pipelines?)\b", "ci cd devops docker deployment"),
        (r"\b(?:web ?sites?|web development|front-?end|back-?end)\b",
         "web development frontend backend"),
        (r"\bfront[- ]?end\b.*\bback[- ]?end\b|\bback[- ]?end\b.*\bfront[- ]?end\b",
         "full stack fullstack"),
        (r"\b(?:cloud|aws|azure|gcp)\b", "cloud aws azure google gcp"),
        (r"\b(?:test|tests|testing|quality)\b", "testing tests quality"),
        (r"\b(?:agile|scrum|kanban|process)\b", "agile scrum"),
        (r"\b(?:pressure|stress|deadlines?)\b",
         "=pressure deadlines calm incident time management"),
        (r"\b(?:conflict|disagree\w*)\b", "=conflict disagreements"),
        (r"\b(?:mistake|failed|failure|went wrong|(?:went|go|going) sideways|went badly|"
         r"didn'?t go (?:to plan|well))\b", "failed failure mistake challenge"),
        (r"\b(?:challenges?|difficult|tough|hard|problems?)\b", "=challenge situation problem"),
        (r"\b(?:software|tools?)\b", "=tools skills technologies"),
        (r"\b(?:courses?|modules?|classes|subjects|coursework|curriculum)\b",
         "=relevant courses coursework modules"),
        (r"\b(?:at|in) (?:university|college|school|uni)\b|\bstudent\b|\bstudies\b",
         "education university degree"),
        (r"\b(?:industry|sector|field)\b", "=company context sector"),
        (r"\b(?:lead|led|leader\w*|manag\w*|supervis\w*)\b", "=leadership led managed team"),
        (r"\bcommunicat\w*\b", "=communication explaining presenting documentation soft"),
        (r"\b(?:outcome|turn(?:ed)? out|achieve\w*)\b", "=result impact"),
        (r"\b(?:thesis|dissertation|final project|final-year|capstone)\b",
         "=dissertation thesis capstone"),
        (r"\b(?:studied abroad|exchange|another country|abroad)\b",
         "international countries abroad"),
        (r"\b(?:communit\w*|associations?|professional (?:bodies|organi[sz]ations?))\b",
         "member community association"),
        (r"\bwebsites?\b", "website web"),
        (r"\bcareer\b", "experience"),
        # Things profiles name with other words than people ask with.
        (r"\bversion control\b|\bsource control\b", "=git github gitlab"),
        (r"\bcommand[- ]line\b|\bterminal\b|\bshell\b|\blinux\b|\bunix\b",
         "=linux bash shell unix"),
        (r"\bhackathons?\b|\bhack ?days?\b", "=hack hacks hackathon"),
        (r"\b(?:cyber ?)?security\b|\bsecure\b", "=encryption authentication cybersecurity"),
        (r"\b(?:taught|teach\w*|tutor\w*|coach\w*)\b", "=mentor mentoring mentored tutor coach"),
        (r"\bresearch\w*\b", "=dissertation thesis"),
        (r"\binitiative\b|\bproactive\b", "=introduced proposed championed"),
        (r"\bimprov\w* (?:a |the |our |your )?(?:process|workflow)|\bfor the better\b|"
         r"\bmade (?:\w+ )?better\b",
         "=automated automate streamlined reduced"),
        (r"\bautomat\w*\b", "=automated automate script scheduled"),
        (r"\b(?:user interfaces?|ui|ux)\b", "=ui ux figma wireframing prototyping"),
        (r"\bwrite about\b|\bblog\w*\b", "=blog post article publication"),
        (r"\bprioriti[sz]\w*\b", "=priorities prioritize prioritise time management"),
    )
)  # fmt: skip


# Skips the entries and topics a question cannot match (`python -m
# core.persona.questions.understanding` rewrites their anchors worked out ahead).
_GATE = Gate([*(p for p, _ in _FACTS), *(t.pattern for t in TOPICS)], GATE_TABLE)


def _fact_words(question: str, *, rewordings: bool = False) -> str:
    """The words the matching entries add; `rewordings`: only those that say the same thing in
    the words profiles use (they may also show that the profile holds the subject)."""
    ok = _GATE.allowed(question)
    return " ".join(
        words.lstrip("=")
        for pattern, words in _FACTS
        if id(pattern) in ok
        and pattern.search(question)
        and (not rewordings or words.startswith("="))
    )


# Phrases whose words, taken one by one, name something else: "data stores" are databases
# (not data), "non-technical skills" soft ones (not technical ones).
_PHRASES = ((re.compile(r"\bdata ?stor(?:es?|age)\b", re.I), "databases"),
            (re.compile(r"\bnon-?technical\b", re.I), "soft"))  # fmt: skip


def _rephrased(question: str) -> str:
    for pattern, words in _PHRASES:
        question = pattern.sub(words, question)
    return question


def subject_terms(question: str) -> list[str]:
    """The question's search terms that name its subject (generic question words left out,
    bare numbers other than a year: "your top 3 skills" is about skills, and the craft of a
    kind of technology: "web development" is about the web)."""
    return _without_craft(
        [
            t
            for t in dict.fromkeys(terms(_rephrased(question)))
            if t not in GENERIC and not (t.isdigit() and not _YEAR.fullmatch(t))
        ]
    )


_YEAR = re.compile(r"(?:19|20)\d\d")

# "web development", "cloud engineering": the craft of a kind of technology is the kind.
_CRAFT = frozenset(terms("development developer engineering engineer experience"))


def _without_craft(subject: list[str]) -> list[str]:
    if not any(members_of(t) for t in subject):
        return subject
    return [t for t in subject if t not in _CRAFT]


# Questions a profile answers only with one of these words, whatever else matches.
_NEEDS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (
        re.compile(r"\b(?:speak|spoken|fluent|foreign languages?)\b", re.I),
        tuple(terms("spoken native fluent fluency conversational bilingual")),
    ),
)
# "AWS, Azure or GCP", "iOS or Android", "diplomas and certificates": the words on both
# sides of "or", "and", "," or "/" (one of them held is an answer).
_ALTERNATIVES = re.compile(
    r"([\w+#.-]+)\s*(?:,|\bor\b|\band\b|&|/)\s*(?:(?:an?|the|my|your)\s+)?(?=([\w+#.-]+))",
    re.I,
)


def alternatives(question: str) -> list[tuple[str, ...]]:
    """The choices the question offers ("AWS, Azure or GCP?"), each as its subject terms and,
    for a hyphenated word, the word written closed up ("front-end" is also "frontend")."""
    words: dict[str, None] = {}
    for match in _ALTERNATIVES.finditer(question):
        words.update(dict.fromkeys(match.groups()))
    found = []
    for word in words:
        parts = tuple(t for t in terms(word) if t not in GENERIC)
        closed = tuple(terms(word.replace("-", ""))) if "-" in word else ()
        if parts:
            found.append(parts + closed)
    return found


_LABEL = re.compile(r"^\s*(?:[\w'-]+\s+){0,3}[\w'-]+\s*:\s+(?=\S+\s+\S)")


def covered(question: str, known: Callable[[str], bool]) -> bool:
    """Whether the profile holds the question's subject: every subject term is known to the
    profile (one may be missing from a long question; one of the alternatives offered is
    enough), or the question names a subject profiles write in other words ("challenge" for
    a STAR "Situation") and those words are there. A question that is only its frame ("how
    do you get to work?") has no subject to quote. `known(term)` says whether the profile
    has a term or a synonym of it."""
    unlabelled = _LABEL.sub("", question, count=1)  # "Quick question: ..." asks what follows
    question = unlabelled if subject_terms(unlabelled) else question  # "Python: do you know it?"
    found = topic(question)
    subject = subject_terms(question)
    if found is not None:
        return True  # the sections (or the identity core) are checked where it is answered
    technology = any(members_of(t) for t in subject)  # "frameworks you are fluent in"
    for pattern, needed in _NEEDS:
        if pattern.search(question) and not technology and not any(known(t) for t in needed):
            return False  # "what languages do you speak?" and only programming languages
    if not subject:  # only the question's frame ("how do you get to work?"): no quote
        if not terms(question):
            return True  # no question at all: retrieval decides
        return any(known(t) for t in terms(_fact_words(question, rewordings=True)))
    have = sum(1 for t in subject if known(t))
    if have == len(subject):
        return True
    offered = alternatives(question)
    rest = [t for t in subject if not any(t in choice for choice in offered)]
    if any(any(known(t) for t in choice) for choice in offered) and all(known(t) for t in rest):
        return True  # "AWS, Azure or GCP?": one of them is enough
    missing = [t for t in subject if not known(t)]
    if len(subject) >= 3 and len(missing) == 1 and excusable(missing[0], question):
        return True  # a long question: one word the profile lacks may be a wording
    if any(members_of(t) for t in missing):
        return False  # "testing tools" and no test named: "tools" reworded is not enough
    return any(known(t) for t in terms(_fact_words(question, rewordings=True)) if t not in GENERIC)


# "Google Cloud", "Kubernetes on Azure": a name, written with a capital inside the question.
_NAMED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z][\w+#.-]*")  # not "GPA", "REST"


def names_in(question: str) -> frozenset[str]:
    """The question's terms written as names (a capital not at the start of a sentence), but
    not a common word written in capitals ("GPA", "PhD": words with synonyms)."""
    found = terms(" ".join(_NAMED.findall(question.strip())))
    return frozenset(
        t for t in found if not synonyms_of(t) and t not in GENERIC and not members_of(t)
    )


def excusable(term: str, question: str) -> bool:
    """May this term be the one word a long question's subject lacks? Not a name ("Google"
    Cloud), nor a kind with named members ("mobile" apps): those are what it is about."""
    return term not in names_in(question) and not members_of(term)


def reworded_as(question: str) -> str:
    """The words profiles use for what the question names in other words ("taught":
    mentor, tutor, coach), without the question's own generic words."""
    return " ".join(t for t in terms(_fact_words(question, rewordings=True)) if t not in GENERIC)


if __name__ == "__main__":  # after a pattern changes: rewrite the anchors worked out ahead
    _GATE.write()
