"""Questions answered by concept before their words are searched: concepts (the router: which
concept a question asks for, and its quotes); person (my name, place and address on a
network); projects, with made (what my jobs say I built, and their highlighted projects);
goals; credentials (schools, certificates, courses); challenge (a hard problem); focus (what I
focus on now); passion (what I care about); sections (volunteering, awards, talks,
publications, references)."""
