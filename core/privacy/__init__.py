"""Privacy: what never enters a prompt, what was withheld, and which questions are declined.

- privacy, privacy_context, privacy_detect: the rules that keep private data out of chunks
  (and so out of prompts): sensitive keys, private paths, and the private values found in free
  text (e-mail, phone, address, birth date, pay, bank account, card, national id);
- withheld: what those rules withheld from a profile, for the owner to check (`twin privacy`);
- private_topics, kept_private: questions declined without a model call (the built-in private
  topics, and the ones the owner chose to keep private from an owner card);
- privacy_guard: privacy at run time (`twin.privacy`): declines, what may be stored, retention.
"""
