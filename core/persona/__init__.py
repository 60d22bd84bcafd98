"""Who the twin is: the profile, retrieval, the prompt, memory and the answer cache (privacy
lives in `core.privacy`, the learned facts in `core.owner`).

- profile, profile_json, profile_markdown, chunks: reading a profile into chunks; live: the
  persona as it is now; timeline: the work history in order;
- identity: the owner's identity core, in every prompt;
- chat: chat spellings written out ("do u know sql"), read before anything else;
- understanding, asking: what a question asks (open topics, current job, before/after X);
  stance: a taste, a stance, a reason or a moment asked, which a fact does not state;
  openers: "tell me about yourself" and its many wordings (texting forms and typos too);
  opener_shape: the shape of one, a request whose object is me as a whole, nothing narrower left;
  twin_nature: "are you a bot?" and the honest answer (the owner's digital twin, then who they are);
  injection (with injection_phrases, injection_shapes, injection_languages, injection_requests):
  attempts to change the rules or extract the prompt, or asks to do something else than answer
  for the owner, in any language; anchors: the words a pattern cannot match without, read from
  the pattern, so that injection runs only the patterns a question may match; lazy_pattern: a
  pattern compiled at its first search; disguises: what they wear, undone; twin_nature's about_the_twin: a
  question about the twin itself (a bot or the person, its model, its makers), never a gap;
  roles: which of the owner's roles it is about;
- retrieval: BM25 over the chunks; kinds: kinds of technology and their names ("databases"
  and PostgreSQL); recall: what a question is given (retrieval's hits and the chunks that
  answer by kind); prompt: the messages sent to a model; outline: a large profile's sections
  and their entries, in every prompt; degraded: the answer without one; small_talk: its
  shape and opening, and a greeting, thanks or goodbye answered;
  holding: whether a passage holds what is asked (its subject, a thing of the kind asked);
  aspiring: a goal or plan answers what the owner wants, not what they do; demands: what a
  question's shape asks of a passage (a reason, a count, a date); near_answer: a model's
  reply that denies the thing asked and offers a neighbour (a gap);
  passages, quotes: the sentences that answer, quoted; lists: the list asked for; results:
  the figures of the work and how long the career is; tools_used: what an entry was done
  with; stated: answers from the one line that states them (what my company does, where I
  come from, my learning focus); named_job: the job a question names by its employer;
  periods: the jobs of a year, of my studies, of my career's start; job_answers: both,
  answered and given to the model; degrees: my highest level of study; starters: how a
  conversation opens; sources: which facts an answer was given; concepts: questions answered
  by concept before their words are searched (person: my name, place and address on a network;
  projects; made: the projects a job tells when no section lists them; goals; credentials:
  schools, certificates, courses; challenge: a hard problem; focus: what I focus on now;
  passion: what I care about; sections: volunteering, awards, talks, publications, references);
- memory: conversation turns; answer_cache: answers to first questions; viewing: what members
  look at beside a conversation (untrusted data, never in a prompt).
"""
