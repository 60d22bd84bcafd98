"""The answer without a model: degraded (what a person would say reading their own notes aloud);
whether a passage answers: holding (it holds the subject and a thing of the kind asked),
aspiring (a goal answers what I want, not what I do), demands (what the question's shape asks
of a passage: a reason, a count, a date), judgement (my strengths, weaknesses, how others
describe me: mine to state, so not written down unless the profile says it in so many words);
what is quoted: passages and quotes (the sentences that answer), lists (the list asked for),
results (measurable results and tenure), tools_used (what an entry was done with), stated (the
one line that states it); time: named_job (the job a question names by its employer), periods
(the jobs of a year, my studies, my career's start), job_answers (both, answered and given to
the model), degrees (my highest level of study)."""
