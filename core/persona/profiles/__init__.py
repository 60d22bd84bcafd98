"""A profile, read: profile (load_profile: a JSON or Markdown file into chunks), profile_json and
profile_markdown (each layout into drafts), chunks (drafts and the text helpers the readers
share); live, the persona as it is now (the profile and the learned facts); timeline, the work
history in order; identity, the owner's identity core in every prompt; outline, a large
profile's sections and their entries, in every prompt."""
