"""What a question asks, read from its wording: chat (chat spellings written out, read before
anything else); understanding and asking (open topics, the current job, before or after X);
stance (a taste, a stance, a reason or a moment, which a fact does not state); openers ("tell me
about yourself" in its many wordings) and opener_shape (the shape of one: a request whose object
is me as a whole, nothing narrower left); twin_nature (a question about the twin itself: "are you
a bot?" answered honestly, its model or makers never a gap); roles (which of the owner's roles
it is about); starters (how a conversation opens); small_talk (a greeting, thanks or goodbye
answered, and the shape and opening of a reply without a model)."""
