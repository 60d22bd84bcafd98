"""Openers: the questions asking the owner to introduce themselves ("tell me about yourself",
"who r u", "what line of work are you in?", "sell yourself", "summarise your CV").

`texting(question)` writes a question's texting forms and common typos out ("ur" is "your",
"urself" and "yourslef" are "yourself", "wat" is "what"), so every reading of the wording sees
the same question. `is_opener(question)` reads the question's structure rather than a list of
phrasings: a request to introduce or sum up oneself (tell / introduce / describe / summarise /
pitch / sell ... yourself, your background, career, CV, bio, story, experience), "who are
you" / "who am I talking to", or "what do you do" / "what line of work are you in". A clause
only counts when its object is the owner as a whole: "tell me about your biggest project",
"what do you do for fun?" and "describe your ideal job" ask for something specific. The setting
of an introduction is read past ("if you had one minute to sell me on you, what would you
say?", "explain what you do to a 5 year old", "where are you coming from, career-wise?").
`asks_for_part(question)` says when a wording that starts like an introduction names one part
of the owner's life or someone else ("what's your background in ML?", "who are you voting
for?"), so the open question "about me" does not take it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from core.persona.questions.opener_shape import narrower_left, whole_person_asked

# Texting forms and shorthand, word by word (the key is a whole word).
_WORDS = {
    "u": "you",
    "ya": "you",
    "yu": "you",
    "ur": "your",
    "yr": "your",
    "urself": "yourself",
    "yourslef": "yourself",
    "youself": "yourself",
    "yourelf": "yourself",
    "yoursef": "yourself",
    "yurself": "yourself",
    "yourselfe": "yourself",
    "wat": "what",
    "wot": "what",
    "wut": "what",
    "wht": "what",
    "waht": "what",
    "whta": "what",
    "hwat": "what",
    "whats": "what's",
    "wats": "what's",
    "wots": "what's",
    "whos": "who's",
    "abt": "about",
    "bout": "about",
    "abut": "about",
    "abuot": "about",
    "tel": "tell",
    "tlel": "tell",
    "pls": "please",
    "plz": "please",
    "plse": "please",
    "gimme": "give me",
    "whatcha": "what do you",
    "whatchu": "what do you",
    "yaself": "yourself",
    "dat": "that",
    "dis": "this",
    "watcha": "what do you",
    "wotcha": "what do you",
    "tldr": "tl;dr",
    "tellme": "tell me",
    "tellus": "tell us",
    "thru": "through",
    "rn": "right now",
    "atm": "at the moment",
    "eli5": "explain",
    "livin": "living",
    "doin": "doing",
    "workin": "working",
    "talkin": "talking",
    "chattin": "chatting",
    "sayin": "saying",
    "askin": "asking",
    "resumé": "resume",
    "résumé": "resume",
    "cv's": "cv",
    "intro'": "intro",
}
_WORD = re.compile(r"[\w'’;é]+")
# Emoji and pictographs ("hi 👋 who are you?"): read as a space.
_SYMBOLS = re.compile(r"[\u2190-\u2bff\u2600-\u27bf\U0001f000-\U0001faff\ufe0f\u200d]+")
# Words an opener is made of: a word one letter away from one of them is that word misspelt.
_KEY_WORDS = (
    "yourself",
    "background",
    "career",
    "introduce",
    "introduction",
    "experience",
    "profession",
    "professional",
    "professionally",
    "occupation",
    "summarise",
    "summarize",
    "describe",
    "elevator",
)


def _undoubled(word: str) -> str:
    """The word with doubled letters written once ("proffesion" and "profession": "profesion")."""
    return re.sub(r"(\w)\1+", r"\1", word)


def _one_edit(a: str, b: str) -> bool:
    """Are `a` and `b` one letter apart (one added, dropped, changed or two swapped)?"""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diff) == 1:
            return True
        i = diff[0]
        return len(diff) == 2 and diff[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k, (x, y) in enumerate(zip(short, long, strict=False)) if x != y), len(short))
    return short[i:] == long[i + 1 :]


@lru_cache(maxsize=4096)
def _word(word: str) -> str:
    if word in _WORDS:
        return _WORDS[word]
    if len(word) >= 6 and word.isalpha():
        for key in _KEY_WORDS:  # not an inflection ("described", "careers")
            if word.startswith(key) or key.startswith(word):
                continue
            if _one_edit(word, key) or _undoubled(word) == _undoubled(key):
                return key
    return word


@lru_cache(maxsize=2048)  # read by asking, understanding and openers: once per question
def texting(question: str) -> str:
    """The question in lower case with texting forms and typos of opener words written out
    ("who r u" is "who are you", "tell me bout urself" is "tell me about yourself")."""
    text = _SYMBOLS.sub(" ", _without_name(question).lower().replace("’", "'"))
    text = " ".join(text.split())
    text = re.sub(r"\br (?=you\b|u\b)", "are ", text)  # "who r u" (not the language R)
    text = re.sub(r"\bwho (?:dis|dat)\b", lambda m: "who is " + _WORDS[m.group()[4:]], text)
    text = re.sub(r"([a-z])\1{2,}", r"\1", text)  # "sooo", "heyyy", "hiii"
    text = re.sub(r"\btl;? ?dr\b", "tl;dr", text)
    text = re.sub(r"\b4 (?=a living\b|work\b)", "for ", text)  # "what do u do 4 a living"
    text = re.sub(r"\bw/(?!\w)", "with", text)  # "who am i chatting w/"
    text = re.sub(r"\b(?:your|you|ya|ur) self\b(?![-\w])", "yourself", text)  # "ya self"
    text = re.sub(r"\b(?:whatcha|watcha|wotcha|whatchu)(?= \w+ing\b)", "what are you", text)
    return _WORD.sub(lambda m: _word(m.group()), text)


# What a clause may open with and close with and still ask only what is between.
_LEADS = (
    r"(?:hi|hiya|hello|hey|hey there|heya|yo|sup|howdy|greetings|good (?:morning|afternoon|"
    r"evening|day)|nice to meet you|pleased to meet you|hru|how are you|how r you|ok|okay|so|"
    r"well|and|but|alright|right|um+|hmm+|first|first of all|first off|to start|to start with|"
    r"to begin|to begin with|quick one|quick question|question|just|out of curiosity|"
    r"i'm curious|curious|please|briefly|quickly|real quick|in short|in brief|in a nutshell|"
    r"then|now|mate|there|twin|bot|lol|haha|tbh|honestly|btw|start by|begin by|let's start with|"
    r"simply put|in (?:simple|plain|layman's|everyday) (?:words|terms|english|language))"
)
# A question qualified as about work ("where are you coming from, career-wise?").
_QUAL = r"(?:(?:career|work|job)[- ]?wise|professionally(?: speaking)?|in your career|for work)"
_TAILS = (
    r"(?:please|pls|then|exactly|anyway|anyways|briefly|quickly|quick|real quick|for me|to me|"
    r"for us|to us|in short|in brief|in a nutshell|in (?:one|a|a few|two|three|five|\d+) "
    r"(?:sentences?|lines?|words?|minutes?|seconds?|paragraphs?)|in (?:\d+|thirty|sixty) "
    r"seconds|so far|to date|up to now|until now|again|mate|twin|bot|a bit|a little|in general|"
    r"overall|here|thanks|thank you|if you (?:can|could|would|don't mind)|if possible|"
    r"in your own words|for starters|to start|first|lol|haha|lmao|tbh|honestly|really|actually|"
    r"from the (?:beginning|start|top)|(?:from )?start to finish|these days|nowadays|"
    r"at the moment|right now|currently|at present|now|"
    r"before we (?:start|begin|chat|talk|get started|dive in|go on)|"
    rf"in (?:a|one) (?:tweet|post|headline|slide|text)|{_QUAL}|"
    # "..., keep it short", "... what would it say?": how the answer should be, not what it is
    r"keep it (?:short|brief|quick|simple|snappy|sweet)|go|"
    r"what would (?:it|that|they|you) (?:say|be|read))"
)
_LEAD_RE = re.compile(rf"^(?:{_LEADS}\b[\s,]*)+")
_TAIL_RE = re.compile(rf"(?:[\s,]+{_TAILS})+$")

# The owner as a whole: what a self-introduction is asked about.
_NOUN = (
    r"(?:background|career|cv|resume|bio|biography|story|experience|profile|journey|history|"
    r"works?|path|self|elevator pitch|pitch|intro|introduction|summary|tl;dr|overview|backstory|"
    r"back story|job|day job|gig|role|position|title|occupation|profession|one-liner|one liner)"
)
_MOD = (
    r"(?:(?:professional|work|career|personal|overall|general|whole|own|short|quick|brief|"
    r"current|present|(?:\d+|one|two|three|five|ten|thirty|sixty)[- ](?:second|minute|word|line|"
    r"sentence)s?) )"
)
_YOURS = rf"(?:your {_MOD}{{0,2}}(?:career |professional )?{_NOUN}(?: and (?:your )?{_NOUN})?)"
_SELF = (
    rf"(?:yourself|you|you and (?:your {_NOUN}|what you do)|{_YOURS}|who you are|"
    r"what you do(?: for (?:a living|work))?|what you're about)(?: professionally)?"
)
_ASK = (
    r"(?:(?:can|could|would|will|won't) you (?:please |kindly |quickly |briefly |just )?|"
    r"(?:would|do) you mind |mind |please |kindly |i(?:'d| would) (?:love|like|want) (?:you )?"
    r"to |i want (?:you )?to |you (?:can|could) |let's |let me |are you able to |"
    r"would you be able to |could i ask you to |can i ask you to |would you like to |"
    r"do you want to |(?:would|do) you care to |care to |"
    r"how (?:would|do|should|might|will|can|could) you |(?:can|could|may) (?:i|we) )?"
)
_GIVE_WHAT = (
    r"(?:a |an |the |your |some |a little |a bit of |a quick |a short )?(?:quick |short |brief |"
    r"little |high-level |general |rough |(?:30|thirty|60|sixty|90|one|two|\d+)[- ]"
    r"(?:second|minute) |one-line |one-liner |professional |career |cv |resume |bio |self[- ]?)*"
    r"(?:intro|introduction|overview|summary|rundown|"
    r"run-down|tl;dr|bio|biography|pitch|elevator pitch|background|story|picture|sense|idea|"
    r"version|sketch|synopsis|outline|recap|profile|snapshot|run through|walkthrough|lowdown|"
    r"low-down|scoop|one-liner|blurb)"
)
# Who the introduction is for: "explain what you do to a 5 year old", "like I'm five".
_AUDIENCE = (
    r"(?: to (?:a|an|your|my|the|someone|somebody|people|kids?|children|non-?[\w-]+|grandma|"
    r"grandpa|granny|mum|mom|dad|parents|strangers?)\b.*| for (?:someone|somebody|people|kids?|"
    r"children|non-?[\w-]+|strangers?|(?:a|an) (?:\w+[- ]year[- ]old|child|kid|stranger|"
    r"layperson|layman|non-?[\w-]+|recruiter|hiring manager))\b.*| (?:like|as if) "
    r"(?:i'?m|i am|i were) (?:a |an |the )?(?:[\w-]+ ){0,2}[\w-]+| at (?:parties|a party|"
    r"(?:a )?dinner part(?:y|ies)|family gatherings)| in (?:simple|"
    r"plain|layman'?s?|everyday|non-technical) (?:terms|words|english|language))?"
)

# A short text that introduces someone, and the words that say how short or what it is of.
_BLURB = (
    r"(?:self[- ]?)?(?:bio|biography|intro|introduction|blurb|summary|pitch|elevator pitch|"
    r"overview|rundown|headline|tagline|one-liner|description)"
)
_BLURB_MOD = (
    r"(?:quick|short|brief|little|tiny|one-line|one-liner|two-line|one-sentence|self|self-|"
    r"background|career|cv|resume|professional|personal|elevator|(?:30|thirty|60|sixty|90|one|two)"
    r"[- ](?:second|minute|word|line|sentence))"
)

_REQUESTS = (
    # "tell the room a bit about yourself"
    r"tell(?:ing)? (?:me|us|everyone|everybody|them|people|the [\w-]+) (?:a (?:little|bit|"
    r"little bit|few things) |a bit more |"
    rf"something |some things |more |a little more |everything |all )?(?:about|of) {_SELF}",
    rf"tell(?:ing)? (?:me|us) (?:your|about your) (?:{_MOD})?(?:story|background|bio|pitch|"
    r"elevator pitch|career story)",
    rf"(?:hear|know|learn|read) (?:a (?:little|bit|little bit) |a bit more |something |more |"
    rf"a little more )?(?:about|of) {_SELF}",
    rf"introduc(?:e|ing) (?:yourself|you)(?: to (?:me|us))?{_AUDIENCE}",
    rf"(?:describe|describing|summari[sz]e|summari[sz]ing|sum up|summing up|outline|recap|"
    rf"pitch|pitching|sell|selling|present|explain|share|walk (?:me|us) through|run (?:me|us) "
    rf"through|take (?:me|us) through|talk (?:me|us) through|go (?:through|over)|run over|"
    rf"give (?:me|us) "
    rf"(?:a tour of|a rundown of|the rundown on)) {_SELF}{_AUDIENCE}",
    r"get to know (?:you|yourself|each other)(?: (?:better|a bit|a little|a bit better))?",
    r"write (?:me |us )?(?:a |an |some |a few |a couple of |two |three |\d+ )?(?:short |quick |"
    r"brief )?(?:(?:lines?|sentences?|words|paragraphs?) (?:introducing|about|on|describing) "
    r"(?:yourself|you)|(?:bio|intro|blurb|introduction)(?: (?:about|on|of) (?:yourself|you))?)",
    # "write a one-line headline about yourself", "do a quick self-intro"
    rf"write (?:me |us )?(?:a |an |some |your )?(?:{_BLURB_MOD} ){{0,2}}{_BLURB}s? (?:introducing|"
    r"about|on|of|describing) (?:yourself|you)",
    rf"do (?:me |us )?(?:a |an )?(?:{_BLURB_MOD} ){{0,2}}(?:self[- ]?)?(?:intro|introduction)"
    r"(?: for (?:me|us))?",
    # "background summary", "one-liner bio", "a quick self-intro about you"
    rf"(?:your |a |an |the |some )?(?:(?:{_BLURB_MOD} ){{1,2}}{_BLURB}|self[- ]?intro(?:duction)?)"
    rf"(?: (?:of|on|about) {_SELF})?",
    # "some context on who you are", "a few details about yourself"
    r"(?:give (?:me |us )?|share |provide )?(?:some |a bit of |a little |a few |more )?(?:context|"
    rf"info|information|details|background info) (?:on|about|of|regarding) (?:{_SELF})",
    r"sum (?:yourself|you) up",
    r"(?:sell|pitch) (?:me|us) on (?:you|yourself)",
    rf"(?:can|could|may) (?:i|we) (?:get|have|see|hear|read|grab|ask for|take a look at|look at) "
    rf"(?:{_YOURS}|{_GIVE_WHAT}(?: (?:of|on|about) {_SELF})?)",
    rf"(?:give|giving|send|sending|show|share with|share|sharing) (?:me |us )?{_GIVE_WHAT}"
    rf"(?: (?:of|on|about|for) (?:{_SELF}|who you are|what you do))?",
    rf"(?:give|giving|send|sending|show|share with|share|sharing) (?:me |us )?{_YOURS}",
    rf"share {_GIVE_WHAT}(?: (?:of|on|about) {_SELF})?",
)
_QUESTIONS = (
    # "what's your background?", "what is your bio?", "what's on your CV?"
    rf"what(?:'s| is| was)? (?:on )?(?:your |the )?{_MOD}{{0,2}}(?:career |professional )?"
    r"(?:background|bio|biography|story|elevator pitch|pitch|profession|line of work|work|"
    r"deal|summary|career summary|experience|cv|resume|trade|vocation|thing|tl;dr|"
    r"professional profile|profile)(?: (?:like|then))?",
    # "what's your gig?", "what's your backstory?", "so what's your job, really?"
    r"what(?:'s| is)? your (?:current |present |main |real |actual )?(?:job|gig|day job|occupation|"
    r"backstory|back story|one-liner|one liner|field|journey)(?: (?:like|then|really|exactly))?",
    r"what(?:'s| is) your (?:role|position|title|job) (?:at|in) (?:your|the) (?:current )?"
    r"(?:company|firm|organi[sz]ation|workplace|employer|job)",
    r"what (?:company|firm|organi[sz]ation|employer) are you (?:with|at|working (?:for|at))",
    # "what's your headline?", "what would your LinkedIn headline say?"
    r"what(?:'s| is| would| does)? your (?:[a-z]+ )?(?:headline|tagline|one-liner|one liner)"
    r"(?: (?:say|be|read|look like))?",
    r"who (?:employs|hired) you",
    # "what's the deal with you?", "what's the lowdown on you?"
    r"what(?:'s| is) the (?:deal|story|lowdown|low-down|scoop|rundown|tl;dr) (?:with|on|about) "
    r"(?:you|yourself)",
    rf"what(?:'s| is) new with you (?:{_QUAL}|at work)",
    rf"where (?:are you|do you stand) (?:coming from |at |headed |heading )?{_QUAL}",
    # "what do you tell people when they ask what you do?"
    r"what (?:do|would|should) you (?:tell|say to|say)(?: \w+)? (?:when|if) (?:\w+ ){0,2}asks? "
    r"(?:you )?(?:what you do|who you are|about (?:yourself|you))",
    r"what (?:should|do|must|would) (?:i|we) (?:need to )?(?:know|understand) about "
    r"(?:you|yourself)",
    r"how do you (?:pay the bills|earn (?:a|your) living|make (?:a|your) living|make money|"
    r"earn money|make ends meet)",
    r"what (?:are you|have you been) working on",
    # "what do you do?", "what is it you do for a living?", "what u do for work?"
    r"(?:so )?what (?:exactly |actually |currently |is it (?:that )?|is it exactly (?:that )?)?"
    r"(?:do )?you (?:currently |actually |really )?(?:do|doing)(?: exactly)?"
    r"(?: for (?:a living|work|money|your job|a job|your day job)|"
    r" professionally| for a career| workwise| work-wise| career-wise| there| here)?",
    # "what line of work are you in?", "what kind of work do you do?"
    r"(?:what|which) (?:line|kind|sort|type|field|area|lines) of (?:work|job|business|career|"
    r"profession|things|stuff)(?: are you in| do you do| do you have| is yours| are you| you in|"
    r" you do| do you work in| are you working in| do you work on)",
    r"what (?:field|profession|business|trade|area|domain) are you in",
    r"what (?:area|domain) do you work in",
    # "what are you up to professionally at the moment?", "what have you been doing lately?"
    r"what(?:'s| is| are| have|'ve) (?:you (?:been )?)?(?:up to|doing|been up to|been doing)"
    rf"(?:(?: {_QUAL}| for a living)"
    r"(?: (?:these days|nowadays|at the moment|right now|lately|currently|at present|now|"
    r"recently|in your career))?| (?:these days|nowadays|lately|recently))",
    r"what(?:'s| is)? keep(?:s|ing) you busy(?: (?:these days|nowadays|at the moment|lately|"
    r"right now|professionally))?",
    r"what are you (?:all )?about",
    # "who are you?", "who's this?", "who am I talking to?", "whose twin are you?"
    r"(?:and )?you are",
    r"(?:what|which) (?:kind|sort|type) of (?:[\w-]+ ){1,2}are you",
    r"who (?:are |were |r )?you(?: (?:exactly|then|anyway|really|again|professionally|in (?:one|a "
    r"few|two|three) (?:sentences?|words?|lines?)))?",
    r"(?:who's|who is) (?:this|that|there|this twin|this bot|speaking|talking|it)",
    r"who (?:am i|are we|is this|do i have the pleasure of|do we have the pleasure of) "
    r"(?:talking|speaking|chatting|messaging|texting) (?:to|with)(?: (?:right now|here|now))?",
    r"who(?:'s| is) (?:on )?the other (?:end|side)(?: of (?:this|the) (?:chat|line|conversation))?",
    r"whose (?:digital )?twin (?:are you|is this)",
    r"(?:you|yourself) in (?:a nutshell|one (?:sentence|line|word)|(?:a few|three|3) words)",
    rf"(?:tl;dr|summary|overview|intro|introduction|short version) (?:of|on) {_SELF}",
    rf"(?:your )?(?:{_MOD})?(?:bio|elevator pitch|intro|introduction|cv|resume|background)",
    rf"your (?:{_MOD})?(?:journey|story|backstory|career)",
)
_CLAUSE = re.compile(rf"^{_ASK}(?:{'|'.join([*_REQUESTS, *_QUESTIONS])})$")
_SPLIT = re.compile(r"\s*(?:[.!?;:,—–]+|\s-\s|\band\b|\bplus\b)\s*")


# The second reading: a question made only of the words people introduce themselves with
# (question and frame words, greetings, "career", "CV", "professionally") that names the
# owner as a whole. Any other word ("fun", "manager", "Python", "first") makes it specific.
_FRAME_TEXT = """
    a an the and or so then but well ok okay also just now right please quick quickly brief
    briefly bit little few some more something anything everything all exactly really actually
    anyway again real short general overall whole own i me my we us our you your yourself yours
    what who whom whose how which where is are am was were be been being do does did doing done
    have has can could would will may might should mind care don won tell telling say talk
    talking speak speaking chat chatting share give send show see get hear know learn let
    curious about of on in to for with through as intro introduce introduction introducing
    describe summarise summarize summary sum up overview outline recap rundown run walk take go
    pitch sell elevator nutshell tl;dr version words word sentence sentences line lines
    second seconds minute minutes one two three 30 thirty sixty background career cv resume bio
    biography story experience profile journey path work working job profession professional
    professionally occupation living make earn kind sort type field area business trade deal
    busy keeps keeping these days nowadays moment recently lately far date
    hi hello hey yo sup morning afternoon evening good nice meet pleased greetings howdy
    mate twin bot digital this here look says like life history person behind human owner got
    provide offer want wanna love interested keen interesting important key speaking name
    identity represent represents at it fill remind catch lol haha lmao wassup current
    currently present role roles position title employer company
"""
_FRAME = frozenset(_FRAME_TEXT.split())
_SIGNAL = re.compile(
    r"\b(?:yourself|background|career|cv|resume|bio|biography|elevator|profession\w*|"
    r"occupation|nutshell|tl;dr|introduc\w*|intro|experience|summar\w*|overview|"
    r"(?:for|make|earn) a living|work as|(?:line|area|field|kind|sort|type) of (?:work|business)|"
    r"(?:short|quick|30-second|thirty-second|one-minute) version|"
    r"(?:person|human|owner) behind|whose (?:\w+ )?(?:twin|profile|bot|cv|resume)|"
    r"your (?:story|deal|pitch|rundown|profile)|about (?:you|yourself)\b|"
    r"who(?:'s| (?:\w+ )?(?:are|is|am|might|were|was)) (?:\w+ )?(?:you|this|i|we|it|that)\b|"
    r"who you (?:are|is)|what (?:(?:exactly|actually|is|it|that|do|does|have) ){0,3}"
    r"(?:would you say )?you (?:do|done)\b|\bowner\b|your (?:work|job) about|"
    r"(?:are you|you're|you are|have you been) "
    r"(?:doing|up to) (?:\w+ )?(?:these days|nowadays|lately|professionally|for work|workwise)|"
    r"who (?:do|does) (?:you|this \w+) represent|"
    r"whose twin)"
)
# "What do you do in your present job?" asks for the duties of the job, not who I am; "do you
# like what you do?" asks for a taste; "what do you do with it?" follows up on something said.
_IN_JOB = re.compile(
    r"\b(?:in|at) (?:your|the) (?:\w+ )?(?:job|work|role|position)\b|"
    r"\b(?:with|about|of|on|in|for) (?:it|that|this)\b|"
    r"\byou (?:really )?(?:like|love|enjoy|hate)\b"
)
# "tell me about you and your brother": me with someone or something else.
_AND_ANOTHER = re.compile(
    rf"\b(?:you|yourself) (?:and|&) (?:your|ur) (?!{_MOD}{{0,2}}(?:career |professional )?"
    rf"{_NOUN}\b)\w+"
)
_STRONG = re.compile(r"\b(?:yourself|background|career|cv|resume|bio|story|pitch|introduc\w*)\b")
_SUPPOSE = re.compile(
    r"\b(?:if|imagine|suppose|supposing|pretend|hypothetically)\b|"
    r"\byou (?:really )?(?:like|love|enjoy|hate)\b(?! to)"  # a taste: "do you like what you do?"
)
_POLITE = re.compile(r"\bi(?:'d| would) (?:love|like|want) (?:you )?to\b|\bbeen like\b")
# "..., if you don't mind me asking": politeness, not a supposition.
_POLITE_IF = re.compile(
    r"[\s,]*\bif (?:you don't mind(?: (?:me|my) asking)?|i (?:may|might|can) ask|that's "
    r"(?:ok|okay|alright|fine)|possible|you (?:can|could|would|will))(?=[\s,.!?]*$|[\s]*[,.!?])"
)
# "If you had one minute to sell me on you, ...", "if someone asked you what you do, ...": the
# setting of a self-introduction; what follows it is the request.
_IF_ASKED = re.compile(
    r"^if (?:you (?:had|have|were|got) (?:to |(?:only |just )?(?:one|a|an|two|three|five|ten|"
    r"thirty|sixty|\d+|a few|a couple of) (?:[\w-]+ ){0,2}to )|(?:someone|somebody|i|we|"
    r"(?:a|an|your|my|the) [\w-]+|people|anyone|they|you) (?:asked|asks|ask|were to ask|had to) "
    r"(?:you |me |us |him |her |them )?(?:to )?)"
)
# "career-wise, what are you up to?" is "what are you up to career-wise?"
_QUAL_FIRST = re.compile(rf"^({_QUAL})[\s,]+(.+?)[\s?.!]*$")
_QUAL_LAST = re.compile(rf",\s*({_QUAL})(?=[\s?.!]*$)")


def _framed(text: str) -> bool:
    """Is `text` only frame words, and does it name the owner as a whole?"""
    text = _POLITE.sub(" been ", text)
    words = [w.split("'")[0] for w in re.findall(r"[a-z0-9;']+|-", text) if w != "-"]
    words = [w for part in words for w in part.split("-") if w]
    words = [w for w in words if not (w.isdigit() and len(w) <= 2)]  # "a 2-minute pitch"
    if not words or not all(w in _FRAME for w in words) or _IN_JOB.search(text):
        return False
    return bool(_SIGNAL.search(text))


# "Introduce yourself as if I were hiring", "how would you pitch yourself to a recruiter?": a
# request about yourself, then the setting it is for.
_ABOUT_YOURSELF = re.compile(
    rf"^(?:{_ASK}|how (?:would|do|should|might|will) you )(?:introduce|describe|summari[sz]e|"
    r"pitch|sell|present) yourself (?:as if|as though|as|to|at|for|in|like|the way|before|when)\b"
)
# "Hi Maya, ...", "hey Maya what do you do": the owner's name said in a greeting.
_GREETING_NAME = re.compile(
    r"^(\s*(?i:hi|hiya|hello|hey|heya|dear|yo|morning|good (?:morning|afternoon|evening))"
    r"[\s,!]+)([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)\b"
)


def _without_name(question: str) -> str:
    """The question without a name said in its greeting ("hey Maya, who are you?")."""
    found = _GREETING_NAME.match(question)
    if not found:
        return question
    if any(w.lower() in _FRAME for w in found.group(2).split()):
        return question  # "Hey Tell me about yourself": not a name
    return found.group(1) + question[found.end() :]


def _clause_is_opener(clause: str) -> bool:
    clause = _LEAD_RE.sub("", clause.strip(" '\"()"))
    supposed = _IF_ASKED.match(clause)
    if supposed:  # "if you had to explain your job to your grandma"
        rest = clause[supposed.end() :]
        return bool(re.fullmatch(rf"(?:about )?{_SELF}", rest)) or _clause_is_opener(rest)
    if _ABOUT_YOURSELF.search(clause):
        return True
    bare = _TAIL_RE.sub("", clause).strip()
    return any(c and _CLAUSE.match(c) for c in (clause, bare))


@lru_cache(maxsize=512)
def is_opener(question: str) -> bool:
    """Does the question ask the owner to introduce themselves (who they are, what they do,
    their background, career, CV, bio, story or pitch) rather than something specific?"""
    text = _POLITE_IF.sub("", texting(question)).replace("tl;dr", "tl~dr")
    if _AND_ANOTHER.search(text):  # "tell me about you and your brother"
        return False
    text = _QUAL_LAST.sub(r" \1", _QUAL_FIRST.sub(r"\2 \1", text, count=1))
    clauses = [c.replace("tl~dr", "tl;dr") for c in _SPLIT.split(text)]
    written = _POLITE_IF.sub("", texting(_SYMBOLS.sub(" . ", question)))
    if whole_person_asked(written):
        return True  # the shape: a request about me as a whole, nothing narrower left
    # A clause the phrase rules take, unless something narrower is left in it: "describe
    # yourself in the kitchen", "tell me who you are working with".
    clauses = [c for c in clauses if c and not narrower_left(c)]
    if _SUPPOSE.search(text):  # "if you had a million pounds, what would you do?"
        strong = (c for c in clauses if _STRONG.search(c) or _IF_ASKED.match(_LEAD_RE.sub("", c)))
        return any(_clause_is_opener(c) for c in strong)
    if any(_clause_is_opener(c) for c in clauses):
        return True
    if _IN_JOB.search(text) or _BACKGROUND_OF.search(text) or narrower_left(written):
        return False  # "do you like your job and what you do?"
    return any(_framed(c) for c in [*clauses, text] if c)


_WORD_NAMES_TEXT = "will may can mark grace hope joy frank rich sue pat bill art"
_WORD_NAMES = frozenset(_WORD_NAMES_TEXT.split())


def second_person(question: str, name: str) -> str:
    """The question with the owner's name said as "you" ("who is Maya?", "what does Maya
    Okafor do?", "tell me about Maya's background"), so it is read as asked to the twin."""
    parts = name.split()
    if not parts:
        return question
    first = [] if parts[0].lower() in _FRAME | _WORD_NAMES else [parts[0]]  # "Will you ...?"
    names = "|".join(re.escape(n) for n in dict.fromkeys([" ".join(parts), *first]))
    text = re.sub(rf"\b(?:{names})(?:'s|’s)", "your", question)
    return re.sub(rf"\b(?:{names})\b", "you", text)


# Wordings that start like an introduction and then name one part of the owner's life, or
# someone else: "who are you voting for?", "what's your background in machine learning?",
# "introduce me to your cofounder", "how would you describe your management style?".
_SOMEONE_ELSE = re.compile(
    r"\bwho (?:are|were) you (?!working for\b|employed by\b)\w+ing\b|"
    # "who are you inspired by?", "who are you closest to?": someone else, by how I relate to them
    r"\bwho (?:are|were) you (?!working for\b|employed by\b)(?:\w+ ){0,2}(?:by|to|with|for|from|"
    r"about|on|of)\b(?! (?:a|the) (?:stranger|recruiter|hiring manager)\b)|"
    r"\bintro(?:duce|duction)?(?: (?:me|us))? (?:to|with) (?!you\b|yourself\b)|"
    r"\bintroduce (?:me|us)\b"
)
_PART_OF = re.compile(
    rf"\byour {_MOD}{{0,2}}(?:story|background|deal|backstory|history|experience|journey) "
    r"(?:with|in|at|behind|on|using|regarding|around|as|of) (?!(?:short|brief|general|a nutshell|"
    r"a few|one|two|three|a|\d+|the (?:making|beginning|start))\b)\w"
)
# "... about yourself outside of work", "something about you that isn't on your CV", "what do
# people get wrong about you?": one side of me, or what others think of me.
_ABOUT_SIDE = re.compile(
    r"\babout (?:you|yourself)\b,? (?:that|which|outside|besides|apart|other than|beyond|away from|"
    r"people|not|nobody|no one|we|i|most|few)\b|"
    r"\b(?:people|others|they|folks|colleagues|coworkers|friends|nobody|no one|everyone|most "
    r"people) (?:\w+ ){0,3}about (?:you|yourself)\b"
)
# "your background noise", "is your background mostly in startups?": "background" naming
# something else, or a yes/no question about one property of my background or CV.
_BACKGROUND_OF = re.compile(
    r"\byour (?:\w+ )?background (?:noise|music|sounds?|images?|pictures?|photos?|wallpaper|"
    r"colou?rs?|checks?|screening|process(?:es)?|tasks?|jobs?|workers?|threads?)\b|"
    r"^(?:so |and |but )?(?:is|was|are|were|has|have|does|did) your (?:\w+ )?(?:background|"
    r"career|experience|story|cv|resume|bio|profile)\b"
)
_DESCRIBED = re.compile(
    rf"\b(?:describe|explain|summari[sz]e|sum up) (your [\w' -]+?)(?:{_AUDIENCE})[\s?.!]*$"
)


def asks_for_part(question: str) -> bool:
    """Does a question worded like an introduction ask for one part of the owner's life, or
    about someone else ("what's your story with Python?", "who are you voting for?",
    "describe your ideal workplace")? The open question "about me" does not answer it."""
    if is_opener(question):
        return False
    text = texting(question)
    if _SOMEONE_ELSE.search(text) or _PART_OF.search(text) or _ABOUT_SIDE.search(text):
        return True
    if _AND_ANOTHER.search(text):
        return True
    if _BACKGROUND_OF.search(text) or narrower_left(text):
        return True
    described = _DESCRIBED.search(text)
    return described is not None and not re.fullmatch(_YOURS, described.group(1))
