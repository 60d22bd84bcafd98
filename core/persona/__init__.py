"""Who the twin is: the profile, retrieval, the prompt, memory and the answer cache (privacy
lives in `core.privacy`, the learned facts in `core.owner`).

- profile, profile_json, profile_markdown, chunks: reading a profile into chunks; live: the
  persona as it is now; timeline: the work history in order;
- identity: the owner's identity core, in every prompt;
- understanding, asking: what a question asks (open topics, current job, before/after X);
  openers: "tell me about yourself" and its many wordings (texting forms and typos too);
  injection: attempts to change the rules or extract the prompt, disguised or not; roles:
  which of the owner's roles it is about;
- retrieval: BM25 over the chunks; recall: what a question is given (retrieval's hits and the
  chunks that answer by kind); prompt: the messages sent to a model; degraded: the answer
  without one; passages, quotes: the sentences that answer, quoted; starters: how a
  conversation opens; sources: which facts an answer was given;
- memory: conversation turns; answer_cache: answers to first questions; viewing: what members
  look at beside a conversation (untrusted data, never in a prompt).
"""
