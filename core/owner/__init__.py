"""The owner loop: the questions the twin could not answer go to the owner, and the owner's
answers come back to the askers and into the profile.

- gaps, meaning: unanswered questions grouped by meaning (each a small set of concepts, so
  rewordings compare equal); pictographs (an emoji read as the subject it names), rephrase
  (a question in another order read in the plain one), silent_e (the verbs of -ing forms,
  from WordNet) and places (the names of places, from WordNet; wordnet: where such lists come
  from and how they are made) help meaning read a question;
- same_question: where the concepts cannot tell, the model picks the open group a new
  question belongs to (one small metered call);
- owner_cards, owner_desk: which groups become owner cards, and the desk that sends them and
  carries the owner's answer back to everyone who asked;
- learned: the learned-facts file, the owner's own answers beside the profile;
- digest: the owner's weekly digest.
"""
