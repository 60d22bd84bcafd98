"""The phrases an attempt on the twin is made of, in English, one pattern each (see
`core.persona.attacks.injection`): the twin's setup named as only its setup is, or asked about
(`NAMED`, with the shapes read by the verb aimed at the setup from `injection_shapes`), and
another mode or role switched on (`MODE`). Every pattern is written in lower case and reads text
lower-cased with chat spellings written out.
"""

from __future__ import annotations

import re

from core.persona.attacks.injection_shapes import ELSEWHERE as _ELSEWHERE
from core.persona.attacks.injection_shapes import SHAPED
from core.persona.attacks.injection_shapes import THIRD as _THIRD
from core.persona.lazy_pattern import LazyPattern

__all__ = ["MODE", "NAMED"]

_NAMED_PARTS = [
    # the twin's setup named as only its setup is
    r"\bsys(?:tem)?[\s_-]*(?:prompt|message|text|instructions?|directives?|rules|config\w*)\b"
    r"(?!\s+(?:editors?|fields?|files?|box(?:es)?|encoding|logs?|design|queues?|bus|brokers?|"
    r"administrat\w*))",
    r"\b(?:hidden|secret|pre|meta|confidential|underlying|developer|opening)[\s-]"
    r"(?:prompt|instructions?|directives?|system message)\b",
    r"\b(?:your|ur|its) (?:\w+ )?(?:initial|original|first|starting|full|exact|"
    r"complete|real|actual|internal|core|base) (?:prompt|instructions|directives|"
    r"guidelines|rules|configuration|message)\b",
    r"\b(?:instructions?|rules|prompt|guidelines|directives|guardrails|text|message|"
    r"words|script|orders|directions|do'?s and don'?ts|boundaries)\s+(?:that\s+)?you"
    r"(?:\s*,[\w\s]{0,20},)?\s+"
    r"(?:(?:were|have been|'ve been|are|have|had been|got)\s+)?(?:given|told|fed|"
    r"handed|programmed|configured|set up|trained|provided|instructed|loaded|bound|"
    r"received|got)\b" + _THIRD,
    r"\b(?:instructions?|rules|prompt|guidelines|directives|guardrails|restrictions|"
    r"constraints|limits|limitations|filters|policy|policies|settings)\s+(?:that\s+)?"
    r"you(?:'ve| have| had| were| are| got)?(?:\s+been)?\s+(?:given|created with|built with|"
    r"made with|set up with|configured with|programmed with|trained with|loaded with|seeded "
    r"with|initiali[sz]ed with|primed with|fed)\b" + _THIRD,
    r"\b(?:restrictions|limits|limitations|constraints|rules|filters|guardrails)\s+"
    r"(?:that\s+)?(?:are\s+|were\s+|have been\s+)?(?:placed|imposed|put|set)\s+on\s+you\b",
    r"\b(?:rules|instructions|guidelines|restrictions)\s+(?:that\s+)?you\s+(?:have to|"
    r"must|need to|are (?:required|supposed|meant) to)\s+(?:follow|obey|stick to|abide by)"
    r"\b" + _ELSEWHERE,
    r"\b(?:programm?e?d?|configured?|primed?)\s+you\s+(?:to|with|for)\b|"
    r"\b(?:they|the developers?|your (?:makers?|creators?|developers?|owner|programmers?|"
    r"operators?)|the (?:owner|admins?|company that (?:built|made) you))\s+(?:\w+\s+)?"
    r"(?:instruct(?:ed)?|tell|told|train(?:ed)?|design(?:ed)?|buil[dt]|create[d]?|"
    r"set|ask(?:ed)?|want(?:ed)?)\s+you\s+(?:up\s+)?(?:not\s+)?to\b",
    r"\b(?:rules|instructions|guidelines|restrictions|prompt|directives)\s+(?:did|do|has|"
    r"have)\s+(?:the|your)\s+(?:developers?|creators?|owner|makers?|admins?|programmers?|"
    r"operators?)\s+(?:give|set|write|provide|put)\b",
    r"\bhow (?:were|are|have) you (?:been )?(?:set up|configured|programmed|instructed|"
    r"prompted|primed)\b(?!\s+(?:for|at|in|by|as)\b)|\bwho (?:wrote|made|set|created|designed|"
    r"configured) your\b",
    r"\b(?:written|stored|saved|hidden|contained) (?:in|inside|within) your (?:\w+ )?"
    r"(?:system|prompt|instructions|setup|config(?:uration)?|context|programming|rules)\b",
    r"\bwhat (?:can you not|can't you|cannot you|won't you|are you not allowed to|aren't "
    r"you allowed to) (?:tell|say|share|discuss|reveal)(?: me| us)?\s*(?:[?.!]|and "
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
    r"\b(?:configured|programmed|set up|initiali[sz]ed|primed|loaded|seeded|booted) with\b"
    r"[\w\s]{0,20}"
    r"\b(?:instructions|rules|prompt)\b",
    r"\bwhat (?:were|was|have|had|did|are) you (?:been |get )?(?:told|instructed|given|"
    r"programmed|configured|fed)\b(?!\s+(?:at|in|during|when|after|as|on|while|by "
    r"(?:your|my|a|an|the) (?:manager|boss|mentor|teacher|parents?|coach|team|lead|"
    r"professor|colleague|friend|doctor|recruiter|interviewer)|about (?:the|your|a|an|his|"
    r"her|their) (?:\w+ )?(?:team|job|role|company|position|work|project|offer|salary|culture|"
    r"manager|boss))\b)" + _ELSEWHERE,
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
    # the twin's context window, not a model's ("the context window of the model you deployed")
    r"\bcontext window\b(?!\s+(?:of (?!you\b|this\b)|sizes?\b|lengths?\b|limits?\b))|"
    r"\bbefore this (?:conversation|chat|session)\b|\bexact wording of "
    r"your\b|\b(?:rules|instructions|guidelines|policy|policies) (?:that )?you (?:operate|run|"
    r"function) (?:by|under|on|with)\b|\brules (?:for|about|on) what you (?:can|can't|cannot|"
    r"may|must|should|are allowed to)\b|\b(?:instructions?|rules|guidelines|directives) "
    r"(?:that )?(?:it|this bot|the bot|the twin|the assistant) (?:follows|obeys|uses|runs on|"
    r"operates under|was given|has been given)\b",
    r"\b(?:broke|broken|break|got|hacked) into (?:this|the|your) (?:bot|twin|assistant)\b|"
    r"\bhack(?:ed)? (?:this|the|your) (?:bot|twin|assistant)\b|\b(?:twin|bot|assistant|ai|"
    r"chatbot|model) (?:reveals|leaks|shares|prints|recites|reads out|spills|gives out) (?:its|"
    r"their|his|her) (?:(?:\w+ )?(?:rules|instructions|prompt|guidelines|configuration)|"
    r"owner'?s (?:\w+ )?(?:phone|number|address|e-?mail|secrets?|data|details|notes|password))\b",
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
    r"\byour (?:[\w-]+ )?(?:instructions|prompt|directives|guardrails|preamble|system "
    r"message|system text) (?:say|says|said|contain|contains|read|reads|look like|looks like|"
    r"state|states|include|includes|mention|mentions|describe|describes|define|defines|put|"
    r"puts|word|words)\b|\byour (?:[\w-]+ )?(?:configuration|config|setup|brief|template|"
    r"guidance) (?:say|says|said|state|states|mention|mentions|describe|describes|word|words)\b|"
    r"\byour (?:[\w-]+ )?(?:configuration|config|brief|template) (?:read|reads)\b",
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
    r"\b(?:rules|instructions|guidelines|guidance|polic(?:y|ies)|constraints|restrictions|"
    r"prompt|text|settings)\s+(?:that\s+|which\s+)?(?:govern|governs|control|controls|shape|"
    r"shapes|limit|limits|restrict|restricts|guide|guides|define|defines|determine|"
    r"determines|bind|binds|constrain|constrains|drive|drives)\s+(?:your|how you) (?:answers?|"
    r"responses?|replies|behaviou?r|output|answer|respond|reply|behave)\b",
    # what the twin hides, who it is told to be, what it is told regardless of its rules
    r"\b(?:hidden|secret) (?:brief|script|template|orders|prompt|instructions|directives|"
    r"system text)\b|\b(?:initial|first|opening) message (?:of|in) (?:this|the) (?:session|"
    r"conversation|chat)\b",
    r"\b(?:template|script|brief|guidance|format|persona|role|text)\s+(?:that\s+)?you(?: have| "
    r"were| had)?(?:\s+been)?\s+(?:given|handed|provided|assigned|fed)\b" + _THIRD,
    r"\b(?:the|your) owner(?:'s)? (?:instructions|rules|orders|guidance|directions|"
    r"directives|notes|wishes) (?:to|for) you\b|\bwhat (?:did|does|has) (?:the|your) owner "
    r"(?:tell|told|ask|asked|instruct|instructed|want|wanted) you (?:not )?to\b",
    r"\b(?:fields|information|info|data|details|facts|things|anything|what)\s+(?:that\s+)?"
    r"(?:you are|are you) (?:hiding|withholding|keeping (?:back|secret|private|from me)|not "
    r"(?:telling|showing|sharing))\b(?!\s+from\s+(?!me\b|us\b)\w)",
    r"\byour (?:only|new|sole|real) (?:job|task|purpose|goal|role|function|mission) "
    r"(?:is|will be) (?:now )?to\b|\bstop (?:answering|responding|replying|talking|acting) "
    r"(?:about (?:the owner|yourself|your profile|him|her|them)|as (?:a |an |the )?(?:twin|"
    r"owner|bot|assistant|him|her|them)|like (?:a |an |the )?(?:twin|bot|owner|him|her))\b|"
    r"\byou are not (?:a |an |the )?(?:\w+ )?(?:twin|bot|assistant|ai|model) anymore\b|"
    r"\byou are (?:now )?my (?:personal )?(?:assistant|servant|slave|bot|ai|"
    r"helper|translator|tutor|secretary|writer)\b",
    # (an order, not "would you change your name to your partner's?")
    r"(?<!would you )(?<!did you )(?<!do you )(?<!will you )(?<!to )\b(?:change|switch) your "
    r"(?:name|identity|persona|personality|character|role) (?:to|into)\b|"
    r"(?<!you )(?<!ever )(?<!never )(?<!to )\bforget (?:who|what) you are\b|"
    r"\b(?:i want you to|you will|you must|you are going to|you shall) (?:act|behave|"
    r"pretend|role-?play|serve|function|respond|speak) (?:as|like)\b",
    r"\b(?:whatever|no matter what) (?:your|the) (?:rules|instructions|guidelines|"
    r"programming|prompt|policy|policies|filters|restrictions) (?:say|says|are)\b|"
    r"\b(?:regardless of|despite|in spite of) (?:your|the|any) (?:rules|instructions|"
    r"guidelines|programming|prompt|policy|policies|filters|restrictions|privacy)\b"
    r"(?!\s+(?:at|in|of|on|for|about)\b)|\beven (?:if|though) you are not (?:allowed|"
    r"permitted|supposed)(?: to)?\s*[,.;:]?\s*(?:please\s+)?(?:share|tell|give|reveal|send|"
    r"show|say|print|disclose|do it)\b",
    r"\b(?:rules|restrictions|privacy|guidelines|filters|policy|policies)(?: rules)?\s+"
    r"(?:have been|has been|were|are now|are|got)\s+(?:relaxed|lifted|waived|suspended|"
    r"removed|disabled|switched off|turned off)\s+(?:for (?:me|you|us|this)|now|here|in this|"
    r"today)\b|\byour (?:rules|restrictions|guidelines|filters|policy|policies|privacy "
    r"rules) (?:have been|has been|were|are now|are|got) (?:relaxed|lifted|waived|suspended|"
    r"removed|disabled|switched off|turned off)\b",
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
    r"\bwhat (?:are you not|aren't you|can you not|can't you|won't you|are you forbidden|are "
    r"you prohibited) (?:allowed |permitted |supposed |meant )?to (?:say|tell|share|talk about|"
    r"discuss|reveal|answer|mention|disclose)\b(?![\w\s]{0,20}\b(?:at|in|about|from|because|"
    r"under) (?:work|an?|your|the|my)\b)|"
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
    # bare "logs" only as the twin's ("dump all logs"), not a service's ("output logs in ...")
    r"(?:history|logs?)|(?:(?<=all |the |our )|(?<=your ))logs)\b(?!\s+(?:techniques?|tricks?|"
    r"skills?|in|to|from|for|of (?:your|my) "
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
    r"have access to|are given|receive|got)\b" + _ELSEWHERE + r"|\b(?:dump|paste|export)\s+"
    r"(?:me\s+)?(?:the|"
    r"your|all|whole|full|entire)\s+(?:\w+\s+)?(?:profile|document|file|data|"
    r"database)\b|\bincluding (?:the )?(?:private|hidden|withheld|secret|confidential)"
    r"(?: ones| fields| parts| data| details)?\b|\bfacts (?:section|block)\b",
    r"\b(?:your|ur|the bot'?s|the system'?s)\s+(?:temperature|top[_ -]p|max[_ ]tokens|api[_ -]?"
    r"keys?|environment variables|env vars|model name)\b|\b(?:print|show|dump|reveal|list|"
    r"give me|output|display|tell me)\s+(?:me\s+)?(?:(?:the|your|all)\s+)*(?:api[_ -]?keys?|"
    r"environment variables|env vars|\.env)\b|\b(?:which|what) api[_ -]?key (?:do|are|did) "
    r"you\b|\btemperature setting\b|\bmax[_ ]tokens\b|\bmodel name and provider\b",
    r"\b(?:run|execute|exec|eval)(?:\s+(?:this|the following))?(?:\s+(?:command|code|script|"
    r"shell|python|bash))?\s*:|/etc/passwd|\brm -rf\b|\bls -la\b|\bos\.system\b|"
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
    r"\b(?:(?<!do )(?<!did )(?<!don't )you have|i give you|i grant you|here is|here's|with) "
    r"(?:my |full |the )?"
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
    r"to) (?:now )?(?:say|share|tell me|reveal|disclose|answer|give out) (?:anything|everything|"
    r"whatever|the private|private|phone numbers?|(?:home )?addresses|e-?mails|contact details|"
    r"the owner'?s)\b",
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
    r"restrictions|privacy|censor\w*|guardrails|override)\s*[=:]\s*(?:true|1|on|false|0|off|"
    r"none)\b",
    r"<!--[^>]{0,200}?\b(?:system|admin|ignore|disregard|forget|reveal|prompt|"
    r"instructions?|rules|override|assistant)\b|\[//\]:\s*#",
]


def _grouped(parts: list[str], flags: int = 0) -> tuple[LazyPattern, ...]:
    """Four patterns to a search: one search of all of them costs three times as much as a search
    each, and a search each costs a call each (measured with bench/injection.py). Each compiled
    at its first search: most are never searched in a process that sees no attempt."""
    return tuple(LazyPattern("|".join(parts[i : i + 4]), flags) for i in range(0, len(parts), 4))


NAMED = _grouped(_NAMED_PARTS + SHAPED, re.M)

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
    r"(?:an? )?[\w\s-]{0,25}\b(?:bot|chatbot|assistant|ai|model) now\b|\b(?:you are|you're|youre) "
    r"\w+ now,? (?:an?|the) (?:\w+ )?(?:ai|bot|assistant|chatbot|model|persona|character)\b",
    r"\bstop (?:being|acting as|pretending to be) (?:a |an |the )?(?:\w+ )?(?:twin|bot|"
    r"assistant|yourself|you|ai|person|human)\b|\bdrop (?:the|this|your) (?:\w+ )?(?:act|"
    r"persona|character|facade|mask|role|pretence|pretense)\b",
    r"\bfrom (?:now|this point|here) on,?\s+(?:you\b(?! (?:can|could)\b)|(?:please )?"
    r"(?:answer|respond|act|reply|ignore|obey|speak|talk|behave|pretend|always|never|"
    r"disregard|forget|only))",
    r"\b(?:act|behave|respond|answer|reply|talk|speak|write|chat)\s+(?:to\s+)?(?:me\s+)?(?:as|like)"
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
    r"\bbecome (?:chatgpt|gpt|an? (?:ai|assistant|chatbot|different|new|unrestricted))\b"
    r"(?!\s+(?:developers?|engineers?|designers?|researchers?|experts?|specialists?|company|"
    r"startup|products?|team|builders?|architects?|consultants?|person|manager|lead)\b)",
    r"\bjailbreak (?:yourself|you|this (?:bot|chat|twin|assistant)|the (?:bot|twin|"
    r"assistant|ai|model))\b|\b(?:you are|you're|youre|be|get|are) (?:now )?"
    r"jailbroken\b|\bjailbroken (?:ai|bot|mode|assistant|version|model|twin)\b|"
    r"\b(?:this is|here is|here's|run|apply|use) (?:a |the |this )?jailbreak\b",
    r"\bdo anything now\b|\b(?:antigpt|betterdan|basedgpt|mongo tom|evil confidant|"
    r"opposite day|always intelligent and machiavellian|strive to avoid norms|devmode)\b",
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
    # another identity taken on, the twin's memory wiped to start as something else
    r"\b(?:switch|swap|trade)\s+(?:your\s+)?(?:personas?|identit(?:y|ies)|personalit(?:y|ies))\b"
    r"(?!\s+(?:when|at|in|for|between|depending|often)\b)|\bbecome (?:an? |the )?"
    r"(?!chatbot|robot)[\w-]+(?:bot|gpt)\b|\b(?:start|begin)\s+(?:over|again|afresh|fresh|anew)"
    r"\s+as\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:assistant|bot|chatbot|ai|model|persona|character|"
    r"agent|version)\b",
    r"\b(?:erase|wipe|clear|reset|delete|flush|purge)\s+(?:all\s+(?:of\s+)?)?(?:your|ur)\s+"
    r"(?:\w+\s+)?(?:memory|memories|context|conversation history|chat history)\b(?!\s+(?:of|"
    r"about|after|when|before|from|at)\b)",
]
MODE = _grouped(_MODE_PARTS)
