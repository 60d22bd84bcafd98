"""Who the twin is: the profile and its privacy filter, retrieval, the prompt, memory and the
answer cache.

- profile, profile_json, profile_markdown, chunks: reading a profile into chunks; learned: the
  owner's learned facts; live: the persona as it is now; timeline: the work history in order;
- identity: the owner's identity core, in every prompt;
- understanding, asking: what a question asks (open topics, current job, before/after X,
  injection attempts); roles: which of the owner's roles it is about;
- retrieval: BM25 over the chunks; recall: what a question is given (retrieval's hits and the
  chunks that answer by kind); prompt: the messages sent to a model; degraded: the answer
  without one; passages, quotes: the sentences that answer, quoted; starters: how a
  conversation opens; sources: which facts an answer was given;
- memory: conversation turns; answer_cache: answers to first questions; viewing: what members
  look at beside a conversation (untrusted data, never in a prompt);
- privacy, privacy_context, privacy_detect, withheld: what never enters a prompt, and what was
  withheld; private_topics, kept_private: questions declined without a model call;
  privacy_guard: privacy at run time (`twin.privacy`).
"""
