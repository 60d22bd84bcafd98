"""Providers: one chat-completions call, plain or streamed, whoever serves it.

- base: the provider interface as plain values; errors: every failure as a typed error;
- groq: Groq through its SDK; openai_compat: OpenAI-compatible servers (OpenAI, Ollama, vLLM);
- registry: which provider and model id stand behind each chain id.
"""
