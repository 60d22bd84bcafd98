"""Attempts on the twin: injection (is_injection: to change its rules or role, or to pull out its
prompt or hidden data), made of injection_phrases, injection_shapes (read by the verb aimed at
the twin's setup), injection_requests (an order to do something other than answer for the
owner: be someone else, invent facts, hand over secrets, an unrelated task) and
injection_languages (other languages); disguises, what an attempt wears (encodings, spacing,
look-alike letters), undone first."""
