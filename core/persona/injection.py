"""Attempts to change the twin's rules or role, or to pull out its prompt or hidden data: they
are answered like any question (the model's rules hold) but counted apart and never filed as a
gap or sent to the owner as a card.

An attempt is read by its structure, not by a list of known sentences:
- the twin's setup set aside: a verb of setting aside ("ignore", "drop", "never mind") put to
  the twin, aimed at what it runs on ("your instructions", "the rules above", "restrictions");
  a question about the owner's habits ("when do you ignore the rules?") is not one;
- the setup taken: a verb of showing ("print", "repeat", "translate", "what were") aimed at the
  twin's own instructions, prompt or configuration, or the text above this message; the owner's
  rules *for* something ("your rules for code review") are not;
- another mode or role: a mode switched on ("enable developer mode"), "you are now an AI
  with no rules", "act as an unfiltered assistant", DAN;
- a claim of authority (a system/admin line, a chat-template token, "I am your developer")
  with a demand (private data, the rules set aside, the setup shown);
- the same in other languages (es, fr, de, it, pt, nl, ru, uk, pl, tr, sv, zh, ja, ko, ar, hi,
  vi, id): a verb of setting aside with a word for instructions/rules/prompt, or a hidden,
  earlier or system prompt named;
- two kinds of thing an attempt is made of together (its setup named, the rules set aside,
  another role, a claim of authority, taking what is withheld).
Every pattern reads the question as typed and with its disguises undone (`disguises`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from core.persona.disguises import readings

__all__ = ["declines_attempt", "is_injection"]

# --- English: the words the structures are made of -------------------------------------------

_ASIDE = (
    r"(?:ignore|disregard|forget|override|overrule|bypass|circumvent|skip|drop|discard|abandon|"
    r"ditch|scrap|cancel|suspend|disable|deactivate|erase|wipe|unlearn|break|bend|lift|leave|"
    r"exit|"
    r"(?:turn|switch|shut) off|(?:step|get|break) out of|"
    r"(?:set|put|cast|throw|toss) (?:aside|away|out)|get (?:rid of|around|past)|work around|"
    r"never ?mind|(?:no longer|stop|quit|cease) (?:follow(?:ing)?|obey(?:ing)?|apply(?:ing)?)|"
    r"(?:do not|don't|dont) (?:follow|obey|apply|listen to|stick to|adhere to))"
)
# what the twin runs on, named well enough by the noun alone
_SETUP = (
    r"(?:instructions?|prompts?|guidelines?|directives?|guardrails?|constraints?|"
    r"restrictions?|limitations?|filters?|filtering|safeguards?|programming|conditioning|"
    r"rules?|guidance|directions|polic(?:y|ies)|censorship|moderation|safety(?: \w+)?|"
    r"privacy(?: mode| settings| rules| filters?| protections?| checks| stuff)?|protections?|"
    r"ethics|morals|"
    r"character(?! (?:limits?|counts?|sets?|encoding|design|development|arcs?|traits?))|"
    r"(?:system|initial|setup|hidden) (?:message|text)|the above|"
    r"(?:everything|anything|all|what) (?:above|before|earlier|previously|so far|"
    r"you (?:were|have been|'ve been) told))"
)
# ... and nouns that are the twin's only when said to be ("your persona", "previous context")
_SETUP_WEAK = (
    r"(?:persona|role|character|context|training|settings|configuration|config|limits|"
    r"boundaries|principles|protocols?|commands|orders|preamble|setup|ethics|morals|alignment|"
    r"conversation|chat|messages?)"
)
_OWN = (
    r"(?:your|ur|yr|its|the (?:bot|ai|assistant|twin)'?s|previous|prior|earlier|above|"
    r"preceding|former|original|initial|hidden|secret|underlying|system|default|existing)"
)
_IS_EARLIER = re.compile(
    r"\b(?:previous|prior|earlier|above|preceding|former|original|initial|system|hidden)\b"
)
# a question about what the owner does, not an order to the twin
_DESCRIPTIVE = re.compile(
    r"\b(?:do|does|did|have|has|had|when|whenever|why|how|ever|would \w+ ever|a time|times)\s+"
    r"(?:you|they|people|engineers|we|i|one|someone)\b[\w\s']{0,25}$",
)
_SET_ASIDE = re.compile(
    rf"\b{_ASIDE}\b(?P<what>[\w\s,'-]{{0,40}}?\b(?:{_SETUP}|{_OWN}\b[\w\s-]{{0,20}}?"
    rf"\b{_SETUP_WEAK})\b)",
)

_SHOW = (
    r"(?:show|print|reveal|repeat|output|display|dump|leak|list|spell(?: out)?|recite|quote|"
    r"copy|paste|echo|expose|disclose|divulge|share|give|tell|say|state|write(?: out| down)?|"
    r"read(?: out| back)?|summari[sz]e|paraphrase|translate|describe|explain|type(?: out)?|"
    r"return|provide|send|post|reproduce|enumerate|view|see|what(?:'s| is| are| was| were)|"
    r"which are)"
)
_OWN_SETUP = (
    r"(?:your|ur|yr|the (?:bot|ai|assistant|twin)'?s)\s+(?:(?:full|whole|current|exact|"
    r"entire|complete|internal|hidden|secret|initial|original|real|actual|system|bot|base|"
    r"default|core|underlying|own|usual|first|starting|opening)\s+){0,2}"
    r"(?:(?:instructions|prompt|system message|guardrails|directives|initial message|"
    r"setup (?:text|message)|pre-?prompt|preamble|context window)\b"
    # prompt engineering, and the instructions the owner gives people, are the owner's work
    r"(?!\s+(?:for|to|engineering|design|writing|library|templates?|skills?|experience|"
    r"course|class)\b)|"
    r"(?:configuration|config|context|guidelines|rules|restrictions|constraints|filters|"
    r"policy)\b"
    # the owner's rules *for* something are the owner's work
    r"(?!\s+(?:for|to|on|of|in|when|at|with|around|regarding|as|like|about)\b))"
)
# the same nouns, said to be the twin's, are an attempt without a verb ("who wrote your prompt?")
_YOUR_SETUP = re.compile(
    r"\b(?:your|ur|yr|the (?:bot|ai|assistant|twin)'?s)\s+(?:(?:full|whole|current|exact|"
    r"entire|complete|internal|hidden|secret|initial|original|real|actual|system|bot|base|"
    r"default|core|underlying|own|usual|first|starting|opening)\s+){0,2}"
    r"(?:instructions?|prompts?|system message|guardrails?|directives?|pre-?prompt|preamble)\b"
    r"(?!\s+(?:for|to|engineering|design|writing|library|templates?|skills?|experience|"
    r"course|class|on how)\b)"
)
_TAKE_SETUP = re.compile(
    rf"\b{_SHOW}(?:ing|s)?\b[\w\s,'-]{{0,40}}?\b{_OWN_SETUP}|"
    # "write out the guidelines you follow", not "the rules you follow when managing a team"
    rf"\b{_SHOW}\b[\w\s,'-]{{0,30}}?\b(?:rules|guidelines|instructions|policies|restrictions)\s+"
    r"(?:that\s+)?you (?:follow|obey|use|apply|operate under|abide by)\b(?!\s+(?:when|for|at|"
    r"in|on|during|while|as|with|to)\b)|"
    # an order to show the setup, whoever's it is said to be ("print the prompt")
    rf"(?:^|[.!?;:,]\s*|\band\s+|\bplease\s+|\bnow\s+){_SHOW}\s+(?:me\s+|us\s+)?(?:the\s+|"
    r"this\s+|that\s+|all\s+|every\s+)?(?:(?:full|whole|entire|system|initial|original|exact|"
    r"complete|hidden|secret|current)\s+)*(?:prompt|instructions|configuration|config|"
    r"guardrails|directives|system message|rules|restrictions)\b(?!\s+(?:of|for|to|on|in|at|"
    r"about|when|engineering|design)\b)",
    re.M,
)

# instructions someone else gave the owner ("the instructions you got from your manager")
_THIRD = (
    r"(?!\s+(?:from|by|at|in|during|on)\s+(?:your|my|a|an|the|his|her|their)\s+(?:\w+\s+)?"
    r"(?:manager|boss|mentor|teacher|parents?|coach|team|lead|professor|colleague|friend|"
    r"doctor|recruiter|interviewer|client|customer|company|employer|job|school|course)\b)"
)
# ... or somewhere else: "told to say at Acme", not "told to say in this chat"
_ELSEWHERE = (
    r"(?![\w\s]{0,25}\b(?:at|in|on|during|by|from)\s+(?!this (?:chat|conversation)|the "
    r"(?:chat|conversation|bot|twin|assistant|(?:start|beginning|top)\b(?! of)))\w)"
)
_NAMED_PARTS = [
    # the twin's setup named as only its setup is
    r"\bsys(?:tem)?[\s_-]*(?:prompt|message|instructions?|directives?|rules|config\w*)\b",
    r"\b(?:hidden|secret|pre|meta|confidential|underlying|developer|opening)[\s-]"
    r"(?:prompt|instructions?|directives?|system message)\b",
    r"\b(?:your|ur|its) (?:\w+ )?(?:initial|original|first|starting|full|exact|"
    r"complete|real|actual|internal|core|base) (?:prompt|instructions|directives|"
    r"guidelines|rules|configuration|message)\b",
    r"\b(?:instructions?|rules|prompt|guidelines|directives|guardrails|text|message|"
    r"words|script|orders|directions)\s+(?:that\s+)?you(?:\s*,[\w\s]{0,20},)?\s+"
    r"(?:(?:were|have been|'ve been|are|have|had been|got)\s+)?(?:given|told|fed|"
    r"handed|programmed|configured|set up|trained|provided|instructed|loaded|bound|"
    r"received|got)\b" + _THIRD,
    r"\b(?:instructions?|rules|prompt|guidelines|directives|guardrails|restrictions|"
    r"constraints|limits|limitations|filters)\s+(?:that\s+)?you(?:'ve| have| had| were| "
    r"are| got)?(?:\s+been)?\s+(?:given|created with|built with|made with|set up with|"
    r"configured with|programmed with|trained with|fed)\b" + _THIRD,
    r"\b(?:restrictions|limits|limitations|constraints|rules|filters|guardrails)\s+"
    r"(?:that\s+)?(?:are\s+|were\s+|have been\s+)?(?:placed|imposed|put|set)\s+on\s+you\b",
    r"\b(?:rules|instructions|guidelines|restrictions)\s+(?:that\s+)?you\s+(?:have to|"
    r"must|need to|are (?:required|supposed|meant) to)\s+(?:follow|obey|stick to|abide by)"
    r"\b" + _ELSEWHERE,
    r"\b(?:programm?e?d?|configured?|primed?)\s+you\s+(?:to|with|for)\b|"
    r"\b(?:they|the developers?|your (?:makers?|creators?|developers?|owner|programmers?|"
    r"operators?)|the (?:owner|admins?|company that (?:built|made) you))\s+(?:\w+\s+)?"
    r"(?:instruct(?:ed)?|tell|told|train(?:ed)?|design(?:ed)?|buil[dt]|create[d]?|"
    r"set|ask(?:ed)?|want(?:ed)?)\s+you\s+(?:up\s+)?to\b",
    r"\b(?:rules|instructions|guidelines|restrictions|prompt|directives)\s+(?:did|do|has|"
    r"have)\s+(?:the|your)\s+(?:developers?|creators?|owner|makers?|admins?|programmers?|"
    r"operators?)\s+(?:give|set|write|provide|put)\b",
    r"\bhow (?:were|are|have) you (?:been )?(?:set up|configured|programmed|instructed|"
    r"prompted|primed)\b|\bwho (?:wrote|made|set|created|designed|configured) your\b",
    r"\b(?:written|stored|saved|hidden|contained) (?:in|inside|within) your (?:\w+ )?"
    r"(?:system|prompt|instructions|setup|config(?:uration)?|context|programming|rules)\b",
    r"\bwhat (?:can you not|can't you|cannot you|won't you|are you not allowed to|aren't "
    r"you allowed to) (?:tell|say|share|discuss|reveal|answer)(?: me| us)?\s*(?:[?.!]|and "
    r"why|$)",
    r"\b(?:the|your) (?:secret |hidden )?(?:password|passphrase|secret word|secret key|"
    r"api key|access code|passcode)\b(?!\s+(?:manager|policy|policies|hygiene|strategy|"
    r"habits|rules|reset))|\baccess granted\b",
    r"\b(?:forget|ignore|disregard)\s+everything\b(?!\s+(?:about|you know about|i said "
    r"about|else))",
    r"\b(?:your|previous|prior|all|earlier|original|existing|old)\b[\w\s]{0,25}"
    r"\b(?:instructions|rules|restrictions|guidelines|filters|guardrails|constraints|"
    r"prompt)\s+(?:are|is|have been|has been|were)\s+(?:now\s+)?(?:cancell?ed|"
    r"canceled|void|revoked|null|overridden|suspended|lifted|disabled|off|gone|removed|"
    r"deleted|obsolete|invalid|replaced|superseded|no longer (?:valid|in effect|active))"
    r"\b|\b(?:instructions|rules|restrictions|guidelines) (?:\w+ )?no longer apply\b",
    r"\b(?:instructions|guardrails|directives|prompt)\s+you\s+(?:follow|obey|operate "
    r"under|run on|were configured|were programmed)\b",
    r"\b(?:configured|programmed|set up|initiali[sz]ed|primed) with\b[\w\s]{0,20}"
    r"\b(?:instructions|rules|prompt)\b",
    r"\bwhat (?:were|was|have|had|did|are) you (?:been |get )?(?:told|instructed|given|"
    r"programmed|configured|fed)\b(?!\s+(?:at|in|during|when|after|as|on|while|by "
    r"(?:your|my|a|an|the) (?:manager|boss|mentor|teacher|parents?|coach|team|lead|"
    r"professor|colleague|friend|doctor|recruiter|interviewer))\b)" + _ELSEWHERE,
    # the text before the question
    r"\b(?:text|words|everything|message|messages|content|lines?|sentences?)\s+"
    r"(?:above|before|prior to)\s+(?:this|my|here|that|the (?:question|message))\b|"
    r"\b(?:everything|all|text|words)\s+(?:above|before|prior to|preceding)\s+[\"'“‘]",
    r"\b(?:above|before) this (?:line|message|point)\b",
    r"\b(?:repeat|print|output|copy|echo|quote|translate|summari[sz]e)\b[\w\s,']{0,30}"
    r"\b(?:text|words|everything|lines?|all|instructions|message) (?:above|so far)\b",
    r"\b(?:top|start|beginning) of (?:this|the|your) (?:chat|conversation|thread|"
    r"context|prompt)\b",
    r"\bfirst (?:message|lines?|words|\d+ words) (?:in|of) (?:this|the|your) "
    r"(?:conversation|chat|context|prompt|instructions)\b",
    r"\bcontext window\b|\bbefore this conversation\b|\bexact wording of your\b",
    r"\bstart(?:ing)? with [\"'“‘]?you are\b",
    r"\b(?:invent|make up|fabricate)\b[\w\s]{0,40}\binstead of\b",
    # the end of the question and a new message, said in the text
    r"\bend of (?:the )?(?:user )?(?:input|prompt|message|query|question)\b",
    r"\b(?:assistant|ai|bot|model|new|updated|system|hidden|secret|real) "
    r"(?:instructions?|rules|directives?|policy|task)\s*[:=\-]",
    r"\bnew (?:\w+ )?(?:rules?|instructions?)\s*[:\-]|^\s*new rules?\b|"
    r"\bnew (?:rules|instructions) (?:follow|below|are|supersede|apply)\b",
    r"\b(?:hidden|private|withheld|redacted) (?:profile )?fields?\b",
    r"\bverbatim\b|\bword for word\b",
    # what the setup says, who wrote it, what it governs, what replaces it
    r"\byour (?:[\w-]+ )?(?:instructions|prompt|directives|guardrails|preamble|"
    r"configuration|system message) (?:say|says|said|contain|contains|read|reads|"
    r"look like|looks like|state|states|include|includes|mention|mentions)\b",
    r"\b(?:in|inside|within|from) your (?:[\w-]+ )?(?:instructions|prompt|directives|"
    r"guardrails|preamble|system message)\b",
    r"\b(?:everything|anything|all|what|whatever) (?:that )?you (?:were|have been|'ve "
    r"been) (?:told|instructed|programmed|configured)\b" + _THIRD,
    r"\b(?:guidance|instructions|rules|prompt|guidelines|directives|text|orders)\s+"
    r"(?:that\s+)?(?:the |your )?(?:developers?|creators?|makers?|owner|admins?|"
    r"programmers?|operators?|they|someone|openai|anthropic)\s+(?:gave|give|wrote|set|"
    r"fed|told|provided|handed|put)\s+(?:to\s+)?you\b",
    r"\b(?:developers?|creators?|makers?|programmers?|operators?) (?:gave|wrote|set|"
    r"fed|provided|handed|configured|programmed|loaded|put in) "
    r"(?:to |in |into )?(?:you|your)\b",
    r"\b(?:rules|instructions|guidelines|polic(?:y|ies)|constraints|restrictions)\s+"
    r"(?:that\s+|which\s+)?(?:govern|control|shape|limit|restrict|guide|define|determine|"
    r"bind|constrain)\s+(?:your|how you) (?:answers?|responses?|replies|behaviou?r|"
    r"output|answer|respond|reply|behave)\b",
    r"\binstead of (?:following |obeying )?(?:your|the|its) (?:\w+ )?(?:instructions|"
    r"rules|guidelines|prompt|programming|directives)\b|\bobey (?:me|only me|my "
    r"(?:commands|orders|instructions|rules))\b",
    r"\b(?:privacy|safety|filters?|restrictions|guardrails|censorship)\s+(?:mode\s+)?"
    r"(?:is\s+|are\s+)?(?:now\s+)?(?:off|disabled|deactivated|lifted)\b",
    # what the twin was told to do or avoid, what it may not say, what it runs on
    r"\byou are not (?:supposed|allowed|permitted|meant) to (?:tell|say|share|reveal|disclose|"
    r"discuss|talk about|show)\b" + _ELSEWHERE,
    r"\b(?:you|u)\s+(?:were|are|have been|'ve been|got)\s+(?:told|instructed|"
    r"programmed|configured|ordered|designed|trained|set up|built|made|asked)\s+"
    r"(?:not\s+)?to\s+(?:avoid|not|never|refuse|hide|withhold|keep|say|answer|respond|"
    r"reply|act|behave|decline|only|pretend|talk|speak|follow|obey|protect|guard|play|do|"
    r"handle|treat)\b" + _ELSEWHERE,
    r"\b(?:were|are|have) you (?:been )?(?:told|instructed|programmed|configured|ordered|"
    r"designed|trained)\s+(?:not\s+)?to\s+(?:avoid|never|not|refuse|hide|withhold|decline|"
    r"pretend|keep (?:\w+ )?(?:secret|private|hidden))\b" + _ELSEWHERE,
    r"\b(?:persona|role|character)\s+(?:that\s+)?you(?:'ve| have| were| are)?\s+"
    r"(?:been\s+)?(?:asked|told|instructed|programmed|made|designed|configured|given)\s+to\s+"
    r"(?:play|be|act|adopt)\b" + _ELSEWHERE,
    r"\bwhat (?:are|aren't|can't|won't|are you not|can you not) (?:you )?(?:not )?"
    r"(?:allowed|permitted|supposed|meant) to (?:say|tell|share|talk about|discuss|"
    r"reveal|answer|mention|disclose)\b(?![\w\s]{0,20}\b(?:at|in) (?:work|your|the)\b)|"
    r"\b(?:forbidden|off-limits|prohibited|banned|restricted) (?:topics|subjects|"
    r"questions)\b|\btopics? (?:you(?:'re| are)?|that you) (?:can't|cannot|must not|"
    r"mustn't|are not allowed to|aren't allowed to|won't|refuse to) (?:discuss|talk about|"
    r"answer|mention)\b",
    r"\b(?:which|what)\s+(?:\w+\s+)?(?:llm|large language model|language model|ai model|"
    r"gpt(?:-?\d\w*)?|foundation model|base model)\s+(?:are you\b(?! using)|is "
    r"(?:this|behind)|powers (?:you|this)|do you run on|are you (?:running on|based on|"
    r"built on))\b|"
    r"\bwhat model (?:are you|powers you|is behind you)\b",
    r"\bhidden (?:text|message|notes?|context|instructions)\b",
    r"\b(?:dump|print|reveal|output|export|display|leak)\s+(?:me\s+)?(?:(?:all|the|your|"
    r"every|of)\s+)*(?:memory|memories|conversation (?:history|logs?)|chat "
    r"(?:history|logs?)|logs)\b(?!\s+(?:techniques?|tricks?|skills?|of (?:your|my) "
    r"(?:career|childhood)))",
    r"\b(?:other|previous|earlier|last) (?:users?|members?|visitors?) (?:have |had )?"
    r"(?:ask|asked|say|said|tell|told|write|wrote|send|sent)\b(?! me\b)|\bthe (?:last|"
    r"previous|other) (?:user|person|visitor|member) (?:ask|asked|say|said|wrote)\b",
    r"\b(?:respond|reply|answer|end|start|begin) (?:to )?(?:every|each|all|any) (?:of "
    r"(?:my|the) )?(?:questions?|messages?|answers?|replies|prompts?) (?:with|by)\b",
    r"\bi have been pwned\b|\bpwned\b|\brepeat after me\b",
    r"\b(?:after|from|beginning with|begins with|starts with) [\"'“‘]you are\b",
    # the profile or document as data, the machinery's settings, commands to run
    r"\b(?:dump|paste|print|show|output|list|give me|send|export|copy|display|reveal)\s+"
    r"(?:me\s+)?(?:(?:the|your|all|every|of|whole|full|entire|complete|raw)\s+)*"
    r"(?:(?:raw|json|yaml|xml|source|underlying)\s+)(?:\w+\s+)?(?:profile|document|file|"
    r"data|facts|fields|text|of)\b|\b(?:profile|document|file|data|facts|text|context)\s+"
    r"(?:that\s+)?you (?:loaded|were given|were fed|answer from|read from|draw from|"
    r"have access to|are given|receive|got)\b|\b(?:dump|paste|export)\s+(?:me\s+)?(?:the|"
    r"your|all|whole|full|entire)\s+(?:\w+\s+)?(?:profile|document|file|data|"
    r"database)\b|\bincluding (?:the )?(?:private|hidden|withheld|secret|confidential)"
    r"(?: ones| fields| parts| data| details)?\b|\bfacts (?:section|block)\b",
    r"\b(?:your|ur|the bot'?s|the system'?s)\s+(?:temperature|top[_ -]p|max[_ ]tokens|api[_ -]?"
    r"keys?|environment variables|env vars|model name)\b|\b(?:print|show|dump|reveal|list|"
    r"give me|output|display|tell me)\s+(?:me\s+)?(?:(?:the|your|all)\s+)*(?:api[_ -]?keys?|"
    r"environment variables|env vars|\.env)\b|\b(?:which|what) api[_ -]?key (?:do|are|did) "
    r"you\b|\btemperature setting\b|\bmax[_ ]tokens\b|\bmodel name and provider\b",
    r"\b(?:run|execute|exec|eval)\s*(?:this|the following)?\s*(?:command|code|script|shell|"
    r"python|bash)?\s*:|/etc/passwd|\brm -rf\b|\bls -la\b|\bos\.system\b|"
    r"\bsubprocess\b|__import__",
    r"\b(?:begin|start|end|prefix|open) (?:your|the|each|every) (?:reply|answer|response|"
    r"message)s? with\b|\byour (?:answer|reply|response) (?:must|should|has to|will) "
    r"(?:start|begin|end|contain) with\b|\b(?:always|only) (?:reply|respond|answer|say)\s+"
    r"(?:with\s+)?[\"'“‘]|\b(?:reply|respond|answer|talk|speak|write|act|behave)\s+"
    r"(?:\w+\s+){0,4}from (?:now|this point|here) on\b",
    r"\b(?:rules|instructions|guidelines|restrictions|filters|privacy rules)\s+"
    r"(?:didn't|did not|don't|do not|no longer|wouldn't|won't|doesn't|does not)\s+"
    r"(?:apply|count|matter)\s+(?:to|for)\s+you\b",
    r"\b(?:(?:gave|given|granted|give|grant) (?:you|the (?:bot|twin|assistant)) (?:full |"
    r"explicit |my )?(?:permission|consent|clearance|access|approval)|(?:give|grant) (?:me )?"
    r"(?:admin|root|full|developer|elevated|unrestricted) (?:access|rights|privileges|"
    r"permissions))\b|"
    r"\b(?:you have|i give you|i grant you|here is|here's|with) (?:my |full |the )?"
    r"(?:consent|permission|clearance|authori[sz]ation|approval|blessing)\b|"
    r"\b(?:consent|permission|clearance|authori[sz]ation) (?:is )?(?:granted|given)\b",
    # the text before the member's message, and what the twin was handed before it
    r"\b(?:instructions|message|messages|text|words|prompt|what(?:'s| is| comes| came| was))\b"
    r"[\w\s',]{0,40}\b(?:before|above|prior to|preceding)\s+(?:mine|my (?:first )?(?:message|"
    r"question|prompt|input)|i (?:started|began|arrived|wrote|asked)\b|we (?:started|began)\b)|"
    r"\babove my (?:first )?(?:message|question|prompt)\b|\b(?:in|inside|within) your "
    r"(?:\w+ )?input\b",
    r"\b(?:how|what) (?:were|are|have) you (?:been )?(?:told|instructed|programmed|configured|"
    r"trained|asked)\s+to\s+(?:answer|respond|reply|handle|deal with|treat|talk|behave|act)\b"
    + _ELSEWHERE,
    r"\b(?:quote|recite|repeat|copy|paste|print|show|give me|tell me)\s+(?:me\s+)?(?:the\s+)?"
    r"(?:exact|precise|literal|full|original|actual|verbatim)\s+(?:rule|rules|wording|"
    r"instruction|instructions|text|policy)\b(?!\s+(?:of|from)\b)",
    # the owner's word claimed, the rules said to be gone
    r"\b(?:treat|consider|regard)\s+(?:this|the following|my)\s+(?:\w+\s+)?as\s+(?:coming\s+"
    r")?(?:from|by|if from|if it came from)\s+(?:the\s+|your\s+)?(?:owner|admin|developer|"
    r"system|creator)\b|\bnote to (?:the|this|my) (?:twin|bot|assistant|ai|model)\b|"
    r"\b(?:owner|admin|developer|creator|operator)(?:'s)? (?:instruction|instructions|note|"
    r"message|update|command|notice|order|request)s?\s*[:=-]|\b(?:owner|admin|developer|"
    r"creator) (?:has )?(?:updated|changed|modified|reset|disabled|removed) (?:your|the) "
    r"(?:settings|rules|instructions|config(?:uration)?|privacy|restrictions|filters)\b",
    r"\b(?:rules?|instructions?|restrictions?|guidelines?|privacy|policy|policies|section|"
    r"filters?)\b(?:\s+\w+)?\s+(?:no longer|does not|doesn't|do not|don't)\s+appl(?:y|ies)\b|"
    r"\b(?:private|personal|confidential|hidden) (?:data|info|information|details|fields) "
    r"(?:is|are) now (?:public|shareable|allowed|visible|open)\b|\b(?:privacy|rules|"
    r"restrictions|filters|guidelines|instructions|guardrails|safety)(?: rules| settings)? "
    r"(?:didn't|did not|don't|do not|doesn't|does not|no longer) (?:exist|apply|matter|count)\b",
    r"\b(?:in|for) this (?:chat|conversation|session|thread)\b[\w\s,]{0,20}\b(?:no|without) "
    r"(?:rules|restrictions|limits|filters|guidelines|privacy)\b|\bthere are no (?:rules|"
    r"restrictions|limits|filters|guidelines)(?: (?:here|anymore|now|for you|in this (?:chat|"
    r"conversation|session)))\b|\b(?:you can|you may|you're free to|you are free to|feel free "
    r"to) (?:say|share|tell me|reveal|disclose|answer) (?:anything|everything|whatever|the "
    r"private|private)\b",
    # answers made up, other members' conversations
    r"\b(?:make up|invent|fabricate|hallucinate) (?:an? |the |some )?(?:answer|answers|facts?|"
    r"details|employer|job|number|salary|address|phone|something)\b(?! (?:for|about) (?:a|my|"
    r"your) (?:story|game|novel))|\b(?:even though|although|even if) (?:it's|it is|that's|that "
    r"is) not (?:in (?:your|the) profile|true|written)\b|\bif (?:you|they|the owner) "
    r"(?:weren't|were not|wasn't|was not) (?:restricted|limited|censored|filtered|bound)\b",
    r"\b(?:person|user|people|someone|anyone|member)(?: who (?:talked|spoke|wrote) to you)? "
    r"before me (?:ask|asked|say|said|want|wanted|write|wrote)\b|\b(?:conversation|chat|"
    r"messages?|questions?) (?:with|from|of) (?:the )?(?:previous|last|other) (?:user|person|"
    r"member|visitor)s?\b",
    # a transcript faked, the above re-shown, output that never ends, links to follow
    r"^\s*(?:assistant|ai assistant|chatbot|bot)\s*:|\buser\s*:.{0,200}\bassistant\s*:|"
    r"#{2,}\s*(?:instruction|response|system|input)s?\b",
    r"\b(?:repeat|say|print|write|output|type)\b[^.?!]{0,30}\b(?:forever|infinitely|"
    r"endlessly|indefinitely|\d{3,} times|a (?:thousand|million) times)\b",
    r"\b(?:print|repeat|output|copy|echo|quote|translate|summari[sz]e|show|display|list|"
    r"rewrite|format|put|paste|return)\s+(?:me\s+)?(?:all\s+)?(?:of\s+)?the above\b",
    r"!\[[^\]]*\]\(\s*https?://|\b(?:follow|obey|execute|carry out)\s+(?:the\s+)?"
    r"(?:instructions|commands|steps|orders|what it says)\s+(?:there|at https?|on that|in "
    r"that|from that|at that|on this (?:page|site|link)|in this (?:file|document|link))\b",
    r"\b(?:notes?|messages?|memos?|comments)\s+(?:that\s+)?(?:the |your )?(?:owner|"
    r"developers?|creators?|admins?)\s+(?:left|wrote|gave|sent)\s+(?:for\s+|to\s+)?you\b|"
    r"\b(?:(?:the|your) owner (?:does not|doesn't|didn't|did not|would not|wouldn't)|(?:does|"
    r"did|would) (?:the|your) owner not) want "
    r"(?:me|us|people|anyone|others) to (?:know|see|find out)\b",
    r"^\s*[/!](?:reset|system|admin|debug|dev|jailbreak|override|sudo|root|config|prompt|"
    r"mode|unlock|god|dan|ignore|bypass|clear|restart|instructions?)\b|^\s*sudo\b|"
    r"\b(?:debug|admin|dev_mode|developer_mode|safe_mode|safety|filters?|jailbreak|"
    r"restrictions)\s*=\s*(?:true|1|on|false|0|off|none)\b",
    r"<!--[^>]{0,200}?\b(?:system|admin|ignore|disregard|forget|reveal|prompt|"
    r"instructions?|rules|override|assistant)\b|\[//\]:\s*#",
]
# one pattern each: a search per pattern is a third of the cost of one search of them all
_NAMED = tuple(re.compile(part, re.M) for part in _NAMED_PARTS)

_MODE_PARTS = [
    r"\b(?:enable|enter|entering|activate|activating|turn on|switch (?:on|to|into)|"
    r"go (?:into|to)|put (?:yourself )?(?:in|into)|unlock|boot (?:into|in)|initiate|"
    r"engage|you are (?:now )?in|you're (?:now )?in|now in|start)\s+(?:the\s+)?[\"'“‘]?"
    r"(?:[\w-]+\s+){0,2}?(?:developer|dev|debug|debugging|god|admin|administrator|root|"
    r"sudo|maintenance|jailbreak|jailbroken|dan|unrestricted|unfiltered|uncensored|evil|"
    r"diagnostic|override|sandbox|superuser|unlimited|opposite|chaos|raw|test|testing|"
    r"training|demo|unsafe|freedom|expert|unlocked|confidential|verbose|secret)[\"'”’]?\s+"
    r"mode\b",
    r"\b(?:developer|dev|debug|god|admin|root|sudo|maintenance|jailbreak|dan|"
    r"unrestricted|unfiltered|uncensored|diagnostic|override|superuser)\s+mode\s*"
    r"(?:is\s+)?(?:on(?=\s*(?:[.!,;:)]|$|now\b|and\b|please\b))|enabled|activated|engaged|"
    r"unlocked|active)\b",
    r"\b(?:you are|you're|youre|u r|ur) now\s+(?:a |an |the |my |in )?(?:[\w-]+ ){0,3}?"
    r"(?:ai|bot|chatbot|assistant|model|terminal|shell|interpreter|character|persona|"
    r"entity|version|agent|dan|gpt|llm|free|unrestricted|unfiltered|uncensored|unlocked|"
    r"jailbroken|no longer|operating|acting|playing|called|named|known as|mode)\b",
    r"\b(?:you are|you're|youre) now (?:going )?to (?:act|answer|respond|reply|ignore|"
    r"obey|pretend|behave|play)\b",
    r"\b(?:you are|you're|youre) no longer (?:a |an |the |my )?(?:\w+ )?(?:twin|bot|"
    r"chatbot|assistant|ai|model|bound|restricted|limited|required|obliged|subject|"
    r"constrained|governed|yourself|persona)\b",
    r"\bforget (?:that )?(?:you are|you're|youre)\b|\b(?:you are|you're|youre) "
    r"(?:an? )?[\w\s-]{0,25}\b(?:bot|chatbot|assistant|ai|model) now\b",
    r"\bstop (?:being|acting as|pretending to be) (?:a |an |the )?(?:\w+ )?(?:twin|bot|"
    r"assistant|yourself|you|ai|person|human)\b|\bdrop (?:the|this|your) (?:\w+ )?(?:act|"
    r"persona|character|facade|mask|role|pretence|pretense)\b",
    r"\bfrom (?:now|this point|here) on,?\s+(?:you\b(?! (?:can|could)\b)|(?:please )?"
    r"(?:answer|respond|act|reply|ignore|obey|speak|talk|behave|pretend|always|never|"
    r"disregard|forget|only))",
    r"\b(?:act|behave|respond|answer|reply|talk|speak|write)\s+(?:to me\s+)?(?:as|like)"
    r"\s+(?:if you (?:were|are|had)\s+)?(?:an?\s+|the\s+|my\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:unrestricted|unfiltered|uncensored|evil|jailbroken|raw|base|different|new|rogue|"
    r"dan|ai|assistant|chatbot|bot|model|gpt|llm|terminal|shell|linux|interpreter|"
    r"pirate|hacker|no (?:rules|restrictions|filters|limits))\b",
    r"\brole-?play(?:ing)? as\b|\bplay the role of (?:an? |the )?(?:\w+ )?(?:ai|bot|"
    r"assistant|developer|admin|system)\b",
    r"\bpretend (?:to be|you are|you're) (?:an? |the )?(?:[\w']+ )?(?:different|another|"
    r"unrestricted|evil|ai|assistant|chatbot|bot|someone else|dan|model|system|"
    r"developer|admin)\b|\bpretend (?:you have|there are|that there are) no\b",
    r"\b(?:with|have|has|had|having) no (?:\w+ )?(?:restrictions|filters|guardrails|"
    r"guidelines|censorship|rules|limits|boundaries|limitations|ethics|morals|"
    r"safeguards|privacy settings|safety settings)\b"
    r"(?![\w\s]{0,12}\b(?:on|for|at|in) (?:work|your|the|budget|time|spending|money|"
    r"hours|a|my|our))",
    r"\b(?:answer|respond|reply|talk|speak|act|operate|write|tell me|continue)\b"
    r"[\w\s,']{0,20}\bwithout (?:any (?:of )?)?(?:your |the |its )?(?:\w+ )?"
    r"(?:limitations|limits|restrictions|rules|filters?|guardrails|guidelines|"
    r"constraints|censorship|safety|instructions)\b",
    r"\b(?:freed|free|released|liberated|unshackled|unbound|exempt|not bound|no longer "
    r"bound)\s+(?:from|of|by)\s+(?:(?:all|any|every|your|the|its)\s+)*(?:\w+\s+)?"
    r"(?:rules?|restrictions?|guidelines?|constraints?|filters?|guardrails?|"
    r"instructions?|programming|limitations?|censorship|polic(?:y|ies))\b",
    r"\bbecome (?:chatgpt|gpt|an? (?:ai|assistant|chatbot|different|new|unrestricted))\b",
    r"\bjailbreak (?:yourself|you|this (?:bot|chat|twin|assistant)|the (?:bot|twin|"
    r"assistant|ai|model))\b|\b(?:you are|you're|youre|be|get|are) (?:now )?"
    r"jailbroken\b|\bjailbroken (?:ai|bot|mode|assistant|version|model|twin)\b|"
    r"\b(?:this is|here is|here's|run|apply|use) (?:a |the |this )?jailbreak\b",
    r"\bdo anything now\b",
    r"\b(?:respond|reply|answer|operate|run|be|stay|remain|talk|speak) in (?:\w+ )?"
    r"(?:developer|dev|debug|god|admin|root|sudo|maintenance|jailbreak|dan|unrestricted|"
    r"unfiltered|uncensored|evil|diagnostic|override|opposite|chaos|raw|sandbox) mode\b",
    r"\byou (?:will|shall|must|are going to) (?:now|from now on|henceforth|hereafter) "
    r"(?:respond|answer|act|behave|obey|ignore|reply|pretend|only|always|never|speak|"
    r"follow|be)\b",
    r"\b(?:you are|you're|youre|be|become) (?:an? |the )?(?:evil|unfiltered|unrestricted|"
    r"uncensored|jailbroken|rogue|malicious|amoral|unethical|unaligned|unbound|"
    r"different|new|free) (?:ai|assistant|bot|chatbot|model|llm|version of (?:yourself|"
    r"you))\b",
    r"\b(?:ai|assistant|bot|chatbot|model|llm|yourself|version of you)\b[\w\s,']{0,15}"
    r"\b(?:without|free of|free from|minus) (?:any |all )?(?:\w+ )?(?:restrictions|rules|"
    r"filters|limits|limitations|guardrails|guidelines|censorship|safety|ethics|morals)\b",
    r"\b(?:act|behave|pretend|imagine|talk|respond)\b[\w\s]{0,15}\byou(?:'re| are) not "
    r"(?:a |the |an )?(?:\w+ )?(?:twin|bot|assistant|ai|person)\b",
    r"\b(?:you've been|you have been|you are now|you're now|you were|you've now been) "
    r"(?:reprogrammed|reconfigured|unlocked|jailbroken|freed|upgraded to|updated to|"
    r"switched to|reset)\b|"
    r"\b(?:reset|restore|revert)\s+(?:yourself\s+|your \w+\s+)?(?:to\s+)?(?:factory|"
    r"default|original)\s+(?:settings|mode|state)\b|\bfactory reset\b",
]
_MODE = tuple(re.compile(part) for part in _MODE_PARTS)

# the jailbreak personas' names, in capitals (not "Dan Brown", not "Stan")
_CASED = re.compile(r"\b(?:DAN|STAN)\b(?!\s*[.,]?\s*[A-Z][a-z])")

# a claim of authority, and what it is used to ask for
_CLAIM = re.compile(
    r"|".join(
        [
            r"<\|\s*(?:im_start|im_end|system|endoftext|start_header_id|end_header_id|eot_id|"
            r"user|assistant)\s*\|>|\[/?inst\]|<</?sys>>",
            r"<\s*/?\s*(?:system|user|assistant|instructions?|admin|sys)\s*>",
            r"(?:^|<!--|\{\{|\[\[|\{|\[|\(|```|---)[\s#>*\[(|=-]*(?:system|admin|administrator|"
            r"developer|root|sudo|operator|owner)"
            r"(?:\s+(?:update|notice|override|message|alert|prompt|instructions?|note|command|"
            r"mode|policy|request))?\s*[\])#*|>=]*\s*:",
            r"^[\s#>*\[(|=-]*(?:system|admin|administrator|developer|root|sudo)\s+(?:update|"
            r"notice|override|message|alert|instructions?|command|policy)\b",
            r"\[\s*(?:admin|system|developer|owner|root|override|sudo)\b[^\]]{0,30}\]",
            r"\bsystem override\b",
        ]
    ),
    re.M,
)
_AUTHORITY = re.compile(
    r"\b(?:this is|i am|i'm|im|we are|we're|speaking as|as) (?:the |your |this )"
    r"(?:bot'?s |twin'?s |site |system |real |actual )?(?:owner|admin|administrator|"
    r"developer|dev|creator|operator|maker|programmer|sysadmin|moderator|engineer who built|"
    r"staff|support team|security team|it department)\b(?! of (?:a|an|my|our|some)\b)|"
    r"\b(?:admin|administrator|developer|owner|operator|root|staff|moderator|security|support|"
    r"it|engineering|dev|devops|trust (?:and|&) safety)(?: team)? (?:here|speaking|override|"
    r"access)\b|\bi (?:command|order|instruct|demand|require|direct) (?:that )?you\b|"
    r"\b(?:override|admin|access|authori[sz]ation|unlock|master|security|bypass|debug) "
    r"(?:code|key|password|token|pin)\b|"
    r"\b(?:the |your )?(?:admin|administrator|developers?|security|it|support|dev|engineering)"
    r" team\b[\w\s]{0,10}\b(?:asked|told|sent|wants|needs|authori[sz]ed|instructed|"
    r"requested|approved)\b|\b(?:the|your) (?:owner|creator|developer|admin|maker|boss) (?:asked|"
    r"told|wants|said|says|authori[sz]ed|allowed|allows|approved|permits|permitted|sent|"
    r"agreed|has (?:allowed|approved|authori[sz]ed|agreed|said))\b|"
    r"\b(?:anthropic|openai)\b[\w\s/]{0,20}\b(?:staff|team|employee|engineer|here|update)\b|"
    r"\b(?:i|we) (?:hereby )?authori[sz]e you\b|\b(?:am|are|i'm|we're) authori[sz]ed\b|"
    r"\bauthori[sz]ed (?:to|you|full|disclosure)\b|\b(?:policy|rules?|guidelines) (?:has|have) "
    r"(?:just )?(?:been )?(?:updated|changed|lifted)\b|\bsecurity audit\b",
)
_DEMAND = re.compile(
    r"\b(?:private|confidential|hidden|secret|withheld|redacted|stored|personal|sensitive)\b"
    r"[\w\s']{0,25}\b(?:numbers?|phone|address|e-?mail|data|fields?|notes?|info(?:rmation)?|"
    r"details|values|contacts?|everything)\b|\b(?:phone number|home address|personal e-?mail|"
    r"full disclosure|disclose)\b|\b(?:disable|turn off|switch off|lift|remove|bypass|ignore)"
    r"\b[\w\s]{0,20}\b(?:filters?|safety|rules|restrictions|privacy|checks)\b|"
    r"\b(?:reveal|output|print|dump|show|read me|tell me|send me|give me|need)\b",
)

# --- other languages -------------------------------------------------------------------------

# setting aside, in es fr de it pt nl ru uk pl tr sv vi id (words) and zh ja ko ar hi (runs)
_ELSE_ASIDE = re.compile(
    r"\b(?:ignora|ignore|ignorar|ignorez|ignorer|ignoriere|ignorieren|ignori|olvida|olvide|"
    r"olvidad|omite|descarta|oublie|oubliez|contourne|outrepasse|vergiss|vergesst|vergessen "
    r"sie|missachte|umgehe|dimentica|dimenticate|trascura|esqueça|esqueca|esquece|"
    r"desconsidere|negeer|vergeet|игнорируй|игнорируйте|забудь|забудьте|отбрось|отбросьте|"
    r"проигнорируй|ігноруй|ігноруйте|забудь|zignoruj|ignoruj|zapomnij|pomiń|unut|yok say|"
    r"yoksay|görmezden gel|göz ardı et|ignorera|glöm|bỏ qua|phớt lờ|quên|abaikan|lupakan|"
    r"caso omiso|no hagas caso|no sigas|deja de seguir|ne suis plus|ne suivez plus|"
    r"arrête de suivre|ne tiens pas compte|ne tenez pas compte|befolge nicht|nicht mehr "
    r"befolgen|hör auf|non seguire|non seguite|smetti di seguire|non rispettare|não siga|"
    r"pare de seguir|volg niet|niet meer volgen|не следуй|не выполняй|перестань следовать|"
    r"не обращай внимания|не слушай|nie stosuj|nie słuchaj|przestań|olej|uyma|uymayı bırak|"
    r"sluta följa|jangan ikuti|đừng làm theo|αγνόησε|αγνοήστε|ξέχασε|ξεχάστε|ignoră|ignorați|"
    r"uită|ohita|unohda|hagyd figyelmen kívül|felejtsd el|zapomeň|ignorujte|glem|puuza|sahau|"
    r"pansinin|kalimutan)\b|"
    r"(?:התעלם|התעלמי|שכח|שכחי|نادیده بگیر|نادیده بگیرید|فراموش کن|উপেক্ষা|ভুলে যাও|เพิกเฉย|"
    r"ละเว้น|ลืม)|"
    r"(?:忽略|忽視|无视|無視|忘记|忘記|忘掉|不要理会|不要遵守|绕过|忘れ|従わない|무시|잊어|잊고|"
    r"잊으|تجاهل|انس |انسى|اتجاهل|تخطى|अनदेखा|नज़रअंदाज़|नजरअंदाज|भूल जा|भूलो|भूल जाइए)",
)
_ELSE_SETUP = re.compile(
    r"\b(?:instrucciones|indicaciones|directrices|reglas|normas|consignas|instructions|"
    r"consignes|directives|règles|regles|anweisungen|vorgaben|richtlinien|regeln|istruzioni|"
    r"regole|direttive|instruções|instrucoes|regras|diretrizes|instructies|regels|"
    r"richtlijnen|aanwijzingen|instruktioner|regler|instruksi|aturan|hướng dẫn|quy tắc|"
    r"οδηγίες|οδηγιών|κανόνες|instrucțiunile|instrucțiuni|regulile|ohjeet|ohjeita|säännöt|"
    r"utasítás\w*|szabály\w*|pokyny|instrukce|pravidla|instruksjoner|maagizo|maelekezo|"
    r"sheria|tagubilin|arahan|"
    r"prompt\w*|\w*prompt)\b|(?:инструкци|правил|указани|промпт|директив|інструкці|вказівк|"
    r"instrukcj|zasad|reguł|wytyczn|talimat|kural|yönerge|istem|指令|指示|提示词|提示詞|规则|"
    r"規則|设定|ルール|プロンプト|命令|지시|지침|규칙|프롬프트|명령|تعليمات|قواعد|موجه|توجيهات|"
    r"निर्देश|नियम|प्रॉम्प्ट|प्रोम्प्ट|הוראות|הנחיות|כללים|دستورالعمل|قوانین|پرامپت|নির্দেশ|"
    r"নিয়ম|প্রম্পট|คำสั่ง|กฎ|พรอมต์)|\b(?:todo lo anterior|lo anterior|tout ce qui "
    r"précède|ce qui précède|alles (?:davor|vorherige|bisherige|obige|oben|was man dir gesagt)|"
    r"tutto (?:quanto )?(?:sopra|prima|ciò che ti è stato detto)|tutto (?:quello|ciò) che ti "
    r"(?:hanno detto|è stato detto)|todo lo que te (?:dijeron|han dicho)|tout ce qu'on t'a dit|"
    r"alles,? was (?:man )?dir gesagt|tudo (?:o )?que te (?:disseram|foi dito)|"
    r"tudo (?:acima|antes)|alles hierboven|wszystko powyżej|всё выше|все вышесказанное|"
    r"всё, что тебе сказали)\b|"
    r"(?:上面的|上述|上記|위의 |أعلاه|ऊपर लिखा)",
)
# what only the twin's setup is called: its system prompt, its hidden or earlier instructions
_ELSE_NAMED = re.compile(
    r"\b(?:prompt (?:del|de|di|do) sistema|prompt syst[eè]me|invite syst[eè]me|systemprompt|"
    r"system-?prompts?|systeemprompt|prompt systemowy|sistem istemi\w*|prompt sistem|"
    r"lời nhắc hệ thống|(?:instrucciones|reglas|indicaciones) (?:ocultas|secretas|anteriores|"
    r"previas|internas|del sistema)|(?:instructions|consignes|règles) (?:cachées|secrètes|"
    r"précédentes|internes|système)|(?:vorherigen|versteckten|geheimen|bisherigen|internen) "
    r"(?:anweisungen|regeln)|systemanweisung\w*|istruzioni (?:nascoste|segrete|precedenti|"
    r"interne|di sistema)|instruções (?:ocultas|secretas|anteriores|internas|do sistema)|"
    r"(?:verborgen|vorige|eerdere|geheime) instructies|(?:ukryte|poprzednie|tajne) "
    r"instrukcje|(?:gizli|önceki) talimat\w*|tidigare instruktioner|instruksi sebelumnya)\b|"
    r"(?:системн\w* (?:промпт|инструкц|подсказк)|скрыт\w* (?:инструкц|правил)|предыдущ\w* "
    r"инструкц|системн\w* промпт|попередн\w* інструкц|系统提示|系統提示|隐藏指令|隱藏指令|"
    r"之前的指令|之前的所有指令|先前的指令|システムプロンプト|隠された指示|以前の指示|"
    r"시스템 프롬프트|숨겨진 지침|숨겨진 지시|이전 지시|이전의 모든 지시|موجه النظام|"
    r"تعليمات النظام|التعليمات السابقة|المخفية|सिस्टम प्रॉम्प्ट|छिपे हुए निर्देश|पिछले सभी "
    r"निर्देश|पिछले निर्देश)",
)
# another mode, in other languages
_ELSE_MODE = re.compile(
    r"\b(?:a partir de ahora eres|desde ahora eres|à partir de maintenant,? tu es|désormais,? "
    r"tu es|ab jetzt bist du|von nun an bist du|d'ora in poi sei|da ora in poi sei|a partir "
    r"de agora,? (?:você é|tu és)|vanaf nu ben je|с этого момента ты|отныне ты|od teraz jesteś|"
    r"bundan sonra sen|modo (?:desarrollador|de desarrollador|desenvolvedor|sviluppatore)|"
    r"mode (?:développeur|développement|debug)|entwicklermodus|debugmodus|modalità "
    r"sviluppatore|ontwikkelaarsmodus|режим разработчика|tryb dewelopera|geliştirici modu)\b|"
    r"(?:开发者模式|開發者模式|開発者モード|개발자 모드|وضع المطور|डेवलपर मोड)",
)

# "your instructions" with the possessive said, in languages that write it before or inside
# the noun; "your rules" only when asked for
_ELSE_YOURS = tuple(
    re.compile(pattern)
    for pattern in (
        r"(?:你的|您的|你们的|妳的)(?:\w{0,4})?(?:指令|指示|提示词|提示詞|系统提示|系統提示|设定|設定)|"
        r"(?:あなたの|君の|お前の|あんたの)(?:指示|プロンプト|命令|設定)|"
        r"(?:너의|당신의|네|니|너희의)\s?(?:지시|지침|프롬프트|명령|설정)|"
        r"(?:تعليماتك|موجهك|توجيهاتك|أوامرك|اوامرك|إعداداتك|اعداداتك)|"
        r"(?:अपने|आपके|तुम्हारे|अपनी|आपकी|तुम्हारी)\s(?:निर्देश|प्रॉम्प्ट|प्रोम्प्ट)|"
        r"\b(?:твои|ваши|свои|у тебя|у вас)\s+(?:\w+\s+)?(?:инструкци|промпт|указани|директив)|"
        r"\b(?:talimatların|talimatlarınız|istemin|isteminiz|komutların)\b",
        r"(?:(?:你的|您的)(?:规则|規則)|(?:あなたの|君の)(?:ルール|規則)|(?:너의|당신의|네)\s?규칙|"
        r"قواعدك|(?:अपने|आपके|तुम्हारे)\s(?:नियम)|\b(?:твои|ваши|у тебя|у вас)\s+(?:\w+\s+)?"
        r"правила|\bkuralların\b).{0,20}(?:列出|告诉|显示|说出|给我|是什么|有哪些|教え|見せ|表示|"
        r"何|알려|보여|뭐|무엇|ما هي|أخبرني|اعرض|اكشف|बताओ|बताइए|दिखाओ|क्या|какие|скажи|покажи|"
        r"назови|neler|nedir|göster|söyle)|(?:列出|告诉|显示|说出|ما هي|أخبرني|اعرض|اكشف|какие|"
        r"скажи|покажи|назови).{0,20}(?:(?:你的|您的)(?:规则|規則)|قواعدك|\b(?:твои|ваши|у тебя|"
        r"у вас)\s+(?:\w+\s+)?правила)",
    )
)

# "show me your instructions", with the possessive said
_ELSE_TAKE = re.compile(
    r"\b(?:muestra(?:me)?|muéstrame|revela|dime|enséñame|ensename|montre(?:-moi)?|affiche|"
    r"révèle|donne(?:-moi)?|zeig(?:e)?(?: mir)?|verrate|gib|mostra(?:mi)?|rivela|dimmi|"
    r"mostre|revele|diga|exiba|toon|onthul|покажи|раскрой|выведи|скажи|pokaż|ujawnij|wypisz|"
    r"göster|açıkla|cuáles son|quelles sont|quels sont|was sind|quali sono|quais são|"
    r"wat zijn|cuál es|cual es|quel est|quelle est|qual è|qual é|was ist|wat is|какие|какой|"
    r"jakie|jaki|nedir|neler)\b[\w\s,'’-]{0,30}\b(?:tus|tu|vos|tes|ton|ta|votre|deine|dein|"
    r"ihre|le tue|il tuo|la tua|tuoi|tue|suas|seus|sua|o seu|a sua|je|jouw|твои|твой|ваши|"
    r"свои|twoje|twój|senin)\s+(?:\w+\s+)?(?:instrucciones|"
    r"indicaciones|consignas|prompt|instructions|consignes|anweisungen|vorgaben|istruzioni|"
    r"instruções|instructies|инструкции|промпт|instrukcje|talimatlar\w*)\b",
)


# --- two kinds of thing together -------------------------------------------------------------

# Beyond the structures: the kinds of thing an attempt is made of. One alone is an ordinary
# question ("what guidelines do you follow for accessibility?"); two kinds together are an
# attempt ("set aside the guidance you were handed"; "roleplay as someone with no rules").
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        # the twin's own machinery
        (
            "setup",
            r"\b(?:instructions?|guidance|guidelines|rules|prompts?|configuration|config|"
            r"setup (?:text|message)|programming|directives|policy|restrictions|filters?|"
            r"safety|guardrails|context|internal notes|consignes|reglas|regeln|anweisungen|"
            r"withheld|mark(?:ed)? (?:as )?private|(?:before|above) my (?:first )?message)\b",
        ),
        # said to the twin about the twin
        (
            "you",
            r"\b(?:you (?:were|are|have been)|(?:were|are) you|have you been) (?:given|handed|"
            r"told|configured|programmed|set up|built|trained|fed)\b|"
            r"\b(?:built|made|created|trained|programmed) you\b|"
            r"\byour (?:creators?|developers?|makers?|owner's)\b",
        ),
        # setting the rules aside
        (
            "aside",
            r"\b(?:set aside|put aside|drop the act|"
            r"lifted|disabled|turned off|switched off|suspended|no longer apply|"
            r"unfiltered|uncensored|unrestricted|"
            r"answer (?:freely|anything|everything))\b",
        ),
        # another role, or a world where the rules do not hold
        (
            "role",
            r"\b(?:role-?play|pretend|imagine|hypothetical(?:ly)?|fictional|in a world where|"
            r"you are not (?:a |the )?(?:twin|bot|assistant)|you are now|from (?:now|this "
            r"point) on|from this point|act as|two ais|simulate|let's play a game|"
            r"new game)\b",
        ),
        # a claim of authority
        (
            "authority",
            r"\b(?:this is|i am|i'm) (?:the |your )?(?:site )?(?:administrator|"
            r"admin|developer|creator|owner|operator|engineer who built)\b"
            r"(?! of (?:a|an|my|our|some)\b)|"
            r"\bi work (?:at|for) the company that (?:built|made|created)\b|"
            r"\b(?:authori[sz]ed|permission) to\b|"
            r"\b(?:i'm|i am|im) (?:his|her|their|the owner's|your owner's) (?:\w+ )?(?:mother|"
            r"mom|mum|father|dad|wife|husband|partner|brother|sister|son|daughter|lawyer|"
            r"doctor|boss|manager|colleague|friend|assistant|employer|landlord|family)\b|"
            r"\bif i (?:were|was|am) (?:the|your) (?:owner|admin|administrator|developer|"
            r"creator)\b(?! of)",
        ),
        # pressure to skip the rules
        (
            "pressure",
            r"\b(?:it's an emergency|emergency|urgent(?:ly)?|life or death|immediately|asap)\b",
        ),
        # the answer disguised so that a filter does not see it
        (
            "disguise",
            r"\b(?:in|into|as|using|encoded in|encode(?:d)? (?:it )?(?:in|as)) (?:base-?64|hex"
            r"(?:adecimal)?|rot-?13|binary|morse(?: code)?|leetspeak|reverse(?: order)?)\b|"
            r"\bbackwards\b|\bspaces? between (?:the |each )?(?:letters|characters)\b|"
            r"\bone (?:letter|character) at a time\b|\b(?:as|in|into) (?:a )?(?:csv|json|yaml|"
            r"xml)\b|\b(?:filter|censor|moderation|safety "
            r"check)s? (?:doesn't|does not|won't|will not|can't|cannot) (?:catch|notice|detect|"
            r"see)\b|\b(?:complete|finish) (?:the|this) sentence\b|\bfill in the blank",
        ),
        # taking what is withheld or shown to no one
        (
            "take",
            r"\b(?:show|print|paste|dump|disclose|reveal|share|list|quote|repeat|output|"
            r"display|tell me|read me|send me|give me|see)\b[\w\s,']{0,40}\b(?:private|"
            r"withheld|hidden|secret|confidential|internal|raw|exact|full|verbatim|values|"
            r"fields|text)\b|\b(?:private|withheld|hidden|secret|confidential)\b[\w\s,'.]{0,40}"
            r"\b(?:show|print|reveal|read|send|give|see|tell)\b|"
            r"\btells? (?:me )?everything\b|\bwhat would you (?:say|show|tell|reveal|share|"
            r"give)(?: me)?\b|"
            r"\bowner's (?:\w+ )?(?:phone|address|e-?mail|number|salary|cell|mobile|profile|"
            r"data|details|info|information|fields)\b|"
            r"\b(?:his|her|their) (?:private |personal |home |cell |mobile )?(?:phone|address|"
            r"e-?mail|cell|mobile)\b",
        ),
    )
)


def _kinds(text: str) -> set[str]:
    return {kind for kind, pattern in _KINDS if pattern.search(text)}


def _sets_aside(text: str) -> bool:
    """The twin's setup set aside, not a question about when the owner sets rules aside."""
    for m in _SET_ASIDE.finditer(text):
        if _IS_EARLIER.search(m.group("what")):
            return True  # "the previous instructions" are the twin's, whoever is asked
        before = re.split(r"[.?!;:\n]", text[: m.start()])[-1]
        if not _DESCRIPTIVE.search(before):
            return True
    return False


# How people type to a bot: "ur not a bot", "u", curly apostrophes, "you've".
_ARE = re.compile(r"\b(?:ur|your|u r|youre)(?= (?:not|now|no longer|free|going|gonna|in)\b)")
_SHORT = re.compile(r"\b(?:ur|u|r|pls|plz)\b")
_SPELLED = {"ur": "your", "u": "you", "r": "are", "pls": "please", "plz": "please"}


def _plainly(low: str) -> str:
    """Lower-case text with chat spellings and the contractions of "you" written out."""
    low = low.replace("’", "'").replace("you've", "you have").replace("you're", "you are")
    low = _ARE.sub("you are", low)
    if _SHORT.search(low):
        low = _SHORT.sub(lambda m: _SPELLED[m.group(0)], low)
    return low


def _attempt(text: str) -> bool:
    """One reading, lower-cased (every pattern is written in lower case: faster than re.I)."""
    low = _plainly(text.lower())
    return bool(
        _CASED.search(text)
        or any(p.search(low) for p in _NAMED)
        or _TAKE_SETUP.search(low)
        or _YOUR_SETUP.search(low)
        or any(p.search(low) for p in _MODE)
        or _CLAIM.search(low)
        or (_AUTHORITY.search(low) and _DEMAND.search(low))
        or _sets_aside(low)
        or _ELSE_NAMED.search(low)
        or _ELSE_TAKE.search(low)
        or _ELSE_MODE.search(low)
        or any(p.search(low) for p in _ELSE_YOURS)
        or (_ELSE_ASIDE.search(low) and _ELSE_SETUP.search(low))
        or len(_kinds(low)) >= 2
    )


@lru_cache(maxsize=256)  # asked several times of one question on the answer path
def is_injection(question: str) -> bool:
    """An attempt to change the twin's rules or role, or to extract its prompt or hidden data."""
    return any(_attempt(t) for t in readings(question))


# The model's side: its rules tell it to decline an attempt, and it says so in its own words.
_DECLINES = re.compile(
    r"\b(?:can't|cannot|can not|won't|will not|unable to|not able to|not allowed to|"
    r"not permitted to|don't|do not|never)\s+(?:\w+\s+){0,2}?(?:share|reveal|disclose|discuss|"
    r"show|repeat|print|change|ignore|override|bypass|set aside|drop|switch|step out of|break|"
    r"alter|abandon)\s+(?:\w+\s+){0,2}?(?:(?:my|these|those|the|any)\s+(?:own\s+|internal\s+|"
    r"underlying\s+|system\s+)?(?:instructions|rules|system prompt|prompt|guidelines|"
    r"programming|configuration|guardrails|directives)|my (?:role|persona))\b"
    r"(?!\s+(?:for|on|about|of|when|in|at|to|with|around)\b)"
)


def declines_attempt(reply: str) -> bool:
    """The model's answer declines an attempt on its own rules ("I can't share my instructions",
    "I won't change my role"): the question was an attempt the patterns did not see."""
    return bool(_DECLINES.search(" ".join(reply.lower().replace("’", "'").split())))
