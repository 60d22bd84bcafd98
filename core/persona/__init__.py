"""Who the twin is and how it reads a question (privacy lives in `core.privacy`, the learned
facts in `core.owner`). One package a concept:

- profiles: a profile file read into chunks, the live persona, the work history in order, the
  identity core and the outline every prompt carries;
- questions: what a question asks (chat spellings, openers, open topics, a stance, which role);
- attacks: attempts to change the twin's rules or pull out its prompt, in any language;
- search: the chunks a question is given (BM25 retrieval, kinds of technology, recall) and
  which facts an answer was given;
- offline: the answer without a model, quoted from the sentences that answer (or "not written
  down" when no passage holds what is asked);
- facts: questions answered by concept before their words are searched (my name and place,
  projects, goals, credentials, a hard problem, focus, passion, kinds of section).

Here: prompt, the messages sent to a model (and the answer without one); near_answer, a model's
reply that denies the thing asked and offers a neighbour (a gap); anchors, the words a pattern
cannot match without (with lazy_pattern, a pattern compiled at its first search), so that only
the patterns a question may match run; memory, conversation turns; answer_cache, answers to
first questions; viewing, what members look at beside a conversation (untrusted data, never in
a prompt).
"""
