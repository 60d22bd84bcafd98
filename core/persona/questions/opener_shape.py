"""The shape of an opener, whatever its words: a request whose object is the owner as a whole,
with nothing narrower left once its setting is taken away.

`whole_person_asked(text)` reads a question already written out by `openers.texting`, clause
by clause. It takes away the setting first: greetings and welcomes ("hello and welcome", "hey
@twin"), politeness and hedges ("would you be so kind as to", "got a sec to", "care to"), the
audience and the channel ("for the channel", "in #introductions", "to the group", "for the
hiring manager"), how long or how to answer ("in a couple lines", "shortly", "top to bottom",
"in the first place") and prefaces ("recruiter here", "i skimmed your cv already" is its own
clause). What is left is words of three kinds: a request (tell, say, share, give, present,
introduce, describe, sum up, pitch, walk me through, fill me in on, paint a picture of, how did
you get into, what led you to...), its object, the owner as a whole (yourself, your good self,
about you, who you are, what you do, what you're about, your background / bg / story / CV /
profile / journey / path / career, a bio, an intro, a presentation of you, this line of work),
and filler (articles, me, us, a bit, a few words). A clause is an opener when it holds an
object and nothing else: "your background in ML" leaves "ml", "who are you voting for" leaves
"voting", "tell me about your thesis" leaves "your thesis", "how did you get into rust" leaves
"rust".
"""

from __future__ import annotations

import re

# The owner as a whole, named by a noun after "your": "your background", "ur bg", "your
# professional journey", "your line of work".
_WHOLE_NOUN = (
    r"(?:background|bg|backstory|back story|story|life story|origin story|"
    r"cv|resume|profile|journey|path|"
    r"career|career path|bio|biography|intro|introduction|presentation|experience|works?|"
    r"history|work history|deal|pitch|elevator pitch|summary|overview|trajectory|situation|"
    r"highlights|line of work|line of business|field|trade|profession|occupation|job|day job|"
    r"role|position|title|gig|thing|self)"
)
_WHOLE_MOD = (
    r"(?:(?:professional|work|career|personal|overall|general|whole|own|full|entire|complete|"
    r"short|quick|brief|current|present|good|life|(?:\d+|one|two|three|five|thirty|sixty)"
    r"[- ](?:second|minute|word|line|sentence|paragraph)s?) )"
)
# A text about the owner, asked for by its kind ("a short professional biography", "an intro").
_SELF_TEXT = (
    r"(?:self[- ]?)?(?:bio|biography|intro|introduction|presentation|blurb|elevator pitch|pitch|"
    r"summary|overview|rundown|run-down|snapshot|tl;dr|tldr|gist|tour|highlights|account|profile|"
    r"one-liner|sketch|synopsis|recap|walkthrough|run through|lowdown|scoop|picture|"
    r"(?:short|quick|brief|abridged) version|version|background|context|info|information|"
    r"headline|tagline|description|"
    r"details|411|deets)"
)
_SELF_TEXT_MOD = (
    r"(?:(?:quick|short|small|little|brief|concise|high-level|general|rough|professional|career|"
    r"personal|self|full|whole|(?:\d+|one|two|thirty|sixty)[- ](?:second|minute|line|word|"
    r"sentence|paragraph)s?) )"
)

# Each rewrite turns a span into a marker: "⟨o⟩" an object (the owner as a whole), "⟨r⟩" a
# request; what the markers and filler do not cover is what the clause asks besides.
_OBJECTS = (
    r"sum (?:yourself|you|your ?self) up",
    r"how (?:did |'d )?you (?:first )?(?:got|get) started",
    r"(?:(?<=up )|(?<=get )|(?<=got ))where you are(?: now| today)?",
    r"is (?:this|it|that) (?:really |actually )?you(?= *$)",  # "is this Maya?", said to me
    r"(?:your|ur) good self|yourself|your ?self",
    r"who (?:you (?:are|r)|are you|r you|you is)(?: (?:really|exactly|as a person|beyond "
    r"(?:it|that|your (?:cv|resume|profile)|the (?:cv|resume|profile))))?|you are who",
    r"what (?:you(?:'re| are| r)|are you|r you) (?:all )?about(?! to\b)",
    r"each other",
    r"what (?:exactly |actually )?(?:do )?you (?:exactly |actually )?do(?= *$)",
    r"what (?:(?:would|do) you )?(?:say )?you do(?: (?:for (?:a living|work)|in life|"
    r"professionally|here))?",
    r"where (?:you are|are you) (?:at )?in your career",
    r"what (?:do you|are you|you) work(?:ing)? as",
    rf"(?:your|ur) {_WHOLE_MOD}{{0,3}}{_WHOLE_NOUN}",
    r"you (?:background|bg|backstory|story|cv|resume|profile|career|journey)",  # "what is you bg"
    r"(?:this|that|your) (?:line|kind|type|sort) of (?:work|job|business)|this (?:field|work|job|"
    r"career|industry|profession)",
    r"(?:(?<=led you )|(?<=got you )|(?<=took you ))(?:here|to where you are"
    r"(?: today| now)?)",
    r"the (?:rest of the|whole|full|big) picture",
    rf"(?:(?:a|an|the|some|your) )?{_SELF_TEXT_MOD}{{0,3}}{_SELF_TEXT}(?= (?:of|on|about|for) "
    r"(?:⟨o⟩|you\b|yourself))",
    rf"(?:a|an|the|some|your) {_SELF_TEXT_MOD}{{0,3}}{_SELF_TEXT}(?=$| (?:please|for|in|here)\b)",
    rf"^{_SELF_TEXT_MOD}{{0,2}}(?:intro|introduction|bio|pitch|elevator pitch|story|cv|resume|"
    r"bg|background|profile|summary)s?(?: time)?(?: (?:of|on|about) you)?$",
    r"(?:about|of|on|regarding) you\b",
)
# After the requests are marked: "present you", "tl;dr you".
_OBJECTS_AFTER = (r"(?<=⟨r⟩ )(?:me |us )?you\b(?! do\b)",)
_REQUESTS = (
    r"tell(?:ing)?|say(?:ing)?|shar(?:e|ing)|giv(?:e|ing)|send(?:ing)?|post(?:ing)?|drop|"
    r"writ(?:e|ing)|present(?:ing)?|introduc(?:e|ing)|explaining|talking|speaking|pitching|"
    r"describe|describing|summari[sz]e|sum up|recap|outline|pitch|sell (?:me|us) on|sell|"
    r"explain|talk|speak|provide|furnish|offer|show|hear|know|learn|read|remind (?:me|us)(?: of)?|"
    r"intro|"
    r"walk (?:me|us) (?:through|thru)|run (?:me|us) (?:through|thru)|take (?:me|us) (?:through|"
    r"thru)|talk (?:me|us) (?:through|thru)|go (?:through|over)|fill (?:me|us) in(?: on)?|"
    r"catch (?:me|us) up(?: on)?|paint (?:me |us )?a picture of|get to know|"
    r"(?:make|making|do|doing|paint|painting)(?= (?:me |us )?⟨o⟩)",
    r"(?:⟨story⟩)",
    r"(?:what|anything) (?:should|do|must|would) (?:i|we|people|folks|others|everyone) "
    r"(?:need to )?know",
)
# The story of how I came to the work: "how did you get into this line of work?", "what's the
# path that led you here?".
_STORY = (
    r"how(?: did|'d| do)? you (?:first )?(?:(?:get|got) (?:started(?: in)?|into|in)|end(?:ed)? up"
    r"(?: in| doing)?|w[io]nd up(?: in| doing)?|land(?:ed)? in|c[oa]me to|start(?:ed)? (?:in|out"
    r" in|doing)|br(?:ea|o)ke into)|"
    r"what (?:got|led|brought|drew|took) you(?: into| to)?|what path (?:led|brought|took) you"
    r"(?: to)?|the path (?:that )?(?:led|brought|took|got) you"
)
# Question words: allowed, but not a request that takes "you" as its object.
_QUESTION_WORDS = r"what(?:'s| is| are| was)|who(?:'s| is)"
# The setting of a request: greetings, politeness, hedges, the audience, how long.
_SETTING = (
    r"\b(?:in|with) (?:a (?:couple|few)(?: of)?|one|two|three|four|five|\d+|a|some) "
    r"(?:short )?(?:lines?|words?|sentences?|paragraphs?|minutes?|seconds?)\b|"
    r"\b(?:shortly|briefly|quickly|concisely|in (?:brief|short|a nutshell|general|life)|"
    r"top to bottom|from (?:the )?top to (?:the )?bottom|(?:from )?start to finish|from the "
    r"(?:top|start|beginning)|in the first place|so far|to date|up to now|until now|these days|"
    r"nowadays|right now|at the moment|currently|professionally(?: speaking)?|as a (?:person|"
    r"professional|human being|human)(?: at work)?|at work|(?:career|work)"
    r"[- ]?wise|in whatever (?:way|manner) you (?:find|like|prefer|want)(?: most natural)?|"
    r"(?:like|as if|as though) (?:we(?:'re| are| were)|i(?:'m| am| was| were)|"
    r"you(?:'re| are| were)) .*$|"
    r"(?:to|for) (?:someone|somebody|people|anyone|a person) (?:who|that|with)\b.*$|"
    r"in your own words|before we (?:start|begin|chat|talk|get started|dive in|go on)|in (?:a|one) "
    r"(?:tweet|post|headline|slide|text)|if you had to|what would (?:it|that|they|you) "
    r"(?:say|be|read)|what do you (?:tell|say to|say)(?: people| them| folks)? (?:when|if) "
    r"(?:people|someone|somebody|they|anyone|folks) asks?(?: you)?|"
    r"at (?:your|the) (?:current )?(?:company|employer|job|work|firm)|"
    r"like i'?m (?:five|5|a \w+)|in (?:simple|plain|layman'?s|non-?technical|everyday) (?:terms|"
    r"words|english|language)|to (?:a|an|your|my) (?:\d+|five|six)[- ]year[- ]old|to (?:a|an) "
    r"(?:non-?technical|lay) person|to (?:your|my|a) (?:grandma|grandmother|gran|nan|mum|mom|"
    r"dad|parents|kid|child|stranger|recruiter|hiring manager)|as (?:if|though) to (?:a|an) "
    r"(?:recruiter|stranger|hiring manager)|as (?:a|an) (?:candidate|applicant))\b",
    r"@[\w.-]+|#[\w-]+",
    r"\b(?:hi|hiya|hello|hey|heya|yo|sup|howdy|greetings|good (?:morning|afternoon|evening|day)|"
    r"dear \w+|sir(?:/madam)?|madam|mate|folks|friend)\b",
    r"\b(?:and )?welcome(?: (?:aboard|in|back|to (?:the |our )?#?[\w-]+(?: (?:channel|server|team|"
    r"group|community))?))?\b|\b(?:please )?welcome (?:our|the|a) (?:new(?:est)? )?\w+\b|"
    r"\bglad to have you(?: here| aboard| with us)?\b",
    r"\bthe floor is yours\b|\byour turn\b|\bgo ahead and\b",
    r"\b(?:i(?:'m| am) (?:a |the )?|(?:a |the ))?(?:recruiter|sourcer|hiring manager|talent "
    r"partner|headhunter)(?: here| at [\w-]+)?\b",
    r"\b(?:would|could|will|can|won't) you (?:please |kindly |just |quickly |briefly )?"
    r"(?:be (?:so kind as|able|willing) to |mind |care to |like to |want to )?|"
    r"\b(?:(?:do|would) you )?(?:want|wanna|like|care) to\b|"
    r"\bhow (?:would|do|should|might|will|can|could) you (?:usually |normally |typically |best )?"
    r"(?=(?:introduce|describe|present|pitch|sell|sum up|summari[sz]e|explain) )",
    r"\b(?:you (?:can|could|may|might) )(?=(?:please )?(?:tell|say|share|give|present|introduce|"
    r"describe|explain|talk|speak|walk|sum|pitch))",
    r"\b(?:(?:i|we) ?(?:'d|would|should|will)|would|should) (?:really )?(?:like|love|want|"
    r"appreciate it|be (?:most |very |really |so )?(?:grateful|glad|happy|thankful|obliged))"
    r"(?: (?:to invite|to ask))?"
    r"(?: (?:that|if))?(?: you)?(?: (?:could|would|can|to))?(?: to)?\b|"
    r"\bit would be (?:very |really |most )?(?:helpful|great|nice|useful|lovely|good)"
    r"(?: for (?:our|my|the) (?:records|files|team|notes))? (?:if|to have) you (?:could|would)?\b",
    r"\b(?:i|we) (?:want|wanna|wish) (?:you )?(?:to )?|\b(?:let's|let us|let me)\b|"
    r"\b(?:can|could|may|might) (?:i|we)(?: (?:ask|trouble) you(?: (?:to|for))?)?\b",
    r"\b(?:(?:do|would) you )?(?:mind|care to)\b|\bplease\b|\bkindly\b|\bpls\b|"
    r"\b(?:got|have you got|you got) a (?:sec|second|minute|moment) (?:to )?|"
    r"\btake (?:a|one|two|a few) (?:minutes?|moments?|seconds?) to\b",
    r"\b(?:wait|hold on|oh|um+|hmm+|new (?:face|here|member|joiner|person)(?: here)?|"
    r"quick one|quick question|real quick|out of curiosity|i'm curious|curious|just|"
    r"lol|haha|lmao|tbh|honestly|btw|ok|okay|so|well|now|then|also|"
    r"^first(?: things first| of all| off)?|to (?:start|begin)(?: (?:with|our conversation))?|"
    r"kick off with|start with|"
    r"begin with|start by|begin by|again|anyway|really|actually|exactly)\b",
    r"\b(?:for|to|with|in|on) (?:the |this |our |your |a )?(?:channel|server|team|group|room|"
    r"community|newsletter|panel|committee|records|audience|crowd|class|everyone|everybody|"
    r"readers|viewers|listeners|followers|members|attendees|subscribers|squad|crew|gang|folks|"
    r"all of us|intro(?:duction)?s? (?:thread|channel))\b|"
    r"\bfor (?:the |a |my |our )?(?:hiring manager|recruiter|hiring team|interview)\b|"
    r"\b(?:to|for) (?:everyone|everybody|us|me|the others)\b",
    r"(?<=\btell )(?:everyone|everybody|the (?:channel|team|group|room|server))\b",
    r"\b(?:so (?:that )?)?(?:we|i|everyone|people|folks) (?:can )?(?:⟨r⟩|know|get to know) ⟨o⟩",
    r"\b(?:that |which )?(?:i|we) can (?:forward|pass on|share|send|post|use)(?: (?:it|that))?"
    r"(?: (?:to|with|on|in) (?:the |my |our )?\w+)?",
    r"\bat (?:conferences|parties|a party|events|meetups|networking events|interviews)\b",
)
_FILLER_TEXT = """
    a an the some any me us and or but more bit little lot few couple of about on in to for with
    through over something things all please ⟨o⟩ ⟨r⟩ ⟨q⟩ hi words lines short small quick brief
"""
_FILLER = frozenset(_FILLER_TEXT.split())
# Words a question is built with that name nothing: left over, they ask nothing narrower ("what
# does your resume look like?", "do you have a short bio?").
_FUNCTION_TEXT = """
    how does did you i we should would could can will have has had got be been being is are am
    was were like look looks as again anything everything here there really usually what who
    where when yet ever
"""
_FUNCTION = frozenset(_FUNCTION_TEXT.split())
_SETTING_RE = re.compile("|".join(_SETTING))
_REQUEST_RE = re.compile(
    rf"(?<![\w'])(?:{'|'.join(_REQUESTS)})(?![\w'])".replace("⟨story⟩", _STORY)
)
_STORY_RE = re.compile(rf"(?<![\w'])(?:{_STORY})(?![\w'])")
_QUESTION_RE = re.compile(rf"(?<![\w'])(?:{_QUESTION_WORDS})(?![\w'])")
_OBJECT_RES = tuple(re.compile(rf"(?<![\w'])(?:{p})(?![\w'])") for p in _OBJECTS)
_AFTER_RES = tuple(re.compile(rf"(?<![\w'])(?:{p})(?![\w'])") for p in _OBJECTS_AFTER)
_CLAUSES = re.compile(r"\s*(?:[.!?;:,—–()]+|\s-\s)\s*")
_JOINED = re.compile(r"\s*(?:\band\b|\bbut\b|&|\+)\s*")
_NOUN_ONLY = re.compile(r"^(?:⟨o⟩ )+$|^⟨o⟩$")


def _marked(clause: str) -> list[str]:
    """The clause's words with its setting taken away, its objects marked ⟨o⟩, its requests
    ⟨r⟩ and its question words ⟨q⟩."""
    clause = clause.replace("about to ", "about-to ")  # "what are you about to ship?"
    text = " ".join(_SETTING_RE.sub(" ", clause).split())
    for pattern in _OBJECT_RES:
        text = " ".join(pattern.sub(" ⟨o⟩ ", text).split())
    text = " ".join(_REQUEST_RE.sub(" ⟨r⟩ ", text).split())
    for pattern in _AFTER_RES:
        text = " ".join(pattern.sub(" ⟨o⟩ ", text).split())
    text = " ".join(_QUESTION_RE.sub(" ⟨q⟩ ", text).split())
    return _SETTING_RE.sub(" ", text).split()  # "so we know ⟨o⟩"


# Words that may follow the object and ask nothing more: "what's your journey been like?"
_AFTER_OBJECT = frozenset(("been", "like", "look", "looks", "is", "was"))


def _clause(clause: str, *, joined: bool = False) -> bool:
    words = _marked(clause)
    while len(words) > 1 and words[-1] in _AFTER_OBJECT and "⟨o⟩" in words[:-1]:
        words = words[:-1]
    if "⟨o⟩" not in words:
        return False
    if joined and "⟨r⟩" not in words and "⟨q⟩" not in words:
        return False  # "do you like your job and what you do?": the object of "like"
    return all(w in _FILLER for w in words)


def _sentence(text: str) -> bool:
    parts = _JOINED.split(text)
    return _clause(text) or (len(parts) > 1 and any(_clause(p, joined=True) for p in parts))


def whole_person_asked(text: str) -> bool:
    """Does `text` (written out by `openers.texting`) ask for the owner as a whole in some
    clause: a request whose object is the owner, with nothing narrower left once the setting
    (greetings, politeness, the channel, how long) is taken away?"""
    text = text.replace("tl;dr", "tldr")
    return any(_sentence(c) for c in _CLAUSES.split(text) if c.strip())


def narrower_left(text: str) -> bool:
    """Is `text` (written out by `openers.texting`) worded like an introduction, a request or
    the owner as a whole, with something narrower left ("introduce your team", "what are you
    about to ship?", "tell me who you are working with")?"""
    for clause in _CLAUSES.split(text.replace("tl;dr", "tldr")):
        words = _marked(clause)
        asked = [w for i, w in enumerate(words) if (w, *words[i + 1 : i + 2]) != ("do", "you")]
        marks = [i for i, w in enumerate(asked) if w in ("⟨o⟩", "⟨r⟩")]
        after = asked[marks[0] :] if marks else []  # "wait, who are u": a preface, not a part
        if any(w not in _FILLER and w not in _FUNCTION for w in after):
            return True
    return False


def how_i_got_here(text: str) -> bool:
    """Does `text` (written out by `openers.texting`) ask, as an opener, how I came to the work
    I do ("how did you get into this line of work?", "how did u end up doing what you do?")?
    A reason or a story, which the profile may not tell: not the summary by itself."""
    return any(_STORY_RE.search(c) and _sentence(c) for c in _CLAUSES.split(text))
