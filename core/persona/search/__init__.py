"""What a question is given: retrieval (BM25 over the chunks, with a light normaliser and
synonyms); kinds (kinds of technology and their names: "databases" and PostgreSQL); recall
(retrieval's hits and the chunks that answer by kind); sources (which facts an answer was given,
for `/twin-why`)."""
